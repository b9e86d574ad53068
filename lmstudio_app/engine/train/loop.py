"""The training loop: one generator of events that the CLI, the GUI worker and tests all drive.

Each iteration is one optimizer step. Between steps the loop serves requests
(probe a new text, save now) and honours pause and stop, all through a
thread-safe ``Control`` (engine/control.py). Batches depend only on (seed, step), and RNG state is
checkpointed, so stopping and resuming reproduces an uninterrupted run.
"""

from __future__ import annotations

import contextlib
import copy
import math
import os
import time
import traceback
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import torch
from torch import Tensor

from lmstudio_app.config import ExperimentConfig, validate
from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.control import CallWithModel, Control, ProbeText, SaveCheckpoint
from lmstudio_app.engine.data.prepare import PreparedData
from lmstudio_app.engine.finetune.strategies import apply_plan
from lmstudio_app.engine.finetune.task_data import TaskData
from lmstudio_app.engine.model import Transformer
from lmstudio_app.engine.objectives import example_rngs
from lmstudio_app.engine.probe import probe_attention
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.engine.runs import ModelHandle, RunFolder, default_run_dir
from lmstudio_app.engine.train.device import choose_placement
from lmstudio_app.engine.train.distributed import Distributed, from_environment
from lmstudio_app.engine.train.hooks import StepDone, StepHook, step_hooks
from lmstudio_app.engine.train.optim import set_learning_rates
from lmstudio_app.engine.train.setup import Start, TrainingSetup, recipe_for
from lmstudio_app.engine.train.log_window import LogWindow
from lmstudio_app.errors import Cancelled, LmStudioError, TrainingError, os_error_sentence
from lmstudio_app.events import (
    AttentionSnapshot,
    CheckpointSaved,
    EvalMetrics,
    Event,
    Failed,
    Finished,
    Notice,
    Paused,
    Resumed,
    Started,
    StepMetrics,
)
from lmstudio_app.fsutil import user_data_dir
from lmstudio_app.run_folder import ERROR_LOG


def _out_of_memory(error: BaseException) -> bool:
    return isinstance(error, torch.OutOfMemoryError) or (
        isinstance(error, RuntimeError) and ("out of memory" in str(error) or "can't allocate memory" in str(error)))


class Trainer:
    """Trains one run. ``events()`` is the loop; everything else is its setup and its parts."""

    def __init__(self, config: ExperimentConfig, run_dir: str | Path | None = None, *, resume: bool = False,
                 checkpoint: str = "latest", control: Control | None = None, progress: Progress = no_progress,
                 leave_a_core: bool = False):
        self.config = copy.deepcopy(config)  # the run fills in model.vocab_size; the caller's copy stays
        self.run_dir = Path(run_dir).absolute() if run_dir is not None else None  # the index's key: any cwd
        self.resume = resume
        self.checkpoint = checkpoint  # which one a resumed run continues from: "latest", "best" or a step
        self.control = control or Control()
        self.progress = progress
        self.leave_a_core = leave_a_core  # a window shares the CPU: with threads = 0, one core stays free for it
        self.state = ckpt.TrainerState()
        self.probe_text = config.training.probe_text
        self.probe_seconds = 0.0
        self.layer_stats_seconds = 0.0
        self.last_saved_step = -1
        self.window = LogWindow()  # what the next logged row averages; a resumed run's comes from its checkpoint
        self.setup: TrainingSetup | None = None  # built by the run's recipe in events()
        self.folder: RunFolder | None = None  # held by the main process while it trains
        self.distributed: Distributed | None = None  # the torchrun process group, set up by events()
        self.notices: list[Message] = []  # what set-up did to the run folder, reported before Started
        self.ready = False  # set-up is done: from here on a failure keeps the run and saves it first
        self.updating = False  # the optimizer is changing the weights: they are not whole

    # ------------------------------------------------------------------ the loop

    def events(self) -> Iterator[Event]:
        """The run, step by step. Every way out of it (finished, stopped, failed, abandoned by the caller)
        saves a checkpoint first once training has begun, and lets go of the run folder."""
        try:
            yield from self._train()
        except LmStudioError as error:
            yield self._failed(error.message, bad_input=not isinstance(error, TrainingError) and not self.ready)
        except OSError as error:
            yield self._failed(os_error_sentence(error), bad_input=not self.ready)
        except Cancelled:
            yield Finished(self.state.step, self.control.stop_reason, str(self.run_dir or ""), {}, None, 0.0, 0.0)
        except GeneratorExit:
            self._save_before_leaving()
            raise
        except Exception as error:  # a bug: keep the work, and the details for a report
            logged, bug = self._log_bug(), f"{type(error).__name__}: {error}"
            yield self._failed(Message(refusals.UNEXPECTED_LOGGED, {"error": bug, "path": logged}) if logged
                               else Message(refusals.UNEXPECTED, {"error": bug}), bad_input=False)
        finally:
            if self.folder is not None:
                self.folder.release(keep=self.ready)
            if self.distributed is not None:
                # Left to the interpreter's exit, gloo's threads are torn down in a race that aborts the process
                # now and then ("terminate called without an active exception") after a complete run.
                self.distributed.close()

    def _failed(self, failure: Message, bad_input: bool) -> Failed:
        saved = self._save_before_leaving()
        return Failed(Message(refusals.AND_THEN, {"failure": failure, "saved": saved}) if saved else failure,
                      bad_input=bad_input, step=self.state.step, run_dir=str(self.run_dir or ""))

    def _save_before_leaving(self) -> Message | None:
        """Save the weights as they are when the run stops unexpectedly: only whole weights, only when newer
        than the last checkpoint. Returns a sentence saying where they went (or that they could not)."""
        if not self.ready or not self.is_main or self.updating or self.state.step <= self.last_saved_step:
            return None
        try:
            path = self._checkpoint()
        except Exception as error:
            why = os_error_sentence(error) if isinstance(error, OSError) else f"{type(error).__name__}: {error}"
            return Message(refusals.SAVING_FAILED_TOO, {"why": why, "last": self._last_checkpoint()})
        self.last_saved_step = self.state.step
        return Message(refusals.SAVED_AT_STEP, {"step": self.state.step, "path": path})

    def _log_bug(self) -> Path | None:
        # A run folder that set-up leaves is removed as the run ends (see RunFolder.release): its log goes where it
        # stays, the user data folder.
        kept = self.run_dir is not None and self.run_dir.is_dir() and (self.ready or self.resume)
        path = self.run_dir / ERROR_LOG if kept else \
            user_data_dir() / "logs" / f"error-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as log:
                log.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{traceback.format_exc()}")
        except OSError:
            return None
        return path

    def _preparing(self, phase: Message, fraction: float | None) -> None:
        """Progress of the slow set-up steps, which is also where a stop request takes effect."""
        if self.control.stop_requested:
            raise Cancelled
        self.progress(phase, fraction)

    def _train(self) -> Iterator[Event]:
        self._set_up()
        t = self.config.training
        for notice in self.notices:
            yield Notice(notice)
        self.ready = True
        yield self._started()
        self.window.start_clock()
        reason = "completed"
        while self.state.step < t.steps:
            yield from self._serve_requests()
            if self.control.paused and not self.control.stop_requested:
                yield from self._pause()
                self.window.start_clock()
            if self.control.stop_requested:
                reason = self.control.stop_reason
                break
            step_started = time.perf_counter()
            metrics, grad_norm, tokens, learning_rate = self._optimizer_step()
            self.state.elapsed += time.perf_counter() - step_started
            self.state.step += 1
            self.state.tokens_seen += tokens
            self.window.add(metrics, tokens)
            for hook in self.hooks:
                yield from hook.after_step(self, StepDone(grad_norm, learning_rate))
        if self.is_main:
            if self.state.step > self.last_saved_step:
                yield self.save()
            final = self.evaluate().metrics if self.setup.evaluating else {}
            yield Finished(self.state.step, reason, str(self.run_dir), final, self.state.best_validation_loss,
                           self.state.elapsed, self.probe_seconds, self.layer_stats_seconds)

    def _pause(self) -> Iterator[Event]:
        yield Paused(self.state.step)
        while self.control.paused and not self.control.stop_requested:
            self.control.wait_while_paused(0.05)
            yield from self._serve_requests()
        if not self.control.stop_requested:
            yield Resumed(self.state.step)

    def _serve_requests(self) -> Iterator[Event]:
        for request in self.control.take_requests():
            if not self.is_main:
                continue
            if isinstance(request, ProbeText):
                self.probe_text = request.text
                yield self.probe()
            elif isinstance(request, SaveCheckpoint):
                yield self.save()
            elif isinstance(request, CallWithModel):
                was_training = self.model.training
                try:
                    request.function(self.model_handle())
                finally:
                    self.model.train(was_training)

    # ------------------------------------------------------------------ one step

    def _optimizer_step(self) -> tuple[dict[str, Tensor], Tensor, int, float]:
        t, setup, optimization = self.config.training, self.setup, self.setup.optimization
        step, plan, scaler, optimizer = self.state.step, optimization.plan, optimization.scaler, optimization.optimizer
        learning_rate = set_learning_rates(optimizer, step, t)
        if plan and plan.unfreeze_every and step % plan.unfreeze_every == 0:
            self.trainable_groups = apply_plan(self.model, plan, step)
        metrics: dict[str, Tensor] = {}
        tokens = 0
        try:
            for micro in range(t.grad_accumulation):
                batch = setup.objective.batch(setup.data.train,
                                              example_rngs(t.seed, step, micro, indices=setup.batch_indices))
                tokens += batch.num_tokens() * setup.world_size
                batch = batch.to(setup.placement.device)
                last = micro == t.grad_accumulation - 1
                with self._gradient_sync(last):
                    with setup.placement.autocast:
                        loss, values = setup.step_module(batch)
                    scaled = loss / t.grad_accumulation
                    (scaler.scale(scaled) if scaler else scaled).backward()
                for name, value in values.items():
                    metrics[name] = metrics.get(name, 0) + value.detach().float() / t.grad_accumulation
            if scaler:
                scaler.unscale_(optimizer)
            measuring = self._measuring_layers(step + 1)
            if measuring:  # before clipping: the gradient the data asked for
                started = time.perf_counter()
                self.window.layers |= setup.layer_stats.before_update()
                self.layer_stats_seconds += time.perf_counter() - started
            clip = t.grad_clip if t.grad_clip > 0 else math.inf
            grad_norm = torch.nn.utils.clip_grad_norm_(optimization.trainable, clip)
            healthy = torch.isfinite(metrics["loss"])
            if scaler is None:  # with fp16 the scaler skips overflowing steps itself
                healthy &= torch.isfinite(grad_norm)
            if not bool(healthy):  # the one device sync per step: no bad update may reach the weights
                self._stop_non_finite(metrics["loss"], grad_norm)
            self.updating = True
            if scaler:
                scaler.step(optimizer)
                scaler.update()
            else:
                optimizer.step()
            self.updating = False
            if measuring:
                started = time.perf_counter()
                self.window.layers |= setup.layer_stats.after_update()
                self.layer_stats_seconds += time.perf_counter() - started
            optimizer.zero_grad(set_to_none=True)
        except (RuntimeError, torch.OutOfMemoryError) as error:
            if not _out_of_memory(error):
                raise
            optimizer.zero_grad(set_to_none=True)
            if setup.placement.device.type == "cuda":
                torch.cuda.empty_cache()
            raise TrainingError(refusals.OUT_OF_MEMORY, device=setup.placement.describe(), step=step + 1,
                                batch=t.batch_size, tokens=setup.seq_len) from None
        return metrics, grad_norm.detach(), tokens, learning_rate

    def _measuring_layers(self, step: int) -> bool:
        every = self.config.training.layer_stats_every
        return self.setup.layer_stats is not None and step % every == 0

    def _gradient_sync(self, last_micro_batch: bool):
        if self.distributed and not last_micro_batch:
            return self.setup.step_module.no_sync()
        return contextlib.nullcontext()

    def _stop_non_finite(self, loss: Tensor, grad_norm: Tensor) -> None:
        step = self.state.step + 1
        what = Message(refusals.LOSS_BECAME, {"value": float(loss)}) if not torch.isfinite(loss) else \
            Message(refusals.GRAD_NORM_BECAME, {"value": float(grad_norm)})
        t = self.config.training
        advice = {"step": step, "what": what, "rate": f"{t.learning_rate:g}", "clip": f"{t.grad_clip:g}"}
        if not self.is_main:
            raise TrainingError(refusals.NOT_FINITE, **advice)
        self.setup.optimization.optimizer.zero_grad(set_to_none=True)
        raise TrainingError(refusals.NOT_FINITE_SAVED, path=self._checkpoint(), **advice)

    # ------------------------------------------------------------------ reports

    def _started(self) -> Started:
        return Started(
            run_dir=str(self.run_dir), config=copy.deepcopy(self.config), start_step=self.state.step,
            parameters=sum(p.numel() for p in self.model.parameters()),
            trainable_parameters=sum(p.numel() for p in self.setup.optimization.trainable),
            device=self.setup.placement.describe(),
            precision=self.setup.placement.precision, corpus_summary=self.setup.data.describe(),
            initialization=self.setup.report.initialization, baselines=self.setup.report.baselines,
            train_size=len(self.setup.data.train))

    def model_handle(self, live: bool = True) -> ModelHandle:
        """The model as it is now, to be used in the loop's thread: between steps and while paused (live),
        or after the last event, when it is the run's final model."""
        return ModelHandle(self.run_dir, self.config, self.setup.data.tokenizer, self.model, self.state.step, live=live)

    def _averaged(self, sums: dict[str, Tensor], count: int) -> dict[str, float]:
        names = sorted(sums)
        stacked = torch.stack([sums[n] for n in names]) / count
        if self.distributed:
            stacked = self.distributed.mean(stacked)
        return self._with_perplexity(dict(zip(names, stacked.tolist())))

    def _with_perplexity(self, values: dict[str, float]) -> dict[str, float]:
        """Adds exp(token loss) where the objective has a token-level loss."""
        loss = values.get(self.setup.objective.perplexity_metric)
        return values if loss is None else {**values, "perplexity": math.exp(min(loss, 50.0))}

    def log_row(self, done: StepDone) -> StepMetrics:
        """The row of the steps since the last one; the next row starts here (before the yield: a save there
        starts anew)."""
        row = self._step_metrics(done.grad_norm, done.learning_rate)
        self.window = LogWindow(device=self.setup.placement.device)
        return row

    def _step_metrics(self, grad_norm: Tensor, learning_rate: float) -> StepMetrics:
        window = self.window
        group_rates = {}
        if self.setup.optimization.plan:
            group_rates = {group["layer"]: group["lr"] for group in self.setup.optimization.optimizer.param_groups}
        return StepMetrics(
            step=self.state.step, metrics=self._averaged(window.sums, window.steps), learning_rate=learning_rate,
            grad_norm=float(grad_norm), tokens_per_second=window.tokens / window.seconds(),
            tokens_seen=self.state.tokens_seen, elapsed=self.state.elapsed,
            eta=(self.config.training.steps - self.state.step) * window.seconds() / window.steps,
            group_learning_rates=group_rates, trainable=dict(self.trainable_groups), layers=window.layers)

    def evaluate(self) -> EvalMetrics:
        started = time.perf_counter()
        t = self.config.training
        self.model.eval()
        evaluation = self.setup.objective.evaluate(self.model, self.setup.data.validation, batch_size=t.batch_size,
                                             batches=t.eval_batches, seed=t.seed,
                                             autocast=lambda: self.setup.placement.autocast)
        self.model.train()
        metrics = self._with_perplexity(evaluation.metrics)
        return EvalMetrics(self.state.step, metrics, time.perf_counter() - started,
                           confusion=evaluation.confusion, labels=evaluation.labels)

    def probe(self) -> AttentionSnapshot:
        snapshot = probe_attention(self.model, self.setup.data.tokenizer, self.probe_text, self.setup.seq_len,
                                   self.state.step)
        self.probe_seconds += snapshot.seconds
        return snapshot

    def _checkpoint(self) -> Path:
        """Save the step the run is at, with the logging window it is in."""
        self.state.log_window = self.window.saved()
        optimization = self.setup.optimization
        return ckpt.save_checkpoint(self.run_dir, self.model, optimization.optimizer, self.state,
                                    optimization.scaler_state())

    def _last_checkpoint(self) -> Message:
        if self.last_saved_step < 0:
            return Message(refusals.NO_CHECKPOINT_SAVED)
        return Message(refusals.CHECKPOINT_INTACT, {"step": self.last_saved_step})

    def save(self) -> CheckpointSaved:
        started = time.perf_counter()
        self.progress(Message(say.SAVING_CHECKPOINT), None)
        try:
            path = self._checkpoint()
        except OSError as error:
            raise TrainingError(refusals.SAVE_FAILED, step=self.state.step, why=os_error_sentence(error),
                                last=self._last_checkpoint()) from None
        ckpt.prune(self.run_dir, self.config.training.keep_checkpoints, self.state.best_step)
        self.last_saved_step = self.state.step
        self.progress(Message(say.SAVING_CHECKPOINT), 1.0)
        return CheckpointSaved(self.state.step, str(path), time.perf_counter() - started)

    # ------------------------------------------------------------------ setup

    @property
    def is_main(self) -> bool:
        return self.distributed is None or self.distributed.is_main

    @property
    def model(self) -> Transformer | None:
        return self.setup.model if self.setup else None

    @property
    def data(self) -> PreparedData | TaskData | None:
        return self.setup.data if self.setup else None

    def _set_up(self) -> None:
        """Claim the run folder and choose where to train, then let the run's recipe build the rest."""
        validate(self.config)
        placement = choose_placement(self.config.training, leave_a_core=self.leave_a_core)
        self.distributed = from_environment(placement.device.type)
        if self.is_main:
            self.run_dir = self.run_dir or default_run_dir(self.config)
            self.folder = RunFolder(self.run_dir, self.resume)
            self.notices += self.folder.claim()
        if self.distributed and placement.device.type == "cuda":
            placement = replace(placement, device=torch.device(f"cuda:{self.distributed.local_rank}"))
        if placement.device.type == "cuda":
            torch.backends.cuda.matmul.allow_tf32 = True
            torch.backends.cudnn.allow_tf32 = True
        start = Start(self.config, self.run_dir, self.resume, self.checkpoint, placement, self.distributed,
                      self.folder, self._preparing)
        self.setup = recipe_for(self.config)(start)
        self.hooks: list[StepHook] = step_hooks(self.setup)
        self.run_dir, self.state = self.setup.run_dir, self.setup.state
        self.notices += self.setup.report.notices
        self.trainable_groups = dict(self.setup.optimization.groups)
        if self.resume:
            # Only the first process saves, so under torchrun every process resumes with the first one's window:
            # the first row after such a resume is exact only when one process trains.
            self.window = LogWindow(self.state.log_window, placement.device)
            self.last_saved_step = self.state.step
