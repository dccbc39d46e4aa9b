def helper_fn():
    return 2
