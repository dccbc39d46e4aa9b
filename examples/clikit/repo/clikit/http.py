"""Fetch configurations over HTTP."""

import requests
import yaml

USER_AGENT = "clikit/1.4"


def fetch_remote(url: str, timeout: float = 10.0) -> dict:
    """Download a YAML or JSON configuration and return it as a dict."""
    response = requests.get(url, timeout=timeout, headers={"User-Agent": USER_AGENT})
    response.raise_for_status()
    if "json" in response.headers.get("Content-Type", ""):
        return response.json()
    return yaml.safe_load(response.text) or {}
