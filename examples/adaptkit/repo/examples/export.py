"""Export a fine-tuned model: to GGUF files for llama.cpp, or merged into one folder."""
import argparse

from adaptkit import Model

parser = argparse.ArgumentParser()
parser.add_argument("--gguf", action="store_true")
args = parser.parse_args()
model = Model.from_pretrained("acme/small")
model.load_adapter("out/adapter", name="default")
if args.gguf:
    for method in ["q4_k_m", "q8_0"]:
        # One file per quantization method.
        model.save_gguf(f"out/model-{method}.gguf", quantization=method)
else:
    model.save("out/merged")
