"""tinytune: small, fast LoRA fine-tuning for causal language models."""

from .models.loader import FastModel
from .lora import get_peft_model, LoraConfig
from .trainer import Trainer, TrainingArguments
from .data import load_dataset_file, format_chat

__version__ = "0.3.1"

__all__ = [
    "FastModel",
    "get_peft_model",
    "LoraConfig",
    "Trainer",
    "TrainingArguments",
    "load_dataset_file",
    "format_chat",
]
