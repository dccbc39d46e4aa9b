"""Build pipeline: render, write, then run the post-processing hook."""

import os
import shlex

from .render import Renderer


def run_pipeline(config, renderer=None) -> str:
    """Render ``config`` to ``<output_dir>/index.html`` and run ``clikit-post`` on it.

    Returns the path of the written page.
    """
    renderer = renderer or Renderer()
    target = os.path.join(config.output_dir, "index.html")
    path = renderer.write(config, target)
    status = os.system(f"clikit-post {shlex.quote(str(path))}")
    if status != 0:
        raise RuntimeError(f"clikit-post failed with status {status}")
    return str(path)
