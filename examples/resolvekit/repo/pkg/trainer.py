import torch
from .models import Model

class Trainer(torch.nn.Module):
    def __init__(self, model: Model):
        super().__init__()

    def train(self) -> dict:
        return {}
