from jsonargparse import CLI

from lmkit.chat import main as chat_fn
from lmkit.download import download_from_hub as download_fn
from lmkit.finetune.full import setup as finetune_full_fn
from lmkit.finetune.lora import setup as finetune_lora_fn
from lmkit.serve import run_server as serve_fn

PARSER_DATA = {
    "download": download_fn,
    "finetune": {"lora": finetune_lora_fn, "full": finetune_full_fn},
    "chat": chat_fn,
    "serve": serve_fn,
}


def main() -> None:
    CLI(PARSER_DATA)


if __name__ == "__main__":
    main()
