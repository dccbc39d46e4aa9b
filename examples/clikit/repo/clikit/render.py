"""Render a configuration to HTML."""

from __future__ import annotations

import html
from pathlib import Path
from typing import IO, Optional, Union, overload

THEMES = {
    "plain": "",
    "dark": ' data-theme="dark"',
    "print": ' data-theme="print"',
}


class Renderer:
    """Turn a :class:`~clikit.config.Config` into a single HTML page."""

    def __init__(self, theme: str = "plain"):
        if theme not in THEMES:
            raise ValueError(f"unknown theme {theme!r}; choose one of {sorted(THEMES)}")
        self.theme = theme

    def render(self, config) -> str:
        """Return the HTML for ``config``."""
        lines = [f"<html{THEMES[self.theme]}>", f"<h1>{html.escape(config.name)}</h1>"]
        for page in config.pages:
            lines.append(f"<section><h2>{html.escape(str(page.get('title', '')))}</h2></section>")
        lines.append("</html>")
        return "\n".join(lines)

    @overload
    def write(self, config, target: str) -> Path: ...

    @overload
    def write(self, config, target: IO[str]) -> None: ...

    def write(self, config, target: Union[str, IO[str]]) -> Optional[Path]:
        """Render ``config`` into a file path (returned) or an open text stream."""
        text = self.render(config)
        if isinstance(target, str):
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text + "\n", encoding="utf-8")
            return path
        target.write(text + "\n")
        return None
