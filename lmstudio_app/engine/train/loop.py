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
from functools import partial
from pathlib import Path

import torch
from torch import Tensor, nn

from lmstudio_app.config import ExperimentConfig, save_config, validate
from lmstudio_app.config import engine_messages as say
from lmstudio_app.config.messages import Message
from lmstudio_app.config.model_stats import training_seq_len
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.control import CallWithModel, Control, ProbeText, SaveCheckpoint
from lmstudio_app.engine.data.prepare import PreparedData, prepare_data
from lmstudio_app.engine.finetune.setup import (
    InitReport,
    adopt_pretrained_architecture,
    load_pretrained,
    prepare_task_data,
)
from lmstudio_app.engine.finetune.strategies import (
    Plan,
    apply_plan,
    group_of,
    plan_strategy,
)
from lmstudio_app.engine.finetune.task_data import TaskData
from lmstudio_app.engine.finetune.tasks import build_task_objective
from lmstudio_app.engine.model import Transformer, build_model
from lmstudio_app.engine.ngram import CAUSAL_OBJECTIVES, ngram_baselines
from lmstudio_app.engine.objectives import (
    Batch,
    Objective,
    build_objective,
    example_rngs,
)
from lmstudio_app.engine.probe import probe_attention
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.engine.runs import (
    ModelHandle,
    RunFolder,
    default_run_dir,
    no_checkpoint_yet,
    read_run_tokenizer,
)
from lmstudio_app.engine.train.device import Placement, check_memory, choose_placement
from lmstudio_app.engine.train.distributed import Distributed, from_environment
from lmstudio_app.engine.train.layer_stats import LayerStats, attention_entropy
from lmstudio_app.engine.train.optim import build_optimizer, set_learning_rates
from lmstudio_app.errors import (
    Cancelled,
    ConfigError,
    LmStudioError,
    TrainingError,
    os_error_sentence,
)
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
from lmstudio_app.run_folder import CONFIG_FILE, ERROR_LOG

BASELINE_PIECE = 256  # examples the n-gram baselines score at a time


class ObjectiveModule(nn.Module):
    """Model and objective as one module, so data parallelism wraps the whole loss computation."""

    def __init__(self, model: nn.Module, objective: Objective):
        super().__init__()
        self.model = model
        self.objective = objective

    def forward(self, batch: Batch) -> tuple[Tensor, dict[str, Tensor]]:
        return self.objective.loss(self.model, batch)


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
        self.data: PreparedData | TaskData | None = None  # set up by events()
        self.model: Transformer | None = None
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
            yield self._failed(str(error), bad_input=not isinstance(error, TrainingError) and not self.ready)
        except OSError as error:
            yield self._failed(os_error_sentence(error), bad_input=not self.ready)
        except Cancelled:
            yield Finished(self.state.step, self.control.stop_reason, str(self.run_dir or ""), {}, None, 0.0, 0.0)
        except GeneratorExit:
            self._save_before_leaving()
            raise
        except Exception as error:  # a bug: keep the work, and the details for a report
            yield self._failed(f"unexpected error: {type(error).__name__}: {error}{self._log_bug()}", bad_input=False)
        finally:
            if self.folder is not None:
                self.folder.release(keep=self.ready)
            if self.distributed is not None:
                # Left to the interpreter's exit, gloo's threads are torn down in a race that aborts the process
                # now and then ("terminate called without an active exception") after a complete run.
                self.distributed.close()

    def _failed(self, message: str, bad_input: bool) -> Failed:
        return Failed(message + self._save_before_leaving(), bad_input=bad_input, step=self.state.step,
                      run_dir=str(self.run_dir or ""))

    def _save_before_leaving(self) -> str:
        """Save the weights as they are when the run stops unexpectedly: only whole weights, only when newer
        than the last checkpoint. Returns a sentence saying where they went (or that they could not)."""
        if not self.ready or not self.is_main or self.updating or self.state.step <= self.last_saved_step:
            return ""
        try:
            path = self._checkpoint()
        except Exception as error:
            why = os_error_sentence(error) if isinstance(error, OSError) else f"{type(error).__name__}: {error}"
            return f" Saving the last steps failed too ({why}); {self._last_checkpoint()}."
        self.last_saved_step = self.state.step
        return f" The weights of step {self.state.step} are saved in {path}."

    def _log_bug(self) -> str:
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
            return ""
        return f" (the details are in {path})"

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
            if self._measuring_layers(self.state.step):
                started = time.perf_counter()
                snapshot = probe_attention(self.model, self.data.tokenizer, self.probe_text, self.seq_len,
                                           self.state.step)
                self.window.layers |= attention_entropy(snapshot)
                self.layer_stats_seconds += time.perf_counter() - started
            self.state.tokens_seen += tokens
            self.window.add(metrics, tokens)
            step = self.state.step
            if step % t.log_every == 0 or step == t.steps:
                logged = self._step_metrics(grad_norm, learning_rate)
                self.window = LogWindow(device=self.placement.device)  # before the yield: a save there starts anew
                yield logged
            if not self.is_main:
                continue
            improved = False
            if self.evaluating and (step % t.eval_every == 0 or step == t.steps):
                evaluation = self._evaluate()
                improved = self._track_best(evaluation.metrics)
                yield evaluation
            if t.probe_every and step % t.probe_every == 0:
                yield self._probe()
            if (t.checkpoint_every and step % t.checkpoint_every == 0) or improved:
                yield self._save()
        if self.is_main:
            if self.state.step > self.last_saved_step:
                yield self._save()
            final = self._evaluate().metrics if self.evaluating else {}
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
                yield self._probe()
            elif isinstance(request, SaveCheckpoint):
                yield self._save()
            elif isinstance(request, CallWithModel):
                was_training = self.model.training
                try:
                    request.function(self.model_handle())
                finally:
                    self.model.train(was_training)

    # ------------------------------------------------------------------ one step

    def _optimizer_step(self) -> tuple[dict[str, Tensor], Tensor, int, float]:
        t = self.config.training
        step = self.state.step
        learning_rate = set_learning_rates(self.optimizer, step, t)
        if self.plan and self.plan.unfreeze_every and step % self.plan.unfreeze_every == 0:
            self.trainable_groups = apply_plan(self.model, self.plan, step)
        metrics: dict[str, Tensor] = {}
        tokens = 0
        try:
            for micro in range(t.grad_accumulation):
                batch = self.objective.batch(self.data.train, example_rngs(t.seed, step, micro,
                                                                           indices=self.batch_indices))
                tokens += batch.num_tokens() * self.world_size
                batch = batch.to(self.placement.device)
                last = micro == t.grad_accumulation - 1
                with self._gradient_sync(last):
                    with self.placement.autocast:
                        loss, values = self.step_module(batch)
                    scaled = loss / t.grad_accumulation
                    (self.scaler.scale(scaled) if self.scaler else scaled).backward()
                for name, value in values.items():
                    metrics[name] = metrics.get(name, 0) + value.detach().float() / t.grad_accumulation
            if self.scaler:
                self.scaler.unscale_(self.optimizer)
            measuring = self._measuring_layers(step + 1)
            if measuring:  # before clipping: the gradient the data asked for
                started = time.perf_counter()
                self.window.layers |= self.layer_stats.before_update()
                self.layer_stats_seconds += time.perf_counter() - started
            grad_norm = torch.nn.utils.clip_grad_norm_(self.trainable, t.grad_clip if t.grad_clip > 0 else math.inf)
            healthy = torch.isfinite(metrics["loss"])
            if self.scaler is None:  # with fp16 the scaler skips overflowing steps itself
                healthy &= torch.isfinite(grad_norm)
            if not bool(healthy):  # the one device sync per step: no bad update may reach the weights
                self._stop_non_finite(metrics["loss"], grad_norm)
            self.updating = True
            if self.scaler:
                self.scaler.step(self.optimizer)
                self.scaler.update()
            else:
                self.optimizer.step()
            self.updating = False
            if measuring:
                started = time.perf_counter()
                self.window.layers |= self.layer_stats.after_update()
                self.layer_stats_seconds += time.perf_counter() - started
            self.optimizer.zero_grad(set_to_none=True)
        except (RuntimeError, torch.OutOfMemoryError) as error:
            if not _out_of_memory(error):
                raise
            self.optimizer.zero_grad(set_to_none=True)
            if self.placement.device.type == "cuda":
                torch.cuda.empty_cache()
            raise TrainingError(
                f"out of memory on {self.placement.describe().english()} at step {step + 1} with a batch of "
                f"{t.batch_size} sequences of {self.seq_len} tokens; lower training.batch_size "
                f"(and raise training.grad_accumulation to keep the effective batch)") from None
        return metrics, grad_norm.detach(), tokens, learning_rate

    def _measuring_layers(self, step: int) -> bool:
        every = self.config.training.layer_stats_every
        return self.layer_stats is not None and step % every == 0

    def _gradient_sync(self, last_micro_batch: bool):
        if self.distributed and not last_micro_batch:
            return self.step_module.no_sync()
        return contextlib.nullcontext()

    def _stop_non_finite(self, loss: Tensor, grad_norm: Tensor) -> None:
        step = self.state.step + 1
        what = f"the loss became {float(loss)}" if not torch.isfinite(loss) else \
            f"the gradient norm became {float(grad_norm)}"
        saved = ""
        if self.is_main:
            self.optimizer.zero_grad(set_to_none=True)
            path = self._checkpoint()
            saved = f" The weights before this step are saved in {path}."
        t = self.config.training
        raise TrainingError(
            f"step {step}: {what}, so training stopped before the update reached the weights.{saved} "
            f"Try a lower training.learning_rate (now {t.learning_rate:g}), gradient clipping "
            f"(training.grad_clip, now {t.grad_clip:g}), a longer training.warmup_steps, or fp32 precision.")

    # ------------------------------------------------------------------ reports

    def _started(self) -> Started:
        return Started(
            run_dir=str(self.run_dir), config=copy.deepcopy(self.config), start_step=self.state.step,
            parameters=sum(p.numel() for p in self.model.parameters()),
            trainable_parameters=sum(p.numel() for p in self.trainable), device=self.placement.describe(),
            precision=self.placement.precision, corpus_summary=self.data.describe(),
            initialization=self.init_report.describe() if self.fine_tuning else "", baselines=self.baselines,
            train_size=len(self.data.train))

    def _baselines(self) -> dict[str, float]:
        """Unigram, bigram and trigram cross-entropies on the validation batches, for causal pretraining: the
        loss a model must beat to have learned more than counting (cached with the tokenized corpus)."""
        t = self.config.training
        causal = self.config.objective.name in CAUSAL_OBJECTIVES
        if self.fine_tuning or not causal or not self.evaluating or not self.is_main:
            return {}
        phase = Message(say.FITTING_BASELINES)
        self._preparing(phase, None)
        total = t.eval_batches * t.batch_size

        def scored() -> Iterator[tuple]:  # in pieces: a stop is heard between them, however large the batches
            done = 0
            for piece in self.objective.evaluation_batches(self.data.validation, batch_size=t.batch_size,
                                                           batches=t.eval_batches, seed=t.seed, piece=BASELINE_PIECE):
                self._preparing(phase, done / total)
                done += len(piece.input_ids)
                yield piece.input_ids.numpy(), piece.labels.numpy()

        key = f"{self.data.cache_key}|{self.config.objective}|{self.seq_len}|{t.batch_size}|{t.eval_batches}|{t.seed}"
        return ngram_baselines(self.data.train, scored(), self.data.tokenizer.vocab_size, key, self._preparing)

    def model_handle(self, live: bool = True) -> ModelHandle:
        """The model as it is now, to be used in the loop's thread: between steps and while paused (live),
        or after the last event, when it is the run's final model."""
        return ModelHandle(self.run_dir, self.config, self.data.tokenizer, self.model, self.state.step, live=live)

    def _averaged(self, sums: dict[str, Tensor], count: int) -> dict[str, float]:
        names = sorted(sums)
        stacked = torch.stack([sums[n] for n in names]) / count
        if self.distributed:
            stacked = self.distributed.mean(stacked)
        return self._with_perplexity(dict(zip(names, stacked.tolist())))

    def _with_perplexity(self, values: dict[str, float]) -> dict[str, float]:
        """Adds exp(token loss) where the objective has a token-level loss."""
        loss = values.get(self.objective.perplexity_metric)
        return values if loss is None else {**values, "perplexity": math.exp(min(loss, 50.0))}

    def _step_metrics(self, grad_norm: Tensor, learning_rate: float) -> StepMetrics:
        window = self.window
        group_rates = {}
        if self.plan:
            group_rates = {group["layer"]: group["lr"] for group in self.optimizer.param_groups}
        return StepMetrics(
            step=self.state.step, metrics=self._averaged(window.sums, window.steps), learning_rate=learning_rate,
            grad_norm=float(grad_norm), tokens_per_second=window.tokens / window.seconds(),
            tokens_seen=self.state.tokens_seen, elapsed=self.state.elapsed,
            eta=(self.config.training.steps - self.state.step) * window.seconds() / window.steps,
            group_learning_rates=group_rates, trainable=dict(self.trainable_groups), layers=window.layers)

    def _evaluate(self) -> EvalMetrics:
        started = time.perf_counter()
        t = self.config.training
        self.model.eval()
        evaluation = self.objective.evaluate(self.model, self.data.validation, batch_size=t.batch_size,
                                             batches=t.eval_batches, seed=t.seed,
                                             autocast=lambda: self.placement.autocast)
        self.model.train()
        metrics = self._with_perplexity(evaluation.metrics)
        return EvalMetrics(self.state.step, metrics, time.perf_counter() - started,
                           confusion=evaluation.confusion, labels=evaluation.labels)

    def _track_best(self, metrics: dict[str, float]) -> bool:
        loss = metrics.get("loss")
        best = self.state.best_validation_loss
        if loss is None or not math.isfinite(loss) or (best is not None and loss >= best):
            return False
        self.state.best_validation_loss, self.state.best_step = loss, self.state.step
        return True

    def _probe(self) -> AttentionSnapshot:
        snapshot = probe_attention(self.model, self.data.tokenizer, self.probe_text, self.seq_len, self.state.step)
        self.probe_seconds += snapshot.seconds
        return snapshot

    def _scaler_state(self) -> dict | None:
        return self.scaler.state_dict() if self.scaler else None

    def _checkpoint(self) -> Path:
        """Save the step the run is at, with the logging window it is in."""
        self.state.log_window = self.window.saved()
        return ckpt.save_checkpoint(self.run_dir, self.model, self.optimizer, self.state, self._scaler_state())

    def _last_checkpoint(self) -> str:
        if self.last_saved_step < 0:
            return "no checkpoint of this run is saved yet"
        return f"the checkpoint of step {self.last_saved_step} is intact"

    def _save(self) -> CheckpointSaved:
        started = time.perf_counter()
        self.progress(Message(say.SAVING_CHECKPOINT), None)
        try:
            path = self._checkpoint()
        except OSError as error:
            raise TrainingError(f"saving the checkpoint of step {self.state.step} failed: {os_error_sentence(error)}; "
                                f"{self._last_checkpoint()}") from None
        ckpt.prune(self.run_dir, self.config.training.keep_checkpoints, self.state.best_step)
        self.last_saved_step = self.state.step
        self.progress(Message(say.SAVING_CHECKPOINT), 1.0)
        return CheckpointSaved(self.state.step, str(path), time.perf_counter() - started)

    # ------------------------------------------------------------------ setup

    @property
    def is_main(self) -> bool:
        return self.distributed is None or self.distributed.is_main

    def _set_up(self) -> None:
        validate(self.config)
        t = self.config.training
        self.placement: Placement = choose_placement(t, leave_a_core=self.leave_a_core)
        self.distributed = from_environment(self.placement.device.type)
        if self.is_main:
            self.run_dir = self.run_dir or default_run_dir(self.config)
            self.folder = RunFolder(self.run_dir, self.resume)
            self.notices += self.folder.claim()
        if self.distributed and self.placement.device.type == "cuda":
            self.placement = replace(self.placement, device=torch.device(f"cuda:{self.distributed.local_rank}"))
        self.world_size = self.distributed.world_size if self.distributed else 1
        self.batch_indices = range(t.batch_size)
        if self.distributed:
            share = self.distributed.slice(t.batch_size)
            self.batch_indices = range(share.start, share.stop)
        if self.placement.device.type == "cuda":
            torch.backends.cuda.matmul.allow_tf32 = True
            torch.backends.cudnn.allow_tf32 = True
        self.fine_tuning = bool(self.config.finetune.task)
        self.data = self._prepare_data()
        self.seq_len = training_seq_len(self.config)  # after a fine-tune adopted its pretrained run's context
        if self.fine_tuning:
            self.objective = build_task_objective(self.config, self.data.tokenizer, self.seq_len, self.data.labels)
        else:
            self.objective = build_objective(self.config.objective, self.data.tokenizer, self.seq_len)
        self.objective.check(self.data.train)
        self.evaluating = bool(t.eval_every) and len(self.data.validation) > 0
        if self.evaluating:
            self.objective.check(self.data.validation)
        self.baselines = self._baselines()
        check_memory(self.config, self.placement)  # again, with the trained tokenizer's vocabulary
        torch.manual_seed(t.seed)
        self.model = build_model(self.config, self._preparing)
        self.init_report = InitReport("")
        if self.fine_tuning and not self.resume:
            self.init_report = load_pretrained(self.model, self.config)
        self.model.to(self.placement.device)
        self.plan: Plan | None = plan_strategy(self.model, self.config.finetune) if self.fine_tuning else None
        self.trainable_groups = apply_plan(self.model, self.plan, 0) if self.plan else {}
        self.trainable = [p for n, p in self.model.named_parameters() if self.plan is None or n in self.plan.trainable]
        if self.plan:
            self.optimizer = build_optimizer(self.model, t, self.plan.rates, partial(group_of, self.model),
                                             include=lambda name, _: name in self.plan.trainable)
        else:
            self.optimizer = build_optimizer(self.model, t)
        self.scaler = torch.amp.GradScaler(self.placement.device.type) if self.placement.precision == "fp16" else None
        if self.resume:
            self._restore()
            if self.plan:
                self.trainable_groups = apply_plan(self.model, self.plan, self.state.step)
        forward_model = torch.compile(self.model) if t.compile and self.placement.device.type == "cuda" \
            else self.model
        self.step_module = ObjectiveModule(forward_model, self.objective)
        self.layer_stats = LayerStats(self.model) if t.layer_stats_every and self.is_main else None
        if self.distributed:
            device_ids = [self.placement.device.index] if self.placement.device.type == "cuda" else None
            self.step_module = nn.parallel.DistributedDataParallel(self.step_module, device_ids=device_ids,
                                                                   find_unused_parameters=self.fine_tuning)

    def _prepare_data(self) -> PreparedData | TaskData:
        tokenizer = read_run_tokenizer(self.run_dir, self.config) if self.resume else None
        if self.fine_tuning and not self.resume:
            tokenizer = adopt_pretrained_architecture(self.config)
        # Before anything is read, counted or built in proportion to the config's numbers (batch size, context,
        # widths): with the tokenizer's configured vocabulary where the trained one is not known yet.
        check_memory(self.config, self.placement)
        if self.distributed and not self.is_main:
            self.distributed.barrier()  # rank 0 trains the tokenizer and fills the cache first
            if not self.resume:
                self.run_dir = Path(self.distributed.broadcast(None))
                tokenizer = read_run_tokenizer(self.run_dir, self.config)
        if self.fine_tuning:
            data = prepare_task_data(self.config, self._preparing, tokenizer)
        else:
            data = prepare_data(self.config, self._preparing, tokenizer)
            if not self.resume:
                self._fix_vocab_size(data.tokenizer.vocab_size)
        if self.is_main:
            if not self.resume:
                self.folder.create(self.config, data.tokenizer)
            if self.distributed:
                self.distributed.barrier()
                if not self.resume:
                    self.distributed.broadcast(str(self.run_dir))
        return data

    def _fix_vocab_size(self, tokenizer_size: int) -> None:
        model = self.config.model
        if model.vocab_size and model.vocab_size < tokenizer_size:
            raise ConfigError(f"model.vocab_size: {model.vocab_size} is smaller than the tokenizer's "
                              f"{tokenizer_size} tokens; use 0 to follow the tokenizer")
        if not model.vocab_size:
            model.vocab_size = tokenizer_size

    def _restore(self) -> None:
        if self.is_main:
            self.notices += ckpt.tidy(self.run_dir)
        if not ckpt.checkpoints(self.run_dir):
            raise no_checkpoint_yet(self.run_dir)
        if self.checkpoint == "latest":
            chosen, damaged = ckpt.newest_intact(self.run_dir)
        else:
            chosen, damaged = ckpt.find_checkpoint(self.run_dir, self.checkpoint), {}
        if self.is_main:
            for path, problem in damaged.items():
                moved = ckpt.quarantine(path, "damaged")
                self.notices.append(Message(say.DAMAGED_CHECKPOINT, {"name": path.name, "problem": problem,
                                                                     "chosen": chosen.name, "moved": moved}))
        ckpt.load_weights(self.model, chosen, self.placement.device)
        self.state, scaler_state = ckpt.load_training_state(chosen, self.optimizer)
        if self.is_main:
            for later in [p for p in ckpt.checkpoints(self.run_dir) if ckpt.step_of(p) > self.state.step]:
                moved = ckpt.quarantine(later, f"after-resuming-from-{self.state.step}")
                self.notices.append(Message(say.LATER_CHECKPOINT, {"name": later.name, "step": self.state.step,
                                                                   "moved": moved}))
        self.state.restore_rng()
        # Only the first process saves, so under torchrun every process resumes with the first one's window: the
        # first row after such a resume is exact only when one process trains.
        self.window = LogWindow(self.state.log_window, self.placement.device)
        if self.scaler and scaler_state:
            self.scaler.load_state_dict(scaler_state)
        self.last_saved_step = self.state.step
        if self.is_main:
            save_config(self.config, self.run_dir / CONFIG_FILE)  # e.g. a raised training.steps

