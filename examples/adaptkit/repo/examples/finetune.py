"""Fine-tune an adapter on a chat dataset."""
import argparse

from adaptkit import AdapterConfig, Model, Trainer, TrainingArgs, add_adapter, is_gpu_available, print_summary, set_seed
from adaptkit.utils import load_jsonl


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="acme/small")
    args = parser.parse_args()
    set_seed(0)
    # Load the frozen base model.
    model = Model.from_pretrained(args.model, dtype="bfloat16" if is_gpu_available() else "float32")
    # Add a rank-8 adapter to the attention layers.
    model = add_adapter(model, AdapterConfig(rank=8))
    print_summary(model)
    data = load_jsonl("data/chat.jsonl")
    trainer = Trainer(model, data, TrainingArgs(epochs=2))
    trainer.train()
    # Save the adapter next to the base model.
    model.save("out/adapter")


if __name__ == "__main__":
    main()
