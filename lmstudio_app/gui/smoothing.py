"""Debiased exponential moving average, computed incrementally so live curves stay cheap."""

from __future__ import annotations

import math

import numpy as np


class Smoother:
    """Smooths a growing series: only new points are processed, unless the factor changes.

    s_t = β·s_{t-1} + (1-β)·x_t, divided by (1 - β^n) over the n finite points so far
    (TensorBoard's debiasing, so early points are not pulled towards zero). NaN and
    infinite points are skipped and come out as NaN.
    """

    def __init__(self, beta: float = 0.6):
        self.beta = beta
        self._out = np.empty(0)
        self._state = 0.0
        self._count = 0

    def set_beta(self, beta: float) -> None:
        if beta != self.beta:
            self.beta = beta
            self._out = np.empty(0)
            self._state, self._count = 0.0, 0

    def __call__(self, values: np.ndarray) -> np.ndarray:
        if len(values) < len(self._out):  # a new series: start over
            self._out, self._state, self._count = np.empty(0), 0.0, 0
        done = len(self._out)
        fresh = np.empty(len(values) - done)
        beta, state, count = self.beta, self._state, self._count
        for i, x in enumerate(values[done:]):
            if math.isfinite(x):
                state = beta * state + (1.0 - beta) * x
                count += 1
                fresh[i] = state / (1.0 - beta**count) if beta > 0 else x
            else:
                fresh[i] = math.nan
        self._state, self._count = state, count
        self._out = np.concatenate([self._out, fresh])
        return self._out
