"""Pretraining objectives, their batches and losses, and the inspector."""

from lmstudio_app.engine.objectives.batch import (
    IGNORE,
    Batch,
    Example,
    Tag,
    example_rngs,
)
from lmstudio_app.engine.objectives.objectives import (
    OBJECTIVES,
    Objective,
    build_objective,
    token_loss,
)

__all__ = ["IGNORE", "OBJECTIVES", "Batch", "Example", "Objective", "Tag", "build_objective", "example_rngs", "token_loss"]
