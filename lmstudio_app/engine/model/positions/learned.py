"""Learned positions (GPT-2, BERT): a trained vector per position added to the token embeddings."""

from __future__ import annotations

from torch import Tensor, nn

from lmstudio_app.config.positions import LEARNED
from lmstudio_app.config.schema import ModelConfig
from lmstudio_app.engine.model.positions.scheme import AddedTable


class LearnedPositions(nn.Module):
    def __init__(self, max_seq_len: int, d_model: int):
        super().__init__()
        self.table = nn.Embedding(max_seq_len, d_model)

    def forward(self, length: int, offset: int = 0) -> Tensor:
        return self.table.weight[offset:offset + length]  # (T, C)


class Learned(AddedTable):
    scheme = LEARNED

    def input_table(self, m: ModelConfig) -> nn.Module:
        return LearnedPositions(m.max_seq_len, m.d_model)


ENGINE = Learned()
