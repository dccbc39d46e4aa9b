import zipfile
from pathlib import Path

from PIL import Image


def resize_images(src: str, width: int) -> int:
    """Resize the images of a folder in place; returns how many."""
    n = 0
    for p in Path(src).glob("*.jpg"):
        img = Image.open(p)
        img.resize((width, img.height * width // img.width)).save(p)
        n += 1
    return n


def build_dataset_index(folder: str, split: float) -> None:
    """Write train.txt and val.txt listing the images of a folder."""
    files = sorted(Path(folder).glob("*.jpg"))
    cut = int(len(files) * (1 - split))
    Path(folder, "train.txt").write_text("\n".join(map(str, files[:cut])))
    Path(folder, "val.txt").write_text("\n".join(map(str, files[cut:])))


def write_archive(folder: str, out: str) -> None:
    """Zip a folder."""
    with zipfile.ZipFile(out, "w") as z:
        for p in Path(folder).iterdir():
            z.write(p)
