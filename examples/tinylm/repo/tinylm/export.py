"""Export to GGUF with llama.cpp."""
import subprocess


def export_gguf(model, path, quantization="q4_k_m"):
    """Convert a model to a quantized GGUF file."""
    subprocess.run(["llama-quantize", path, quantization], check=True)
    return path
