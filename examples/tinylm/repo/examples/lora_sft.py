"""Supervised fine-tuning with LoRA adapters on a chat dataset."""
from tinylm import FastModel, LoraConfig, Trainer, TrainingArguments, get_peft_model
from tinylm import format_chat, load_dataset_file as load_data


def main():
    # Load the base model in 4-bit to fit a single GPU.
    model = FastModel.from_pretrained(
        "acme/tiny-1b",
        max_seq_length=4096,  # long chats need a long context
        load_in_4bit=True,  # quantize the frozen weights
    )
    # Add LoRA adapters.
    model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32))
    records = load_data("data/chat.jsonl", split="train")
    # Turn records into chat transcripts.
    dataset = format_chat(records, template="chatml")
    args = TrainingArguments(epochs=2, learning_rate=1e-4)
    trainer = Trainer(model=model, args=args, train_dataset=dataset)
    metrics = trainer.train()
    trainer.log_metrics(metrics)
    # Save only the adapters.
    model.save_pretrained("outputs/lora")


if __name__ == "__main__":
    main()
