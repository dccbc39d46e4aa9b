import requests


def download(args) -> int:
    """Download a model's weights from the hub into a local folder."""
    r = requests.get(f"https://hub.example.org/{args.repo_id}")
    with open(f"{args.out}/{args.repo_id.split('/')[-1]}.bin", "wb") as f:
        f.write(r.content)
    return 0
