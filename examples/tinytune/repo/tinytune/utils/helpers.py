"""Helpers re-exported by ``tinytune.utils``."""

import random

import numpy as np
import torch

__all__ = ["resolve_dtype", "seed_everything"]


def resolve_dtype(name: str = "auto") -> torch.dtype:
    """Turn a dtype name into a ``torch.dtype``; ``"auto"`` picks bf16 when supported."""
    if name == "auto":
        if torch.cuda.is_available() and torch.cuda.is_bf16_supported():
            return torch.bfloat16
        return torch.float16
    return getattr(torch, name)


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and torch for reproducible runs."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _format_bytes(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024:
            return f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TiB"
