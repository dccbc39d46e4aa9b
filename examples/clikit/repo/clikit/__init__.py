"""clikit: build static sites from a YAML description."""

from .config import Config, ConfigError
from .config import load_config as load
from .render import Renderer

__version__ = "1.4.0"

__all__ = ["Config", "ConfigError", "load", "Renderer"]
