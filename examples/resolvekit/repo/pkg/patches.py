import types
import torch


def fast_forward(self, x):
    """Faster forward."""
    return x


def _shout(self):
    return "!"


def _a(self):
    return 1


def _b(self):
    return 2


torch.nn.Linear.fast_forward = fast_forward
setattr(torch.nn.Module, "shout", _shout)
m = torch.nn.Linear(1, 1)
m.twice = types.MethodType(_a, m)
setattr(torch.nn.Conv2d, "twice", _b)
