"""Pretraining objectives, their batches and losses, and the inspector. Each objective's engine side is one module
here, registered in ``ENGINES`` under its descriptor's name (config/objectives.py); the trainer, the builder, the
inspector and the gallery ask ``ENGINES`` and never a name."""

from lmstudio_app.config.schema import ObjectiveConfig
from lmstudio_app.engine.data.tokenizer import TextTokenizer
from lmstudio_app.engine.objectives import (
    causal,
    denoising,
    electra,
    masked,
    permutation,
    prefix_lm,
    span_corruption,
)
from lmstudio_app.engine.objectives.batch import (
    IGNORE,
    Batch,
    Example,
    Tag,
    example_rngs,
)
from lmstudio_app.engine.objectives.objectives import (
    GalleryMask,
    ModelParts,
    Objective,
    token_loss,
)

ENGINES: dict[str, type[Objective]] = {engine.spec.name: engine for engine in (
    causal.CausalLM, prefix_lm.PrefixLM, permutation.PermutationLM, masked.MaskedLM,
    span_corruption.SpanCorruption, denoising.Denoising, electra.ReplacedTokenDetection)}


def build_objective(config: ObjectiveConfig, tokenizer: TextTokenizer, seq_len: int) -> Objective:
    return ENGINES[config.name](config, tokenizer, seq_len)


__all__ = ["ENGINES", "IGNORE", "Batch", "Example", "GalleryMask", "ModelParts", "Objective", "Tag",
           "build_objective", "example_rngs", "token_loss"]
