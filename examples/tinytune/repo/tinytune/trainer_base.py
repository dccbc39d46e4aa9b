"""Training-loop helpers shared by the trainers."""

import json
import math
import os


class BaseTrainer:
    """Bookkeeping common to every trainer: metrics history and checkpoints."""

    def __init__(self, output_dir: str = "outputs"):
        self.output_dir = output_dir
        self.history = []

    def log_metrics(self, split: str, metrics: dict) -> None:
        """Print ``metrics`` for ``split`` and keep them in the history."""
        print(f"***** {split} metrics *****")
        for key in sorted(metrics):
            print(f"  {key:<20} = {metrics[key]}")
        self.history.append({"split": split, **metrics})

    def save_state(self) -> str:
        """Write the metrics history to ``trainer_state.json`` and return its path."""
        os.makedirs(self.output_dir, exist_ok=True)
        path = os.path.join(self.output_dir, "trainer_state.json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump({"log_history": self.history}, fh, indent=2)
        return path

    @staticmethod
    def _perplexity(loss: float) -> float:
        return math.exp(min(loss, 20.0))
