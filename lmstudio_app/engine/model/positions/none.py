"""No positions: an ablation. Nothing is added to the input, queries, keys or scores, so self-attention is the
same for every order of its input (a decoder's causal mask alone still tells earlier tokens from later ones)."""

from __future__ import annotations

import torch
from torch import nn

from lmstudio_app.config.positions import NONE
from lmstudio_app.engine.model.positions.scheme import Drawn, PositionEngine


class NoPositions(PositionEngine):
    scheme = NONE

    def view(self, stack: nn.Module, length: int) -> Drawn:
        """Nothing of its own to draw; to the model every position looks like every other."""
        return Drawn(similarity=torch.ones(length, length))


ENGINE = NoPositions()
