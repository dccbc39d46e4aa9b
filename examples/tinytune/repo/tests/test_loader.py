import inspect

from tinytune.models.loader import FastModel
from tinytune.trainer_base import BaseTrainer


def test_no_quantization_config_in_16_bits():
    assert FastModel._quantization_config(False) is None


def test_from_pretrained_defaults():
    params = inspect.signature(FastModel.from_pretrained).parameters
    assert params["max_seq_length"].default == 2048
    assert params["load_in_4bit"].default is True


def test_perplexity_is_capped():
    assert BaseTrainer._perplexity(0.0) == 1.0
    assert BaseTrainer._perplexity(100.0) < 5e8
