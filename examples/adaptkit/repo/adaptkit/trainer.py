from dataclasses import dataclass


@dataclass
class TrainingArgs:
    """Optimisation settings."""

    epochs: int = 1
    learning_rate: float = 1e-4


class Trainer:
    """Trains the adapters of a model on a dataset."""

    def __init__(self, model, dataset, args: TrainingArgs):
        self.model = model
        self.dataset = dataset
        self.args = args

    def train(self) -> dict:
        """Run the training loop and return the final metrics."""
        return {"loss": 0.0}
