"""tinylm: small language-model fine-tuning."""
from .models.loader import FastModel
from .lora import LoraConfig, get_peft_model
from .trainer import Trainer, TrainingArguments
from .data import *  # noqa: F401,F403
from .export import export_gguf as export

__all__ = ["FastModel", "LoraConfig", "get_peft_model", "Trainer", "TrainingArguments", "export"]
