"""cfgtool command line."""
import sys

from .config import load_config
from .render import Renderer
from .pipeline import run_pipeline


def main(argv=None):
    """Build the site described by a configuration file."""
    argv = sys.argv[1:] if argv is None else argv
    config = load_config(argv[0])
    problems = config.validate()
    if problems:
        raise SystemExit("\n".join(problems))
    run_pipeline(config, Renderer(theme="plain"))


if __name__ == "__main__":
    main()
