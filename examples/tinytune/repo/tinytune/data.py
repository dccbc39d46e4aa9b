"""Read datasets and format them into chat prompts."""

import json
from pathlib import Path

import numpy as np

try:
    import yaml
except ImportError:  # PyYAML is only needed for .yaml datasets
    yaml = None

TEMPLATES = {
    "chatml": "<|im_start|>{role}\n{content}<|im_end|>\n",
    "alpaca": "### {role}:\n{content}\n\n",
}


def load_dataset_file(path: str, split: str = "train") -> list:
    """Load the records of ``split`` from a .jsonl, .json or .yaml file."""
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    if file.suffix == ".jsonl":
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
        return [r for r in records if r.get("split", "train") == split]
    if file.suffix in (".yaml", ".yml"):
        if yaml is None:
            raise ImportError("install PyYAML to read YAML datasets")
        return list(yaml.safe_load(text).get(split, []))
    return list(json.loads(text).get(split, []))


def format_chat(records, template: str = "chatml"):
    """Format conversation records into training texts.

    Parameters
    ----------
    records : list of dict
        Each record holds a ``messages`` list of ``{"role", "content"}`` dicts.
    template : str, optional
        The chat template, ``"chatml"`` (default) or ``"alpaca"``.

    Returns
    -------
    list of dict
        One ``{"text": ..., "prompt": ...}`` dict per record; ``prompt`` is the
        conversation without its last (assistant) turn.
    """
    pattern = TEMPLATES[template]
    out = []
    for record in records:
        turns = [pattern.format(**m) for m in record["messages"]]
        out.append({"text": "".join(turns), "prompt": "".join(turns[:-1])})
    return out


def length_stats(texts) -> dict:
    """Character-length statistics of ``texts`` (mean, p95, max)."""
    lengths = np.array([len(t) for t in texts])
    return {
        "mean": float(lengths.mean()),
        "p95": float(np.percentile(lengths, 95)),
        "max": int(lengths.max()),
    }
