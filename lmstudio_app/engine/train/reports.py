"""What a training run reports, made from its setup: the Started and Finished events, the logged rows,
evaluations, attention probes and saved checkpoints. The loop and its step hooks call these.
"""

from __future__ import annotations

import copy
import math
import time
from pathlib import Path

import torch
from torch import Tensor

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.probe import probe_attention
from lmstudio_app.engine.train.log_window import LogWindow
from lmstudio_app.engine.train.setup import TrainingSetup
from lmstudio_app.errors import TrainingError, os_error_sentence
from lmstudio_app.events import AttentionSnapshot, CheckpointSaved, EvalMetrics, Finished, Started, StepMetrics


def started(setup: TrainingSetup) -> Started:
    return Started(
        run_dir=str(setup.run_dir), config=copy.deepcopy(setup.config), start_step=setup.state.step,
        parameters=sum(p.numel() for p in setup.model.parameters()),
        trainable_parameters=sum(p.numel() for p in setup.optimization.trainable),
        device=setup.placement.describe(), precision=setup.placement.precision,
        corpus_summary=setup.data.describe(), initialization=setup.report.initialization,
        baselines=setup.report.baselines, train_size=len(setup.data.train))


def finished(setup: TrainingSetup, reason: str, final: dict[str, float]) -> Finished:
    state, running = setup.state, setup.running
    return Finished(state.step, reason, str(setup.run_dir), final, state.best_validation_loss, state.elapsed,
                    running.probe_seconds, running.layer_stats_seconds)


def log_row(setup: TrainingSetup, grad_norm: Tensor, learning_rate: float) -> StepMetrics:
    """The row of the steps since the last one; the next row starts here (before the event is yielded: a save
    there starts anew)."""
    state, window, optimization = setup.state, setup.running.window, setup.optimization
    group_rates = {}
    if optimization.plan:
        group_rates = {group["layer"]: group["lr"] for group in optimization.optimizer.param_groups}
    row = StepMetrics(
        step=state.step, metrics=_averaged(setup, window.sums, window.steps), learning_rate=learning_rate,
        grad_norm=float(grad_norm), tokens_per_second=window.tokens / window.seconds(),
        tokens_seen=state.tokens_seen, elapsed=state.elapsed,
        eta=(setup.config.training.steps - state.step) * window.seconds() / window.steps,
        group_learning_rates=group_rates, trainable=dict(setup.running.trainable_groups), layers=window.layers)
    setup.running.window = LogWindow(device=setup.placement.device)
    return row


def _averaged(setup: TrainingSetup, sums: dict[str, Tensor], count: int) -> dict[str, float]:
    names = sorted(sums)
    stacked = torch.stack([sums[n] for n in names]) / count
    if setup.distributed:
        stacked = setup.distributed.mean(stacked)
    return _with_perplexity(setup, dict(zip(names, stacked.tolist())))


def _with_perplexity(setup: TrainingSetup, values: dict[str, float]) -> dict[str, float]:
    """Adds exp(token loss) where the objective has a token-level loss."""
    loss = values.get(setup.objective.perplexity_metric)
    return values if loss is None else {**values, "perplexity": math.exp(min(loss, 50.0))}


def evaluate(setup: TrainingSetup) -> EvalMetrics:
    started_at = time.perf_counter()
    t, model = setup.config.training, setup.model
    model.eval()
    evaluation = setup.objective.evaluate(model, setup.data.validation, batch_size=t.batch_size,
                                          batches=t.eval_batches, seed=t.seed,
                                          autocast=lambda: setup.placement.autocast)
    model.train()
    return EvalMetrics(setup.state.step, _with_perplexity(setup, evaluation.metrics),
                       time.perf_counter() - started_at, confusion=evaluation.confusion, labels=evaluation.labels)


def probe(setup: TrainingSetup) -> AttentionSnapshot:
    snapshot = probe_attention(setup.model, setup.data.tokenizer, setup.running.probe_text, setup.seq_len,
                               setup.state.step)
    setup.running.probe_seconds += snapshot.seconds
    return snapshot


def save(setup: TrainingSetup) -> CheckpointSaved:
    started_at, running = time.perf_counter(), setup.running
    running.progress(Message(say.SAVING_CHECKPOINT), None)
    try:
        path = write_checkpoint(setup)
    except OSError as error:
        raise TrainingError(refusals.SAVE_FAILED, step=setup.state.step, why=os_error_sentence(error),
                            last=last_checkpoint(setup)) from None
    ckpt.prune(setup.run_dir, setup.config.training.keep_checkpoints, setup.state.best_step)
    running.last_saved_step = setup.state.step
    running.progress(Message(say.SAVING_CHECKPOINT), 1.0)
    return CheckpointSaved(setup.state.step, str(path), time.perf_counter() - started_at)


def write_checkpoint(setup: TrainingSetup) -> Path:
    """Save the step the run is at, with the logging window it is in."""
    setup.state.log_window = setup.running.window.saved()
    optimization = setup.optimization
    return ckpt.save_checkpoint(setup.run_dir, setup.model, optimization.optimizer, setup.state,
                                optimization.scaler_state())


def last_checkpoint(setup: TrainingSetup) -> Message:
    if setup.running.last_saved_step < 0:
        return Message(refusals.NO_CHECKPOINT_SAVED)
    return Message(refusals.CHECKPOINT_INTACT, {"step": setup.running.last_saved_step})
