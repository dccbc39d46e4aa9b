"""Remote configuration."""
import requests

from .config import Config


def fetch_remote(url: str, timeout: float = 10.0) -> Config:
    """Download a configuration from a URL."""
    response = requests.get(url, timeout=timeout)
    response.raise_for_status()
    return Config(response.json())
