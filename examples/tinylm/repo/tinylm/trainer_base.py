class BaseTrainer:
    """Shared training-loop helpers."""

    def log_metrics(self, metrics: dict) -> None:
        """Print metrics, one per line."""
        for key, value in sorted(metrics.items()):
            print(key, value)
