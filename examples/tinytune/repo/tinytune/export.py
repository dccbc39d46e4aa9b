"""Export fine-tuned models to GGUF for llama.cpp."""

import subprocess
from pathlib import Path

QUANTIZATIONS = ("q4_k_m", "q5_k_m", "q8_0", "f16")


def export_gguf(model, path, quantization="q4_k_m"):
    """Save ``model`` and convert it to a quantized GGUF file under ``path``.

    Needs llama.cpp's ``convert_hf_to_gguf.py`` and ``llama-quantize`` on the PATH.
    """
    if quantization not in QUANTIZATIONS:
        raise ValueError(f"unknown quantization {quantization!r}")
    out = Path(path)
    hf_dir = out / "hf"
    model.save_pretrained(str(hf_dir))
    f16 = out / "model-f16.gguf"
    subprocess.run(["convert_hf_to_gguf.py", str(hf_dir), "--outfile", str(f16)], check=True)
    if quantization == "f16":
        return f16
    target = out / f"model-{quantization}.gguf"
    subprocess.run(["llama-quantize", str(f16), str(target), quantization.upper()], check=True)
    return target
