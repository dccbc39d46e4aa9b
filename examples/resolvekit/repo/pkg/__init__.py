from .models import Model as Model
from .lora import *
from . import utils
try:
    from .fast import fast_path
except ImportError:
    fast_path = None
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from .trainer import Trainer

_LAZY = {"Trainer": ".trainer", "LazyThing": ".lazy"}

def __getattr__(name):
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(name)

import os as _os

if _os.environ.get("PKG_ALT"):
    from .utils import helper_fn as pick
else:
    from .fast import fast_path as pick

if _os.environ.get("PKG_LITE"):
    class Engine:
        def start(self):
            return "lite"
else:
    from .engines import *
