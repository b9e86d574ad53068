"""Task heads: they turn hidden states (B, T, C) into predictions."""

from __future__ import annotations

import torch
from torch import Tensor, nn


class LMHead(nn.Module):
    """Projects hidden states onto the vocabulary (weights may be tied to the embedding)."""

    def __init__(self, d_model: int, vocab_size: int):
        super().__init__()
        self.proj = nn.Linear(d_model, vocab_size, bias=False)

    def forward(self, hidden: Tensor) -> Tensor:
        return self.proj(hidden)  # (..., V)


class MLMHead(nn.Module):
    """BERT's masked-token head: a dense + GELU + norm transform, then the vocabulary projection."""

    def __init__(self, d_model: int, vocab_size: int, norm: nn.Module, bias: bool, gelu_approximation: str = "none"):
        super().__init__()
        self.gelu_approximation = gelu_approximation
        self.dense = nn.Linear(d_model, d_model, bias=bias)
        self.norm = norm
        self.proj = nn.Linear(d_model, vocab_size, bias=bias)

    def forward(self, hidden: Tensor) -> Tensor:
        hidden = nn.functional.gelu(self.dense(hidden), approximate=self.gelu_approximation)
        return self.proj(self.norm(hidden))  # (..., V)


def pool(hidden: Tensor, attention_mask: Tensor | None, pooling: str) -> Tensor:
    """(B, T, C) → (B, C): the first token, the mean of real tokens, or the last real token."""
    if pooling == "cls":
        return hidden[:, 0]
    if attention_mask is None:
        attention_mask = torch.ones(hidden.shape[:2], dtype=torch.long, device=hidden.device)
    if pooling == "mean":
        weights = attention_mask.to(hidden.dtype)[..., None]  # (B, T, 1)
        return (hidden * weights).sum(1) / weights.sum(1).clamp_min(1.0)
    last = attention_mask.long().sum(1).clamp_min(1) - 1  # (B,)
    return hidden[torch.arange(hidden.size(0), device=hidden.device), last]


class SequenceHead(nn.Module):
    """Classifies a whole sequence (or pair) from a pooled vector: NSP, sentence classification."""

    def __init__(self, d_model: int, n_classes: int, pooling: str, bias: bool, dropout: float):
        super().__init__()
        self.pooling = pooling
        self.dense = nn.Linear(d_model, d_model, bias=bias)
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(d_model, n_classes, bias=bias)

    def forward(self, hidden: Tensor, attention_mask: Tensor | None = None) -> Tensor:
        pooled = pool(hidden, attention_mask, self.pooling)  # (B, C)
        return self.out(self.dropout(torch.tanh(self.dense(pooled))))  # (B, K)


class TokenHead(nn.Module):
    """A label per token (tagging)."""

    def __init__(self, d_model: int, n_labels: int, bias: bool, dropout: float):
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(d_model, n_labels, bias=bias)

    def forward(self, hidden: Tensor) -> Tensor:
        return self.out(self.dropout(hidden))  # (B, T, K)
