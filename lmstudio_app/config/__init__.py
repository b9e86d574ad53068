"""The experiment config: dataclasses, validation, TOML and presets (stdlib only)."""

from lmstudio_app.config.presets import DEFAULT_PRESET, load_preset, preset_names
from lmstudio_app.config.schema import (
    DataConfig,
    ExperimentConfig,
    FinetuneConfig,
    ModelConfig,
    ObjectiveConfig,
    TokenizerConfig,
    TrainingConfig,
)
from lmstudio_app.config.toml_io import (
    from_toml,
    load_config,
    save_config,
    to_dict,
    to_toml,
)
from lmstudio_app.config.validate import (
    apply_overrides,
    apply_values,
    from_dict,
    problems_of,
    validate,
)

__all__ = [
    "apply_overrides",
    "apply_values",
    "DEFAULT_PRESET",
    "DataConfig",
    "ExperimentConfig",
    "FinetuneConfig",
    "ModelConfig",
    "ObjectiveConfig",
    "TokenizerConfig",
    "TrainingConfig",
    "from_dict",
    "from_toml",
    "load_config",
    "load_preset",
    "preset_names",
    "problems_of",
    "save_config",
    "to_dict",
    "to_toml",
    "validate",
]
