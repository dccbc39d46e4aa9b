"""The build pipeline."""
import os

from .render import Renderer


def run_pipeline(config, renderer=None):
    """Render the site and run the post-processing tool."""
    renderer = renderer or Renderer()
    renderer.write(renderer.render(config))
    os.system("cfgtool-post site/")
