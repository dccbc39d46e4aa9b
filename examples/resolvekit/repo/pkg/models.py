from typing import Optional, Tuple, Union, overload
import numpy as np


class Base:
    def save(self, path: str) -> None:
        """Save to disk."""
        np.save(path, 1)


class Model(Base):
    """A model."""

    def __init__(self, name: str, size: int = 3):
        self.name = name

    @classmethod
    def from_pretrained(cls, name: str):
        return cls(name)

    @staticmethod
    def helper(x):
        return x

    @overload
    def generate(self, prompt: str) -> str: ...
    @overload
    def generate(self, prompt: list) -> list: ...
    def generate(self, prompt):
        return prompt

    def tokenizer(self) -> "Tok":
        return Tok()


class Tok:
    def encode(self, text):
        return [text]


def load_pair(name) -> Tuple[Model, "Tok"]:
    return Model(name), Tok()


class Holder:
    tok: Tok

    def __init__(self):
        self.model = Model("x")

    @property
    def first(self) -> "Model":
        return self.model


def build(name, mixed=False) -> Model | Tok:
    """Build a model, or a tokenizer when mixed."""
    if mixed:
        return Tok()
    return Model(name)


class Registry:
    @classmethod
    def create(cls):
        instance = cls()
        return instance

    def names(self) -> list:
        return []
