"""Merge two trained adapters into one and try it."""
from adaptkit import Model, merge_adapters

model = Model.from_pretrained("acme/small")
model.load_adapter("out/chat", name="chat")
model.load_adapter("out/code", name="code")
# Weight the chat adapter higher.
model = merge_adapters(model, ["chat", "code"], [0.7, 0.3])
print(model.generate("Write a haiku about merging"))
model.save("out/merged")
