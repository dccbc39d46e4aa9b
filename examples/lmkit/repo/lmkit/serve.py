from pathlib import Path


def run_server(checkpoint_dir: Path, port: int = 8000, devices: int = 1) -> None:
    """Serve a model behind an OpenAI-compatible HTTP API."""
    print(f"serving {checkpoint_dir} on :{port} with {devices} device(s)")
