"""Small helpers shared by the tinytune modules."""

from .helpers import *  # noqa: F401,F403
