"""lmstudio_app — a desktop lab for Transformer language models."""

__version__ = "0.1.0"
