"""Fine-tune with a higher adapter rank for long documents."""
from adaptkit import AdapterConfig, Model, Trainer, TrainingArgs, add_adapter

model = Model.from_pretrained("acme/small-32k")
model = add_adapter(model, AdapterConfig(rank=32, alpha=64))
trainer = Trainer(model, ["doc one", "doc two"], TrainingArgs(epochs=1, learning_rate=5e-5))
metrics = trainer.train()
print(metrics)
model.save("out/long")
