"""lmkit: pretrain, fine-tune, chat with and serve language models."""
