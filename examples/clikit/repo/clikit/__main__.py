"""Command line: ``clikit build site.yaml`` and ``clikit check site.yaml``."""

import argparse
import sys

from rich.console import Console

from .config import load_config
from .pipeline import run_pipeline
from .render import THEMES, Renderer


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="clikit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="render the site and run the post-processing hook")
    build.add_argument("config", help="path to the site YAML file")
    build.add_argument("--theme", choices=sorted(THEMES), default="plain")
    check = sub.add_parser("check", help="validate the configuration only")
    check.add_argument("config")
    for p in (build, check):
        p.add_argument("--strict", action="store_true", help="fail on the first problem")
    args = parser.parse_args(argv)

    console = Console(stderr=True)
    config = load_config(args.config, strict=args.strict)
    problems = config.validate()
    for problem in problems:
        console.print(f"[yellow]warning:[/] {problem}")
    if args.command == "check":
        return 1 if problems else 0

    output = run_pipeline(config, renderer=Renderer(theme=args.theme))
    console.print(f"[green]built[/] {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
