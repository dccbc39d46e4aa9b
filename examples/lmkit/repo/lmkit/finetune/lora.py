from pathlib import Path

import torch


def setup(checkpoint_dir: Path, out_dir: Path = Path("out/lora"), lora_r: int = 8, epochs: int = 1) -> None:
    """Fine-tune a model with LoRA adapters.

    Args:
        checkpoint_dir: The base model.
        out_dir: Where to save the adapter.
        lora_r: Rank of the adapters.
        epochs: Passes over the data.
    """
    torch.manual_seed(0)
    out_dir.mkdir(parents=True, exist_ok=True)
