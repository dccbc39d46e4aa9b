from setuptools import find_packages, setup

setup(
    name="lmkit",
    version="0.9.0",
    url="https://github.com/acme/lmkit",
    packages=find_packages(),
    install_requires=["jsonargparse", "torch"],
    entry_points={"console_scripts": ["lmkit=lmkit.__main__:main"]},
)
