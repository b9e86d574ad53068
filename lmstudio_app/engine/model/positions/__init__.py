"""The engine side of the position schemes, one module each, registered under their descriptors' names
(config/positions.py). The builder, the attention and the Positions probe ask ``ENGINES`` and never a name."""

from __future__ import annotations

from lmstudio_app.engine.model.positions import alibi, learned, none, relative, rotary, sinusoidal
from lmstudio_app.engine.model.positions.scheme import PositionEngine

ENGINES: dict[str, PositionEngine] = {
    module.ENGINE.scheme.name: module.ENGINE for module in (learned, sinusoidal, rotary, alibi, relative, none)}

__all__ = ["ENGINES", "PositionEngine"]
