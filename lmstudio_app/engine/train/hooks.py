"""What happens every so many steps, as step hooks the loop runs in order after each optimizer step.

Each hook decides from the step whether it has work, does it through the trainer it is handed, and
yields the events it makes. ``step_hooks`` registers the ones a run's config asks for; the processes
other than the first under torchrun get only those every process must run (the logged row averages
across processes).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from torch import Tensor

from lmstudio_app.engine.probe import probe_attention
from lmstudio_app.engine.train.layer_stats import attention_entropy
from lmstudio_app.engine.train.setup import TrainingSetup
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.train.log_window import LogWindow
from lmstudio_app.events import AttentionSnapshot, CheckpointSaved, EvalMetrics, Event, StepMetrics


@dataclass(frozen=True)
class StepDone:
    """What one optimizer step measured."""

    grad_norm: Tensor
    learning_rate: float


class Trainer(Protocol):
    """What the hooks use of the running trainer (engine/train/loop.py)."""

    setup: TrainingSetup
    state: ckpt.TrainerState
    window: LogWindow  # the steps since the last logged row
    probe_text: str
    layer_stats_seconds: float

    def log_row(self, done: StepDone) -> StepMetrics: ...

    def evaluate(self) -> EvalMetrics: ...

    def probe(self) -> AttentionSnapshot: ...

    def save(self) -> CheckpointSaved: ...


class StepHook(Protocol):
    def after_step(self, trainer: Trainer, done: StepDone) -> Iterator[Event]: ...


def due(step: int, every: int) -> bool:
    """Every ``every`` steps (never when 0)."""
    return bool(every) and step % every == 0


@dataclass(frozen=True)
class LayerEntropyHook:
    """The attention entropy of each layer on the probe text, for the row the step is logged in."""

    every: int

    def after_step(self, trainer: Trainer, done: StepDone) -> Iterator[Event]:
        if due(trainer.state.step, self.every):
            started = time.perf_counter()
            setup = trainer.setup
            snapshot = probe_attention(setup.model, setup.data.tokenizer, trainer.probe_text, setup.seq_len,
                                       trainer.state.step)
            trainer.window.layers |= attention_entropy(snapshot)
            trainer.layer_stats_seconds += time.perf_counter() - started
        yield from ()


@dataclass(frozen=True)
class LogHook:
    """The averaged row of the steps since the last one, every ``log_every`` steps and at the last step."""

    every: int
    last: int

    def after_step(self, trainer: Trainer, done: StepDone) -> Iterator[Event]:
        step = trainer.state.step
        if step % self.every == 0 or step == self.last:
            yield trainer.log_row(done)


@dataclass(frozen=True)
class EvaluationHook:
    """Evaluate on the validation batches every ``eval_every`` steps and at the last step; track the best loss."""

    every: int
    last: int

    def after_step(self, trainer: Trainer, done: StepDone) -> Iterator[Event]:
        step = trainer.state.step
        if step % self.every == 0 or step == self.last:
            evaluation = trainer.evaluate()
            track_best(trainer, evaluation.metrics)
            yield evaluation


@dataclass(frozen=True)
class ProbeHook:
    """The attention of the live model on the probe text, every ``probe_every`` steps."""

    every: int

    def after_step(self, trainer: Trainer, done: StepDone) -> Iterator[Event]:
        if due(trainer.state.step, self.every):
            yield trainer.probe()


@dataclass(frozen=True)
class CheckpointHook:
    """A checkpoint every ``checkpoint_every`` steps, and whenever the validation loss reached a new best."""

    every: int

    def after_step(self, trainer: Trainer, done: StepDone) -> Iterator[Event]:
        state = trainer.state
        if due(state.step, self.every) or state.best_step == state.step:
            yield trainer.save()


def track_best(trainer: Trainer, metrics: dict[str, float]) -> None:
    loss, state = metrics.get("loss"), trainer.state
    if loss is None or not math.isfinite(loss) or (state.best_validation_loss is not None
                                                  and loss >= state.best_validation_loss):
        return
    state.best_validation_loss, state.best_step = loss, state.step


def step_hooks(setup: TrainingSetup) -> list[StepHook]:
    """The hooks a run's config asks for, in the order they run after a step."""
    t = setup.config.training
    hooks: list[StepHook] = []
    if setup.layer_stats is not None:
        hooks.append(LayerEntropyHook(t.layer_stats_every))
    hooks.append(LogHook(t.log_every, t.steps))
    if not setup.is_main:
        return hooks
    if setup.evaluating:
        hooks.append(EvaluationHook(t.eval_every, t.steps))
    return hooks + [ProbeHook(t.probe_every), CheckpointHook(t.checkpoint_every)]
