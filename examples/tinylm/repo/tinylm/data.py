"""Datasets."""
import json

try:
    import yaml
except ImportError:  # optional
    yaml = None

__all__ = ["load_dataset_file", "format_chat"]


def load_dataset_file(path: str, split: str = "train") -> list:
    """Read a JSON-lines dataset file into a list of records."""
    with open(path) as f:
        return [json.loads(line) for line in f]


def format_chat(records, template="chatml"):
    """Render records as chat transcripts.

    Parameters
    ----------
    records : list of dict
        The dataset records.
    template : str
        The chat template name.

    Returns
    -------
    list of str
    """
    return [f"<{template}>{r}" for r in records]


def _private_helper():
    return None
