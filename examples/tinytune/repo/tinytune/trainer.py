"""Supervised and reward-based fine-tuning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, List, Optional

import torch

from .trainer_base import BaseTrainer
from .utils import seed_everything


@dataclass
class TrainingArguments:
    """Options of a training run."""

    output_dir: str = "outputs"
    learning_rate: float = 2e-4
    num_train_epochs: int = 1
    per_device_train_batch_size: int = 2
    gradient_accumulation_steps: int = 4
    logging_steps: int = 10
    seed: int = 3407


class Trainer(BaseTrainer):
    """Fine-tune a FastModel with a language-modelling loss or a reward function."""

    def __init__(self, model, args: TrainingArguments, train_dataset, reward_fn: Optional[Callable] = None):
        super().__init__(output_dir=args.output_dir)
        self.model = model
        self.args = args
        self.train_dataset = train_dataset
        self.reward_fn = reward_fn
        params = [p for p in model.model.parameters() if p.requires_grad]
        self.optimizer = torch.optim.AdamW(params, lr=args.learning_rate)

    def train(self) -> dict:
        """Run the training loop and return the final metrics."""
        seed_everything(self.args.seed)
        self.model.model.train()
        losses: List[float] = []
        batch = self.args.per_device_train_batch_size
        for _ in range(self.args.num_train_epochs):
            for start in range(0, len(self.train_dataset), batch):
                loss = self._step(self.train_dataset[start:start + batch])
                losses.append(loss)
        metrics = {"train_loss": sum(losses) / max(len(losses), 1), "steps": len(losses)}
        self.log_metrics("train", metrics)
        return metrics

    def evaluate(self, dataset) -> dict:
        """Compute the mean loss (and reward, when a reward function is set) on ``dataset``."""
        self.model.model.eval()
        with torch.no_grad():
            losses = [self._loss(row["text"]).item() for row in dataset]
        loss = sum(losses) / max(len(losses), 1)
        metrics = {"eval_loss": loss, "eval_perplexity": self._perplexity(loss)}
        if self.reward_fn is not None:
            completions = [self.model.generate(row["prompt"]) for row in dataset]
            rewards = self.reward_fn(completions, prompts=[row["prompt"] for row in dataset])
            metrics["eval_reward"] = sum(rewards) / max(len(rewards), 1)
        return metrics

    def _loss(self, text: str) -> torch.Tensor:
        tokens = self.model.tokenizer(text, return_tensors="pt").to(self.model.model.device)
        return self.model.model(**tokens, labels=tokens["input_ids"]).loss

    def _step(self, rows) -> float:
        if self.reward_fn is None:
            loss = torch.stack([self._loss(row["text"]) for row in rows]).mean()
        else:
            completions = [self.model.generate(row["prompt"]) for row in rows]
            rewards = torch.tensor(self.reward_fn(completions, prompts=[row["prompt"] for row in rows]))
            advantages = (rewards - rewards.mean()) / (rewards.std() + 1e-4)
            losses = [self._loss(row["prompt"] + c) for row, c in zip(rows, completions)]
            loss = -(advantages * -torch.stack(losses)).mean()
        loss.backward()
        self.optimizer.step()
        self.optimizer.zero_grad()
        return loss.item()
