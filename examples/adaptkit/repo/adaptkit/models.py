import torch

from ._kernels import fused_matmul


class Model:
    """A small causal language model."""

    def __init__(self, weights):
        self.weights = weights
        self.adapters = {}

    @classmethod
    def from_pretrained(cls, name: str, dtype: str = "float32") -> "Model":
        """Load a pretrained model by name or local path."""
        return cls(torch.zeros(4, 4))

    def generate(self, prompt: str, max_new_tokens: int = 32) -> str:
        """Generate a continuation of the prompt."""
        fused_matmul(self.weights, self.weights)
        return prompt

    def save(self, path: str) -> None:
        """Save the model and its adapters to a folder."""
        torch.save(self.weights, path)

    def save_gguf(self, path: str, quantization: str = "q8_0") -> None:
        """Write the model, adapters merged in, to one GGUF file for llama.cpp.

        Args:
            path: the file to write.
            quantization: how the weights are quantized (`q4_k_m`, `q8_0`, ...).
        """
        torch.save(self.weights, path)

    def load_adapter(self, path: str, name: str) -> None:
        """Load a trained adapter from a folder under a name."""
        self.adapters[name] = path
