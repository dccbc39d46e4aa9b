"""Load causal language models with optional 4-bit quantization."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Optional

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig

from ..utils import resolve_dtype

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizerBase


class FastModel:
    """A causal language model and its tokenizer, ready for fine-tuning."""

    def __init__(self, model: "PreTrainedModel", tokenizer: "PreTrainedTokenizerBase", max_seq_length: int):
        self.model = model
        self.tokenizer = tokenizer
        self.max_seq_length = max_seq_length
        self.adapters: dict = {}

    @classmethod
    def from_pretrained(
        cls,
        model_name: str,
        max_seq_length: int = 2048,
        load_in_4bit: bool = True,
        fast_inference: bool = False,
    ) -> "FastModel":
        """Load a pretrained model and its tokenizer.

        Args:
            model_name: A Hugging Face model id or a local directory.
            max_seq_length: The longest sequence, in tokens, the model will see.
            load_in_4bit: Quantize the weights to 4 bits (QLoRA) while loading.
            fast_inference: Keep a generation cache ready for fast sampling
                during reinforcement learning.

        Returns:
            A FastModel wrapping the model and its tokenizer.
        """
        model = AutoModelForCausalLM.from_pretrained(
            model_name,
            torch_dtype=resolve_dtype("auto"),
            quantization_config=cls._quantization_config(load_in_4bit),
            device_map="auto",
        )
        tokenizer = AutoTokenizer.from_pretrained(model_name, model_max_length=max_seq_length)
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        instance = cls(model, tokenizer, max_seq_length)
        instance.model.generation_config.use_cache = fast_inference
        return instance  # ready for get_peft_model
        # LoRA adapters are added later by get_peft_model(); keep this method
        # free of PEFT imports so 16-bit inference does not need peft.

    @staticmethod
    def _quantization_config(load_in_4bit: bool) -> Optional[BitsAndBytesConfig]:
        if not load_in_4bit:
            return None
        return BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_compute_dtype=torch.bfloat16,
        )

    def save_pretrained(self, path: str) -> None:
        """Save the LoRA adapters (or the full model) and the tokenizer to ``path``."""
        os.makedirs(path, exist_ok=True)
        self.model.save_pretrained(path)
        self.tokenizer.save_pretrained(path)

    def generate(self, prompt: str, max_new_tokens: int = 64) -> str:
        """Generate a completion for ``prompt`` and return it as text."""
        inputs = self.tokenizer(prompt, return_tensors="pt").to(self.model.device)
        with torch.no_grad():
            output = self.model.generate(**inputs, max_new_tokens=max_new_tokens)
        new_tokens = output[0][inputs["input_ids"].shape[1]:]
        return self.tokenizer.decode(new_tokens, skip_special_tokens=True)
