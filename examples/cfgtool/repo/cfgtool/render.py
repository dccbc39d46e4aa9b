"""Rendering pages."""
from typing import overload


class Renderer:
    """Turns a configuration into HTML."""

    def __init__(self, theme: str = "plain"):
        self.theme = theme

    def render(self, config) -> str:
        """Render the site's index page."""
        return f"<h1>{config.name}</h1>"

    @overload
    def write(self, html: str) -> None: ...

    @overload
    def write(self, html: bytes) -> None: ...

    def write(self, html, path="site/index.html"):
        """Write rendered HTML to disk."""
        with open(path, "w") as f:
            f.write(html if isinstance(html, str) else html.decode())
