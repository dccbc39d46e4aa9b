"""LoRA adapters."""
import functools
from dataclasses import dataclass, field

from .models.loader import FastModel


@dataclass
class LoraConfig:
    """Where and how large the LoRA adapters are."""

    r: int = 8
    lora_alpha: int = 16
    target_modules: list = field(default_factory=lambda: ["q_proj", "v_proj"])


def _logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)

    return wrapper


@_logged
@functools.lru_cache(maxsize=None)
def get_peft_model(model: FastModel, config: LoraConfig) -> FastModel:
    """Add LoRA adapters to a model and freeze the base weights."""
    model.lora = config
    return model
