"""What the loop keeps between two logged rows."""

from __future__ import annotations

import time

import torch
from torch import Tensor


class LogWindow:
    """The steps since the last logged row: their metrics summed where they were computed (no device sync per
    step), their tokens and seconds, and the per-layer signals waiting for the row. It is saved with every
    checkpoint, so a run resumed between two rows logs the next one as the uninterrupted run does."""

    def __init__(self, saved: dict | None = None, device: torch.device | str = "cpu"):
        saved = saved or {}
        self.steps: int = saved.get("steps", 0)
        self.tokens: int = saved.get("tokens", 0)
        self.sums: dict[str, Tensor] = {name: torch.tensor(value, dtype=torch.float32, device=device)
                                        for name, value in saved.get("sums", {}).items()}
        self.layers: dict[str, float] = dict(saved.get("layers", {}))
        self.seconds_before = saved.get("seconds", 0.0)  # spent on these steps before the clock last started
        self.start_clock()

    def start_clock(self) -> None:
        self.clock_started = time.perf_counter()

    def add(self, metrics: dict[str, Tensor], tokens: int) -> None:
        self.steps += 1
        self.tokens += tokens
        for name, value in metrics.items():
            self.sums[name] = self.sums.get(name, 0) + value

    def seconds(self) -> float:
        return max(self.seconds_before + time.perf_counter() - self.clock_started, 1e-9)

    def saved(self) -> dict:
        """For the trainer state: float32 sums as exact Python floats."""
        return {"steps": self.steps, "tokens": self.tokens, "seconds": self.seconds(),
                "sums": {name: float(value) for name, value in self.sums.items()}, "layers": dict(self.layers)}
