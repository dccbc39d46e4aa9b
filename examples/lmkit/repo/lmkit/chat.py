from pathlib import Path


def main(checkpoint_dir: Path, max_new_tokens: int = 50, temperature: float = 0.8) -> None:
    """Chat with a model in the terminal."""
    while True:
        prompt = input(">> Prompt: ")
        if not prompt:
            break
        print(f"({checkpoint_dir}) {prompt[:max_new_tokens]}")
