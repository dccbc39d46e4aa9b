import json


def prepare_data(args) -> int:
    """Turn a raw JSONL file into tokenized training examples."""
    with open(args.source) as f:
        rows = [json.loads(line) for line in f]
    print(f"{len(rows)} examples")
    return 0
