"""Format the repository's code (a maintenance helper)."""
import pathlib
import subprocess

if __name__ == "__main__":
    files = sorted(str(p) for p in pathlib.Path(".").rglob("*.py"))
    subprocess.run(["ruff", "format", *files], check=False)
