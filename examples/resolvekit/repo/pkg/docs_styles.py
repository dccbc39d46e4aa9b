"""Functions documented in the three docstring styles, without annotations."""


def google_style(path, retries=3):
    """Fetch a file.

    Args:
        path (str): Where the file is.
        retries (int, optional): How often to try.

    Returns:
        bytes: The file's content.
    """
    return b""


def numpy_style(values, scale=1.0):
    """Scale values.

    Parameters
    ----------
    values : list of float
        The values.
    scale : float
        The factor.

    Returns
    -------
    list of float
    """
    return [v * scale for v in values]


def rest_style(name, *, strict=False):
    """Look a name up.

    :param name: the name
    :type name: str
    :param bool strict: fail when missing
    :returns: the value found
    :rtype: int
    """
    return 0


class Base:
    def __init__(self, size: int, *, name: str = "base"):
        self.size = size


class Child(Base):
    """Inherits its constructor."""

    def grow(self) -> int:
        return self.size + 1
