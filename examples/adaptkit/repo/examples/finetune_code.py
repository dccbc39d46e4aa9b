"""Fine-tune an adapter for code completion."""
from adaptkit import AdapterConfig, Model, Trainer, TrainingArgs, add_adapter

model = Model.from_pretrained("acme/small-code")
model = add_adapter(model, AdapterConfig(target="mlp"))
trainer = Trainer(model, ["def f(): pass"], TrainingArgs())
trainer.train()
model.save("out/code")
