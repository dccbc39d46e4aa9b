"""Bump the version (maintainers only)."""
import re
import sys

if __name__ == "__main__":
    text = open("setup.cfg").read()
    print(re.sub(r"version = .*", "version = " + sys.argv[1], text))
