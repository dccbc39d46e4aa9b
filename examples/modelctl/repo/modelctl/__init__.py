"""modelctl: small language models from the shell."""
