"""Supervised fine-tuning of a 4-bit model with LoRA adapters (QLoRA).

Run with: python examples/lora_sft.py
"""

from tinytune import (
    FastModel,
    LoraConfig,
    Trainer,
    TrainingArguments,
    format_chat,
    get_peft_model,
    load_dataset_file,
)


def main():
    # Load the base model in 4 bits so it fits on a single consumer GPU.
    model = FastModel.from_pretrained(
        model_name="acme/tiny-chat-1b",  # any causal LM on the Hub or a local path
        max_seq_length=2048,  # longest training sequence, in tokens
        load_in_4bit=True,  # QLoRA: quantize the frozen base weights
    )

    # Add LoRA adapters; only these small matrices are trained.
    model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32))

    # Read the conversations and render them with the ChatML template.
    records = load_dataset_file("data/chat.jsonl", split="train")
    dataset = format_chat(records, template="chatml")

    # Configure the run.
    args = TrainingArguments(
        output_dir="outputs",
        learning_rate=2e-4,
        num_train_epochs=1,
        per_device_train_batch_size=2,
    )

    # Train.
    trainer = Trainer(model=model, args=args, train_dataset=dataset)
    trainer.train()

    # Save the LoRA adapters and the tokenizer.
    model.save_pretrained("out")


if __name__ == "__main__":
    main()
