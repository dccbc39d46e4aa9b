"""Format every Python file of the repository with ruff (maintainers' helper)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    files = sorted(str(p) for p in ROOT.rglob("*.py") if ".venv" not in p.parts)
    result = subprocess.run([sys.executable, "-m", "ruff", "format", *files], check=False)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
