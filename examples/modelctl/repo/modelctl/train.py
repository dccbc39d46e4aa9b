def train(args) -> int:
    """Fine-tune a LoRA adapter on a checkpoint."""
    for epoch in range(args.epochs):
        print(f"epoch {epoch}: lr={args.lr}")
    return 0
