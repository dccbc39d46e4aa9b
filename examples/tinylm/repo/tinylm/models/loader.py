"""Model loading."""
from typing import TYPE_CHECKING, Optional

import torch

if TYPE_CHECKING:
    from ..lora import LoraConfig


class FastModel:
    """A causal language model with fast kernels."""

    def __init__(self, name: str, dtype: Optional[str] = None):
        self.name = name
        self.dtype = dtype

    @classmethod
    def from_pretrained(
        cls,
        model_name: str,
        max_seq_length: int = 2048,
        load_in_4bit: bool = True,
        fast_inference: bool = False,
    ) -> "FastModel":
        """Load a pretrained model, optionally quantized to 4 bits.

        Args:
            model_name: Hub id or local path.
            max_seq_length: Longest sequence the model will see.
        """
        model = cls(model_name, dtype="nf4" if load_in_4bit else None)
        model.max_seq_length = max_seq_length
        return model
        # fast_inference is handled by the inference engine

    @staticmethod
    def device_count() -> int:
        return torch.cuda.device_count()

    def save_pretrained(self, path: str) -> None:
        """Write the adapters and the config to a folder."""
        torch.save({"name": self.name}, path)

    def generate(self, prompt: str, max_new_tokens: int = 64) -> str:
        """Generate a completion for a prompt."""
        return prompt + " ..."
