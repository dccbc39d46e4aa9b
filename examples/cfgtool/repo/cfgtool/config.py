"""Reading and checking site configuration."""
import yaml


class Config:
    """A parsed site configuration."""

    def __init__(self, data):
        self.data = data

    @property
    def name(self):
        """The site's name."""
        return self.data.get("name", "site")

    def validate(self):
        """Check the configuration.

        :returns: the problems found, empty when the configuration is valid
        :rtype: list
        """
        return [] if "name" in self.data else ["missing name"]


def load_config(path, strict=False):
    """Load a YAML configuration file.

    :param path: the file to read
    :type path: str
    :param bool strict: fail on unknown keys
    :returns: the configuration
    :rtype: Config
    """
    with open(path) as f:
        return Config(yaml.safe_load(f))
