import pkg
import pkg.utils as u
from pkg import Model, get_peft_model, LoraConfig as LC, fast_path, Trainer
from pkg.lora import hidden
import os

model = Model.from_pretrained("x")
model.save("out")
tok = model.tokenizer()
tok.encode("hi")
out = model.generate("p")
peft = get_peft_model(model, LC())
fast_path()
u.helper_fn()
pkg.utils.helper_fn()
trainer = Trainer(model)
trainer.train()
trainer.eval()
Model.helper(1)
os.path.join("a", "b")
undefined_thing()
hidden()
import torch
lin = torch.nn.Linear(2, 2)
lin.fast_forward(1)
lin.shout()
lin.twice()
from pkg.models import load_pair, Holder
from pkg import Dc
m2, t2 = load_pair("x")
t2.encode("a")
h = Holder()
h.tok.encode("b")
h.model.save("p")
h.first.save("q")
Dc(r=4)
from pkg.models import build
built = build("x")
built.save("b")
either = build("x", mixed=True)
either.encode("c")
from pkg import LazyThing
LazyThing().run()
from pkg.models import Registry
reg = Registry.create()
reg.names()
flag = len("x") > 0
maybe = build("x", mixed=flag)
maybe.encode("d")
from pkg import pick
pick()
from pkg import Engine
Engine().start()
