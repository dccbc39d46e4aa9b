"""adaptkit: train, merge and ship small adapters."""
from .models import Model
from .adapters import AdapterConfig, add_adapter, merge_adapters
from .trainer import Trainer, TrainingArgs
from .utils import is_gpu_available, print_summary, set_seed

__all__ = [
    "Model",
    "AdapterConfig",
    "add_adapter",
    "merge_adapters",
    "Trainer",
    "TrainingArgs",
    "is_gpu_available",
    "print_summary",
    "set_seed",
]
