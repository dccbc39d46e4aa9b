"""LoRA configuration and adapter injection."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import List

import torch
from peft import LoraConfig as PeftLoraConfig
from peft import get_peft_model as _peft_get_peft_model

from .models.loader import FastModel


@dataclass
class LoraConfig:
    """Hyper-parameters of the LoRA adapters."""

    r: int = 8
    lora_alpha: int = 16
    lora_dropout: float = 0.0
    target_modules: List[str] = field(
        default_factory=lambda: ["q_proj", "k_proj", "v_proj", "o_proj"]
    )
    bias: str = "none"
    use_gradient_checkpointing: bool = True


def _requires_adapters(func):
    """Refuse to run ``func`` on a model that has no LoRA adapters."""

    @functools.wraps(func)
    def wrapper(model: FastModel, *args, **kwargs):
        if not model.adapters:
            raise ValueError("call get_peft_model() before using adapters")
        return func(model, *args, **kwargs)

    return wrapper


def get_peft_model(model: FastModel, config: LoraConfig) -> FastModel:
    """Add LoRA adapters to ``model`` and freeze the base weights.

    The wrapped model is trained in place; the returned FastModel shares the
    tokenizer of the input.
    """
    peft_config = PeftLoraConfig(
        r=config.r,
        lora_alpha=config.lora_alpha,
        lora_dropout=config.lora_dropout,
        target_modules=list(config.target_modules),
        bias=config.bias,
        task_type="CAUSAL_LM",
    )
    if config.use_gradient_checkpointing:
        model.model.gradient_checkpointing_enable()
    model.model = _peft_get_peft_model(model.model, peft_config)
    model.adapters["default"] = config
    return model


@torch.no_grad()
@_requires_adapters
def merge_adapters(model: FastModel) -> FastModel:
    """Merge the LoRA weights into the base model for faster inference."""
    model.model = model.model.merge_and_unload()
    model.adapters.clear()
    return model
