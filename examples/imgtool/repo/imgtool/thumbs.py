import click

from .cli import cli
from .ops import resize_images


@cli.command(name="thumbs")
@click.argument("src")
def make_thumbnails(src):
    """Make 128-pixel thumbnails of every image in SRC."""
    resize_images(src, 128)
