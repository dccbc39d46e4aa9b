"""The ``modelctl`` command line."""
import argparse

from .data import prepare_data
from .download import download
from .serve import add_serve_parser
from .train import train


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="modelctl")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("download", help="fetch a model from the hub")
    p.add_argument("repo_id", help="model id on the hub")
    p.add_argument("--out", default="checkpoints", help="where to save it")
    p.set_defaults(func=download)

    p = sub.add_parser("train", aliases=["finetune"], help="train a LoRA adapter")
    p.add_argument("checkpoint")
    p.add_argument("--lr", type=float, default=3e-4, help="learning rate")
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--resume", action="store_true")
    p.set_defaults(func=train)

    data = sub.add_parser("data", help="data set commands")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    prep = data_sub.add_parser("prepare")
    prep.add_argument("source")
    prep.set_defaults(func=prepare_data)

    add_serve_parser(sub)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
