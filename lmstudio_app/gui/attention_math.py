"""Per-head summaries of attention matrices that stay readable when inputs are long (numpy only)."""

from __future__ import annotations

import numpy as np


def head_entropy(weights: np.ndarray) -> np.ndarray:
    """(H,) mean over queries of the entropy (nats) of each query's attention distribution.

    Low entropy: the head looks at one key; high: it spreads its attention out.
    """
    p = np.clip(weights, 1e-12, 1.0)
    return -(weights * np.log(p)).sum(-1).mean(-1) + 0.0  # + 0.0 turns -0.0 into 0.0


def mean_distance(weights: np.ndarray) -> np.ndarray:
    """(H,) mean over queries of the attention-weighted distance |query - key| in positions."""
    queries, keys = weights.shape[-2:]
    distance = np.abs(np.arange(queries)[:, None] - np.arange(keys)[None, :])  # (T_q, T_k)
    return (weights * distance).sum(-1).mean(-1)


def anti_diagonal_fraction(weights: np.ndarray, source_length: int | None = None) -> float:
    """Share of query rows whose strongest key is the mirrored position (the reverse task's pattern).

    ``weights``: (T_q, T_k). Row i is expected to peak at key ``n - 1 - i`` where n is the number
    of source tokens that carry content (the source's final EOS excluded).
    """
    n = source_length or weights.shape[1]
    rows = min(weights.shape[0], n)
    if rows == 0:
        return 0.0
    return float(np.mean([int(np.argmax(weights[i])) == n - 1 - i for i in range(rows)]))
