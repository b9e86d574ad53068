"""Which other tools' formats a composed model can be exported to, decided from its config alone (stdlib only,
so the window can say so while the model is being composed)."""

from __future__ import annotations

from lmstudio_app.config.schema import ExperimentConfig
from lmstudio_app.errors import ConfigError

# GPT-2's architecture, as our config's knobs: (section, field, the value GPT-2 has).
GPT2_SHAPE = (("model", "family", "decoder"), ("model", "position", "learned"), ("model", "norm", "layernorm"),
              ("model", "norm_position", "pre"), ("model", "activation", "gelu"), ("model", "bias", True),
              ("model", "n_segments", 0), ("objective", "name", "clm"), ("finetune", "task", ""))


def transformers_class(config: ExperimentConfig) -> str:
    """The ``transformers`` class the run exports as, or a ``ConfigError`` naming what has no counterpart."""
    differing = [(section, field, wanted, getattr(getattr(config, section), field))
                 for section, field, wanted in GPT2_SHAPE if getattr(getattr(config, section), field) != wanted]
    if differing:
        knobs = "; ".join(f"{section}.{field} = {have!r} (GPT-2 has {wanted!r})"
                          for section, field, wanted, have in differing)
        raise ConfigError(f"no exact transformers counterpart: {knobs}. Exportable today: decoders shaped like "
                          f"GPT-2 (learned positions, LayerNorm, GELU, pre-norm, biases, causal LM), as "
                          f"GPT2LMHeadModel; other architectures export with --format lmstudio")
    return "GPT2LMHeadModel"
