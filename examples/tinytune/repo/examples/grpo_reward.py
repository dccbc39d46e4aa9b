"""GRPO-style reinforcement learning with a hand-written reward function.

The reward favours completions close to 200 characters; replace it with
your own scoring (a unit test, a regex, a judge model, ...).
"""

from tinytune import FastModel, LoraConfig, Trainer, TrainingArguments, format_chat, get_peft_model, load_dataset_file
from tinytune.export import export_gguf


def reward_len(completions, **kwargs):
    """Score each completion: 1.0 at 200 characters, less the further away."""
    return [max(0.0, 1.0 - abs(200 - len(c)) / 200) for c in completions]


def main():
    # fast_inference keeps the generation cache warm for sampling.
    model = FastModel.from_pretrained("acme/tiny-chat-1b", max_seq_length=1024, fast_inference=True)
    model = get_peft_model(model, LoraConfig(r=8, lora_alpha=16))

    prompts = format_chat(load_dataset_file("data/prompts.jsonl"))
    held_out = format_chat(load_dataset_file("data/prompts.jsonl", split="test"))

    args = TrainingArguments(output_dir="grpo_outputs", learning_rate=5e-6, num_train_epochs=2)
    trainer = Trainer(model=model, args=args, train_dataset=prompts, reward_fn=reward_len)
    trainer.train()

    # Score the held-out prompts with the same reward.
    metrics = trainer.evaluate(held_out)
    trainer.log_metrics("eval", metrics)

    # Quantize to GGUF for llama.cpp / Ollama.
    export_gguf(model, "gguf_out", quantization="q4_k_m")


if __name__ == "__main__":
    main()
