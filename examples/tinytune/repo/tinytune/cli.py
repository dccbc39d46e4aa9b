"""The ``tinytune-train`` command: LoRA fine-tuning from the shell."""

import argparse

from . import FastModel, LoraConfig, Trainer, TrainingArguments, format_chat, get_peft_model, load_dataset_file


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tinytune-train", description=__doc__)
    parser.add_argument("model", help="model id or local path")
    parser.add_argument("data", help="dataset file (.jsonl, .json or .yaml)")
    parser.add_argument("--output", default="outputs")
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--max-seq-length", type=int, default=2048)
    parser.add_argument("--no-4bit", action="store_true", help="load the model in 16 bits")
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    model = FastModel.from_pretrained(
        args.model,
        max_seq_length=args.max_seq_length,
        load_in_4bit=not args.no_4bit,
    )
    model = get_peft_model(model, LoraConfig(r=args.rank, lora_alpha=2 * args.rank))
    dataset = format_chat(load_dataset_file(args.data))
    training_args = TrainingArguments(output_dir=args.output, num_train_epochs=args.epochs)
    trainer = Trainer(model=model, args=training_args, train_dataset=dataset)
    trainer.train()
    model.save_pretrained(args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
