from pathlib import Path

import torch


def setup(checkpoint_dir: Path, out_dir: Path = Path("out/full"), epochs: int = 1) -> None:
    """Fine-tune every weight of a model."""
    torch.manual_seed(0)
    out_dir.mkdir(parents=True, exist_ok=True)
