__all__ = ["get_peft_model", "LoraConfig", "Dc"]

class LoraConfig:
    r: int = 8

def get_peft_model(model, config):
    """Wrap a model."""
    return model

def hidden():
    pass

from dataclasses import dataclass, field

@dataclass
class Dc:
    alpha: float
    r: int = 8
    mods: list = field(default_factory=list)
