"""Model loading."""

from .loader import FastModel

__all__ = ["FastModel"]
