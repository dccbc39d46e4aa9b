#!/usr/bin/env bash
set -euo pipefail

# Download, adapt, try out.
lmkit download acme/tiny-1b
lmkit finetune lora checkpoints/acme/tiny-1b \
  --lora_r 16 \
  --out_dir out/tiny-lora
lmkit chat out/tiny-lora
