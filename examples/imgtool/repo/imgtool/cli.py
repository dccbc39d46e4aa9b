"""The ``imgtool`` command line (click)."""
import click

from .ops import build_dataset_index, resize_images, write_archive


@click.group()
@click.option("--verbose", is_flag=True, help="print every file")
def cli(verbose):
    """Batch image operations."""


@cli.command()
@click.argument("src")
@click.option("--width", "-w", type=int, default=512, help="target width in pixels")
def resize(src, width):
    """Resize every image in SRC to WIDTH pixels wide."""
    resize_images(src, width)


@cli.group()
def dataset():
    """Data set commands."""


@dataset.command("build")
@click.argument("folder")
@click.option("--split", type=float, default=0.1, help="validation fraction")
def build_dataset(folder, split):
    """Index FOLDER as a training data set with a validation split."""
    build_dataset_index(folder, split)


@click.command()
@click.argument("folder")
@click.option("--out", default="images.zip")
def export_command(folder, out):
    """Write FOLDER into one zip archive."""
    write_archive(folder, out)


cli.add_command(export_command)

from . import thumbs  # noqa: E402  (registers `imgtool thumbs`)
