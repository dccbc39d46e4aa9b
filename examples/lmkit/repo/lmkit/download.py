from pathlib import Path
from typing import Optional


def download_from_hub(repo_id: str, checkpoint_dir: Path = Path("checkpoints"), access_token: Optional[str] = None) -> None:
    """Download a model's weights and tokenizer from the hub.

    Args:
        repo_id: The model to download.
        checkpoint_dir: Where to save it.
        access_token: Token for gated models.
    """
    (checkpoint_dir / repo_id).mkdir(parents=True, exist_ok=True)
