from helpers import setup_trainer


def test_train_returns_metrics():
    trainer = setup_trainer("acme/tiny")
    metrics = trainer.train()
    assert "loss" in metrics
