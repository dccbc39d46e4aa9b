"""Reward-based training with a user-defined reward function."""
import tinylm
from tinylm import FastModel, Trainer, TrainingArguments


def reward_len(completions, **kwargs):
    """Reward shorter completions."""
    return [-len(c) for c in completions]


model = FastModel.from_pretrained("acme/tiny-1b", fast_inference=True)
dataset = tinylm.load_dataset_file("data/prompts.jsonl")
trainer = Trainer(model, TrainingArguments(epochs=1), dataset, reward_fn=reward_len)
trainer.train()
scores = trainer.evaluate(dataset)
tinylm.export(model, "outputs/model.gguf", quantization="q8_0")
