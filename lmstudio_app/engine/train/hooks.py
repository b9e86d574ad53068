"""What happens around the optimizer steps, as step hooks the loop runs in the order ``step_hooks`` registers.

A hook may act at three moments of each step: ``before_step`` (between steps: the front end's requests,
pause and stop, a fine-tune's unfreezing), ``before_update`` (the gradients are whole: unscaled, not yet
clipped) and ``after_step`` (the step is counted: rows, evaluations, probes, checkpoints). Each decides from
the step whether it has work, and yields the events it makes. The processes other than the first under
torchrun get only the hooks every process must run: the logged row averages across processes, and pause and
stop reach each process.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass

from torch import Tensor

from lmstudio_app.engine.control import CallWithModel, Control, ProbeText, SaveCheckpoint
from lmstudio_app.engine.finetune.strategies import apply_plan
from lmstudio_app.engine.probe import probe_attention
from lmstudio_app.engine.runs import ModelHandle
from lmstudio_app.engine.train.layer_stats import LayerStats, attention_entropy
from lmstudio_app.engine.train.reports import evaluate, log_row, probe, save
from lmstudio_app.engine.train.setup import TrainingSetup
from lmstudio_app.events import Event, Paused, Resumed


@dataclass(frozen=True)
class StepDone:
    """What one optimizer step measured."""

    grad_norm: Tensor
    learning_rate: float


class StepHook:
    """Does nothing at any moment; a hook overrides the moments it has work at."""

    def before_step(self, setup: TrainingSetup) -> Iterator[Event]:
        yield from ()

    def before_update(self, setup: TrainingSetup) -> None:
        """The step's gradients are whole; no event can leave the middle of a step."""

    def after_step(self, setup: TrainingSetup, done: StepDone) -> Iterator[Event]:
        yield from ()


def due(step: int, every: int) -> bool:
    """Every ``every`` steps (never when 0)."""
    return bool(every) and step % every == 0


@dataclass(frozen=True)
class ControlHook(StepHook):
    """Between steps, what the front end asked through its ``Control``: requests, then pause, then stop."""

    control: Control

    def before_step(self, setup: TrainingSetup) -> Iterator[Event]:
        yield from self._serve(setup)
        if self.control.paused and not self.control.stop_requested:
            yield from self._pause(setup)
            setup.running.window.start_clock()  # the pause is no training time
        if self.control.stop_requested:
            setup.running.stop_reason = self.control.stop_reason

    def _pause(self, setup: TrainingSetup) -> Iterator[Event]:
        yield Paused(setup.state.step)
        while self.control.paused and not self.control.stop_requested:
            self.control.wait_while_paused(0.05)
            yield from self._serve(setup)
        if not self.control.stop_requested:
            yield Resumed(setup.state.step)

    def _serve(self, setup: TrainingSetup) -> Iterator[Event]:
        for request in self.control.take_requests():
            if not setup.is_main:
                continue
            if isinstance(request, ProbeText):
                setup.running.probe_text = request.text
                yield probe(setup)
            elif isinstance(request, SaveCheckpoint):
                yield save(setup)
            elif isinstance(request, CallWithModel):
                was_training = setup.model.training
                try:
                    request.function(model_handle(setup))
                finally:
                    setup.model.train(was_training)


def model_handle(setup: TrainingSetup, live: bool = True) -> ModelHandle:
    """The model as it is now, to be used in the loop's thread: between steps and while paused (live), or
    after the last event, when it is the run's final model."""
    return ModelHandle(setup.run_dir, setup.config, setup.data.tokenizer, setup.model, setup.state.step, live=live)


@dataclass(frozen=True)
class UnfreezeHook(StepHook):
    """A fine-tune's gradual unfreezing: every ``every`` steps its plan lets more layer groups train."""

    every: int

    def before_step(self, setup: TrainingSetup) -> Iterator[Event]:
        if due(setup.state.step, self.every):
            setup.running.trainable_groups = apply_plan(setup.model, setup.optimization.plan, setup.state.step)
        yield from ()


@dataclass(frozen=True)
class LayerStatsHook(StepHook):
    """Each layer group's gradient and weight norms before the update, ‖Δθ‖/‖θ‖ and the trust ratio after it, for
    the row the step is logged in."""

    every: int
    stats: LayerStats

    def before_update(self, setup: TrainingSetup) -> None:
        if due(setup.state.step + 1, self.every):  # before clipping: the gradient the data asked for
            self._measure(setup, self.stats.before_update)

    def after_step(self, setup: TrainingSetup, done: StepDone) -> Iterator[Event]:
        if due(setup.state.step, self.every):
            self._measure(setup, self.stats.after_update)
        yield from ()

    @staticmethod
    def _measure(setup: TrainingSetup, measurement) -> None:
        started = time.perf_counter()
        setup.running.window.layers |= measurement()
        setup.running.layer_stats_seconds += time.perf_counter() - started


@dataclass(frozen=True)
class LayerEntropyHook(StepHook):
    """The attention entropy of each layer on the probe text, for the row the step is logged in."""

    every: int

    def after_step(self, setup: TrainingSetup, done: StepDone) -> Iterator[Event]:
        if due(setup.state.step, self.every):
            started, running = time.perf_counter(), setup.running
            snapshot = probe_attention(setup.model, setup.data.tokenizer, running.probe_text, setup.seq_len,
                                       setup.state.step)
            running.window.layers |= attention_entropy(snapshot)
            running.layer_stats_seconds += time.perf_counter() - started
        yield from ()


@dataclass(frozen=True)
class LogHook(StepHook):
    """The averaged row of the steps since the last one, every ``log_every`` steps and at the last step."""

    every: int
    last: int

    def after_step(self, setup: TrainingSetup, done: StepDone) -> Iterator[Event]:
        step = setup.state.step
        if step % self.every == 0 or step == self.last:
            yield log_row(setup, done.grad_norm, done.learning_rate)


@dataclass(frozen=True)
class EvaluationHook(StepHook):
    """Evaluate on the validation batches every ``eval_every`` steps and at the last step; track the best loss."""

    every: int
    last: int

    def after_step(self, setup: TrainingSetup, done: StepDone) -> Iterator[Event]:
        step = setup.state.step
        if step % self.every == 0 or step == self.last:
            evaluation = evaluate(setup)
            track_best(setup, evaluation.metrics)
            yield evaluation


@dataclass(frozen=True)
class ProbeHook(StepHook):
    """The attention of the live model on the probe text, every ``probe_every`` steps."""

    every: int

    def after_step(self, setup: TrainingSetup, done: StepDone) -> Iterator[Event]:
        if due(setup.state.step, self.every):
            yield probe(setup)


@dataclass(frozen=True)
class CheckpointHook(StepHook):
    """A checkpoint every ``checkpoint_every`` steps, and whenever the validation loss reached a new best."""

    every: int

    def after_step(self, setup: TrainingSetup, done: StepDone) -> Iterator[Event]:
        state = setup.state
        if due(state.step, self.every) or state.best_step == state.step:
            yield save(setup)


def track_best(setup: TrainingSetup, metrics: dict[str, float]) -> None:
    loss, state = metrics.get("loss"), setup.state
    if loss is None or not math.isfinite(loss) or (state.best_validation_loss is not None
                                                  and loss >= state.best_validation_loss):
        return
    state.best_validation_loss, state.best_step = loss, state.step


def step_hooks(setup: TrainingSetup, control: Control) -> list[StepHook]:
    """The hooks the run's setup asks for, in the order they run at each moment."""
    t, plan = setup.config.training, setup.optimization.plan
    hooks: list[StepHook] = [ControlHook(control)]
    if plan and plan.unfreeze_every:
        hooks.append(UnfreezeHook(plan.unfreeze_every))
    if t.layer_stats_every and setup.is_main:
        stats = LayerStats(setup.model, setup.optimization.optimizer)
        hooks += [LayerStatsHook(t.layer_stats_every, stats), LayerEntropyHook(t.layer_stats_every)]
    hooks.append(LogHook(t.log_every, t.steps))
    if not setup.is_main:
        return hooks
    if setup.evaluating:
        hooks.append(EvaluationHook(t.eval_every, t.steps))
    return hooks + [ProbeHook(t.probe_every), CheckpointHook(t.checkpoint_every)]
