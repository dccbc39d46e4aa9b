"""Site configuration files."""

from __future__ import annotations

import os

import yaml


class ConfigError(ValueError):
    """Raised by :func:`load_config` in strict mode when the file has problems."""


class Config:
    """A parsed site configuration."""

    def __init__(self, data: dict, source: str = "<memory>"):
        self._data = dict(data or {})
        self.source = source

    @property
    def name(self) -> str:
        """The site name; defaults to the file name without its extension."""
        default = os.path.splitext(os.path.basename(self.source))[0]
        return str(self._data.get("name", default))

    @property
    def pages(self) -> list:
        return list(self._data.get("pages", []))

    @property
    def output_dir(self) -> str:
        return str(self._data.get("output", "_site"))

    def validate(self) -> list[str]:
        """Return a list of human-readable problems (empty when the config is fine)."""
        problems = []
        if not self.pages:
            problems.append("no pages defined")
        seen = set()
        for index, page in enumerate(self.pages):
            title = page.get("title")
            if not title:
                problems.append(f"page #{index + 1} has no title")
            elif title in seen:
                problems.append(f"duplicate page title {title!r}")
            seen.add(title)
            if "template" not in page:
                problems.append(f"page {title or index + 1!r} has no template")
        return problems


def load_config(path: str, *, strict: bool = False) -> Config:
    """Load a site configuration from a YAML file.

    :param path: Path to the YAML file.
    :type path: str
    :param strict: Raise :class:`ConfigError` when validation finds problems.
    :type strict: bool
    :returns: The parsed configuration.
    :rtype: Config
    :raises ConfigError: In strict mode, when the file has problems.
    """
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    config = Config(data, source=path)
    if strict:
        problems = config.validate()
        if problems:
            raise ConfigError("; ".join(problems))
    return config
