"""Package layout that pyproject.toml cannot express on its own: the top-level
``resources/`` folder ships inside the wheel as the ``lmstudio_app.resources`` package."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["lmstudio_app", "lmstudio_app.*"]) + ["lmstudio_app.resources"],
    package_dir={"lmstudio_app.resources": "resources"},
)
