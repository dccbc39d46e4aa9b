"""Bump the version in clikit/__init__.py and setup.cfg: python scripts/release.py 1.5.0"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    ROOT / "clikit" / "__init__.py": r'(__version__ = ")[^"]+(")',
    ROOT / "setup.cfg": r"(version = )\S+()",
}


def bump(version: str) -> None:
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise SystemExit(f"not a version: {version}")
    for path, pattern in FILES.items():
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(pattern, rf"\g<1>{version}\g<2>", text, count=1), encoding="utf-8")
        print(f"{path.relative_to(ROOT)} -> {version}")


if __name__ == "__main__":
    bump(sys.argv[1])
