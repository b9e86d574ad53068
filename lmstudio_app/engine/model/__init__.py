"""The Transformer family: attention, layers, stacks, heads and their builder."""

from lmstudio_app.engine.model.build import build_model
from lmstudio_app.engine.model.transformer import ModelOutput, Transformer

__all__ = ["ModelOutput", "Transformer", "build_model"]
