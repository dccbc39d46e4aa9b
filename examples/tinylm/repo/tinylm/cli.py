"""The tinylm-train command."""
import argparse

from . import FastModel, Trainer, TrainingArguments, load_dataset_file


def main(argv=None):
    """Train a model from the command line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("data")
    args = parser.parse_args(argv)
    model = FastModel.from_pretrained(args.model)
    dataset = load_dataset_file(args.data)
    trainer = Trainer(model, TrainingArguments(), dataset)
    print(trainer.train())
