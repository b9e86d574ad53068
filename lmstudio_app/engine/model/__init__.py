"""The Transformer family: attention, layers, stacks and heads (``engine/build.py`` assembles them with what an
objective adds)."""

from lmstudio_app.engine.model.transformer import ModelOutput, Transformer

__all__ = ["ModelOutput", "Transformer"]
