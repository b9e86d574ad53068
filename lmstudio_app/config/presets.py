"""Ready-made experiments shipped in ``resources/presets/*.toml``."""

from __future__ import annotations

from importlib import resources

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import problem
from lmstudio_app.config.schema import ExperimentConfig
from lmstudio_app.config.toml_io import from_toml
from lmstudio_app.errors import ConfigError

DEFAULT_PRESET = "gpt-nano"


def _preset_files():
    folder = resources.files("lmstudio_app.resources") / "presets"
    return {entry.name.removesuffix(".toml"): entry for entry in folder.iterdir() if entry.name.endswith(".toml")}


def preset_names() -> list[str]:
    return sorted(_preset_files())


def load_preset(name: str) -> ExperimentConfig:
    files = _preset_files()
    if name not in files:
        raise ConfigError(problem("", refusals.UNKNOWN_PRESET, name=name, available=", ".join(sorted(files))))
    return from_toml(files[name].read_text(encoding="utf-8"), source=f"preset {name}")
