"""What the training loop reports: frozen dataclasses of plain data, never tensors.

Sinks (console, metrics.jsonl, the run index, the GUI) receive these and
nothing else, so they can cross threads and processes safely.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Preparing:
    phase: str
    fraction: float | None  # None when the amount of work is unknown


@dataclass(frozen=True)
class Started:
    run_dir: str
    name: str
    total_steps: int
    start_step: int  # > 0 when resuming
    parameters: int
    trainable_parameters: int
    device: str
    precision: str
    corpus_summary: str
    vocab_size: int
    initialization: str = ""  # fine-tuning: which weights came from the pretrained run


@dataclass(frozen=True)
class StepMetrics:
    step: int  # optimizer steps done
    metrics: dict[str, float]  # loss, accuracy, … averaged since the last report
    learning_rate: float
    grad_norm: float
    tokens_per_second: float
    tokens_seen: int
    elapsed: float  # seconds of training, pauses excluded
    eta: float  # seconds to the last step at the recent pace
    group_learning_rates: dict[str, float] = field(default_factory=dict)  # per layer group, when they differ
    trainable: dict[str, bool] = field(default_factory=dict)  # per layer group, for gradual unfreezing

    def values(self) -> dict[str, float]:
        """Every number of the report as one flat mapping (what metrics.jsonl, the index and the GUI store)."""
        return {**self.metrics, "learning_rate": self.learning_rate, "grad_norm": self.grad_norm,
                "tokens_per_second": self.tokens_per_second, "tokens_seen": float(self.tokens_seen),
                "elapsed": self.elapsed, "eta": self.eta,
                **{f"lr/{group}": rate for group, rate in self.group_learning_rates.items()},
                **{f"trainable/{group}": float(on) for group, on in self.trainable.items()}}


@dataclass(frozen=True)
class EvalMetrics:
    step: int
    metrics: dict[str, float]  # validation loss, accuracy, …
    seconds: float
    confusion: list[list[int]] | None = None  # classification: rows true class, columns predicted
    labels: list[str] | None = None


@dataclass(frozen=True)
class AttentionSnapshot:
    step: int
    tokens: tuple[str, ...]  # the encoder's (or decoder-only model's) tokens
    target_tokens: tuple[str, ...]  # the decoder's tokens in an encoder-decoder, else ()
    attention: dict[str, tuple[np.ndarray, ...]]  # "encoder"/"decoder"/"cross" → per layer (H, T_q, T_k) float32
    seconds: float  # what the probe cost


@dataclass(frozen=True)
class Paused:
    step: int


@dataclass(frozen=True)
class Resumed:
    step: int


@dataclass(frozen=True)
class CheckpointSaved:
    step: int
    path: str
    seconds: float


@dataclass(frozen=True)
class Finished:
    step: int
    reason: str  # "completed", "stopped" or "interrupted"
    run_dir: str
    final_metrics: dict[str, float]
    best_validation_loss: float | None
    elapsed: float
    probe_seconds: float


@dataclass(frozen=True)
class Failed:
    step: int
    message: str
    bad_input: bool  # a config or data problem (CLI exit 2) rather than a training failure (exit 1)
    run_dir: str = ""


Event = (Preparing | Started | StepMetrics | EvalMetrics | AttentionSnapshot | Paused | Resumed | CheckpointSaved
         | Finished | Failed)
