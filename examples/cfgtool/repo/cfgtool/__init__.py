"""cfgtool: static sites from YAML."""
from .config import load_config as load
from .render import Renderer
from .pipeline import run_pipeline

__all__ = ["load", "Renderer", "run_pipeline"]
