import random


def is_gpu_available() -> bool:
    """Whether a GPU can be used."""
    return False


def print_summary(model) -> None:
    """Print the trainable parameter count."""
    print(len(model.adapters))


def set_seed(seed: int) -> None:
    """Seed every random generator."""
    random.seed(seed)


def load_jsonl(path: str) -> list:
    """Read a JSON-lines dataset."""
    return []
