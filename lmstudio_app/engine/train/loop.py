"""The training loop: ``train(setup, hooks)``, one generator of events that the CLI, the GUI worker and tests
all drive (through engine/train/trainer.py).

A recipe (engine/train/setup.py) builds the ``TrainingSetup``; each iteration here is one optimizer step, and
everything else a run does between and after steps (serving the front end's requests, pause and stop,
per-layer statistics, logged rows, evaluation, probes, checkpoints) is a step hook (engine/train/hooks.py).
Batches depend only on (seed, step) and RNG state is checkpointed, so stopping and resuming reproduces an
uninterrupted run.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Iterator, Sequence

import torch
from torch import Tensor

from lmstudio_app.engine.objectives import example_rngs
from lmstudio_app.engine.train.failures import not_finite, out_of_memory_explained
from lmstudio_app.engine.train.hooks import StepDone, StepHook
from lmstudio_app.engine.train.optim import set_learning_rates
from lmstudio_app.engine.train.reports import evaluate, finished, save, started
from lmstudio_app.engine.train.setup import TrainingSetup
from lmstudio_app.events import Event


def train(setup: TrainingSetup, hooks: Sequence[StepHook]) -> Iterator[Event]:
    """Train from ``setup.state.step`` to ``training.steps``, or until a hook hears a stop; the first process
    then saves the last step, evaluates it and reports how the run finished."""
    state, running, t = setup.state, setup.running, setup.config.training
    yield started(setup)
    running.window.start_clock()
    while state.step < t.steps:
        for hook in hooks:
            yield from hook.before_step(setup)
        if running.stop_reason:
            break
        step_started = time.perf_counter()
        metrics, grad_norm, tokens, learning_rate = optimizer_step(setup, hooks)
        state.elapsed += time.perf_counter() - step_started
        state.step += 1
        state.tokens_seen += tokens
        running.window.add(metrics, tokens)
        done = StepDone(grad_norm, learning_rate)
        for hook in hooks:
            yield from hook.after_step(setup, done)
    if setup.is_main:
        if state.step > running.last_saved_step:
            yield save(setup)
        final = evaluate(setup).metrics if setup.evaluating else {}
        yield finished(setup, running.stop_reason or "completed", final)


def optimizer_step(setup: TrainingSetup, hooks: Sequence[StepHook]) -> tuple[dict[str, Tensor], Tensor, int, float]:
    """One step: forward and backward over the micro-batches, clip, update. Returns the summed metrics (on the
    device: no sync), the gradient norm, the tokens trained on by every process, and the learning rate."""
    t, optimization = setup.config.training, setup.optimization
    optimizer, scaler, step = optimization.optimizer, optimization.scaler, setup.state.step
    learning_rate = set_learning_rates(optimizer, step, t)
    metrics: dict[str, Tensor] = {}
    tokens = 0
    with out_of_memory_explained(setup):
        for micro in range(t.grad_accumulation):
            batch = setup.objective.batch(setup.data.train,
                                          example_rngs(t.seed, step, micro, indices=setup.batch_indices))
            tokens += batch.num_tokens() * setup.world_size
            batch = batch.to(setup.placement.device)
            with _gradient_sync(setup, last_micro_batch=micro == t.grad_accumulation - 1):
                with setup.placement.autocast:
                    loss, values = setup.step_module(batch)
                scaled = loss / t.grad_accumulation
                (scaler.scale(scaled) if scaler else scaled).backward()
            for name, value in values.items():
                metrics[name] = metrics.get(name, 0) + value.detach().float() / t.grad_accumulation
        if scaler:
            scaler.unscale_(optimizer)
        for hook in hooks:
            hook.before_update(setup)
        grad_norm = torch.nn.utils.clip_grad_norm_(optimization.trainable, t.grad_clip if t.grad_clip > 0 else math.inf)
        healthy = torch.isfinite(metrics["loss"])
        if scaler is None:  # with fp16 the scaler skips overflowing steps itself
            healthy &= torch.isfinite(grad_norm)
        if not bool(healthy):  # the one device sync per step: no bad update may reach the weights
            raise not_finite(setup, metrics["loss"], grad_norm)
        setup.running.updating = True
        if scaler:
            scaler.step(optimizer)
            scaler.update()
        else:
            optimizer.step()
        setup.running.updating = False
        optimizer.zero_grad(set_to_none=True)
    return metrics, grad_norm.detach(), tokens, learning_rate


def _gradient_sync(setup: TrainingSetup, last_micro_batch: bool):
    """Data parallelism averages the gradients once per step, on its last micro-batch."""
    if setup.distributed and not last_micro_batch:
        return setup.step_module.no_sync()
    return contextlib.nullcontext()
