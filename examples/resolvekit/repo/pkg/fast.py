def fast_path():
    return 1
