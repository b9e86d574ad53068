"""Sinusoidal positions (Vaswani et al., 2017): a fixed sine/cosine table added to the token embeddings."""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn

from lmstudio_app.config.positions import SINUSOIDAL
from lmstudio_app.config.schema import ModelConfig
from lmstudio_app.engine.model.positions.scheme import AddedTable


class SinusoidalPositions(nn.Module):
    """The fixed sine/cosine table; no parameters."""

    def __init__(self, max_seq_len: int, d_model: int):
        super().__init__()
        position = torch.arange(max_seq_len, dtype=torch.float32)[:, None]
        frequency = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float32) * (-math.log(10000.0) / d_model))
        table = torch.zeros(max_seq_len, d_model)
        table[:, 0::2] = torch.sin(position * frequency)
        table[:, 1::2] = torch.cos(position * frequency[: d_model // 2])
        self.register_buffer("table", table, persistent=False)

    def forward(self, length: int, offset: int = 0) -> Tensor:
        return self.table[offset:offset + length]  # (T, C)


class Sinusoidal(AddedTable):
    scheme = SINUSOIDAL

    def input_table(self, m: ModelConfig) -> nn.Module:
        return SinusoidalPositions(m.max_seq_len, m.d_model)


ENGINE = Sinusoidal()
