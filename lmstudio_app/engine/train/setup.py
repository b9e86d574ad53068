"""The training recipes: a pretraining run and a fine-tuning run each build one ``TrainingSetup``.

A recipe prepares the data and the tokenizer, the objective, the model (a fine-tune loads its pretrained
weights and plans which of them train), the optimizer and, for a resumed run, the checkpoint's state. What
the two recipes share is here once; where they differ, each says so. The loop (engine/train/loop.py) only
runs what a recipe built. Batches depend only on (seed, step) and the order of the random draws here is
fixed, so a resumed run continues the uninterrupted one exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import torch
from torch import nn

from lmstudio_app.config import ExperimentConfig, save_config
from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message, problem
from lmstudio_app.config.model_stats import training_seq_len
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.data.prepare import PreparedData, prepare_data
from lmstudio_app.engine.data.tokenizer import Tokenizer
from lmstudio_app.engine.finetune.setup import (
    InitReport,
    adopt_pretrained_architecture,
    load_pretrained,
    prepare_task_data,
)
from lmstudio_app.engine.finetune.strategies import Plan, apply_plan, group_of, plan_strategy
from lmstudio_app.engine.finetune.task_data import TaskData
from lmstudio_app.engine.finetune.tasks import build_task_objective
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.model import Transformer
from lmstudio_app.engine.ngram import CAUSAL_OBJECTIVES, ngram_baselines
from lmstudio_app.engine.objectives import Batch, Objective, build_objective
from lmstudio_app.engine.progress import Progress
from lmstudio_app.engine.runs import RunFolder, no_checkpoint_yet, read_run_tokenizer
from lmstudio_app.engine.train.device import Placement, check_memory
from lmstudio_app.engine.train.distributed import Distributed
from lmstudio_app.engine.train.log_window import LogWindow
from lmstudio_app.engine.train.optim import build_optimizer
from lmstudio_app.engine.train.running import Running
from lmstudio_app.errors import ConfigError
from lmstudio_app.run_folder import CONFIG_FILE

BASELINE_PIECE = 256  # examples the n-gram baselines score at a time

Preparing = Callable[[Message, float | None], None]  # progress of a slow step; where a stop request is heard


class ObjectiveModule(nn.Module):
    """Model and objective as one module, so data parallelism wraps the whole loss computation."""

    def __init__(self, model: nn.Module, objective: Objective):
        super().__init__()
        self.model = model
        self.objective = objective

    def forward(self, batch: Batch) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        return self.objective.loss(self.model, batch)


@dataclass(frozen=True)
class Start:
    """What a recipe starts from: the config, the claimed run folder, where and on how many processes it trains."""

    config: ExperimentConfig  # the run's own copy: a recipe fills in model.vocab_size
    run_dir: Path | None  # None only on a torchrun process other than the first, before it is told the folder
    resume: bool
    checkpoint: str  # which one a resumed run continues from: "latest", "best" or a step
    placement: Placement
    distributed: Distributed | None
    folder: RunFolder | None  # held by the first process
    preparing: Preparing
    progress: Progress  # where the run reports saving its checkpoints

    @property
    def is_main(self) -> bool:
        return self.distributed is None or self.distributed.is_main


@dataclass(frozen=True)
class Optimization:
    """What changes the weights: the optimizer, the fp16 loss scaler and, for a fine-tune, its strategy's plan."""

    optimizer: torch.optim.Optimizer
    scaler: torch.amp.GradScaler | None
    plan: Plan | None
    trainable: list[nn.Parameter]
    groups: dict[str, bool]  # which layer groups train at the step the run starts from; {} without a plan

    def scaler_state(self) -> dict | None:
        return self.scaler.state_dict() if self.scaler else None


@dataclass(frozen=True)
class TrainingSetup:
    """One run, built and ready to train; the loop and its hooks change its weights, its ``state`` and what is
    ``running``, nothing else."""

    config: ExperimentConfig
    run_dir: Path
    placement: Placement
    distributed: Distributed | None
    batch_indices: range  # this process's share of each batch
    data: PreparedData | TaskData
    seq_len: int
    objective: Objective
    evaluating: bool
    model: Transformer
    step_module: nn.Module  # model and objective, compiled and wrapped for data parallelism as configured
    optimization: Optimization
    state: ckpt.TrainerState  # where the run is: a fresh one, or the checkpoint's it resumes from
    running: Running
    report: SetupReport

    @property
    def is_main(self) -> bool:
        return self.distributed is None or self.distributed.is_main

    @property
    def world_size(self) -> int:
        return self.distributed.world_size if self.distributed else 1


@dataclass(frozen=True)
class SetupReport:
    """What set-up found out, for the Started event and the notices before it."""

    baselines: dict[str, float]  # the n-gram losses a model must beat
    initialization: Message | str  # how a fine-tune's weights were loaded; "" for pretraining
    notices: tuple[Message, ...] = field(default=())  # what resuming did to the run folder


def pretraining_setup(start: Start) -> TrainingSetup:
    tokenizer = read_run_tokenizer(start.run_dir, start.config) if start.resume else None

    def prepared(config: ExperimentConfig, preparing: Preparing, tokenizer: Tokenizer | None) -> PreparedData:
        data = prepare_data(config, preparing, tokenizer)
        if not start.resume:
            _fix_vocab_size(config, data.tokenizer.vocab_size)
        return data

    start, data = _prepare(start, tokenizer, prepared)
    seq_len = training_seq_len(start.config)
    objective = build_objective(start.config.objective, data.tokenizer, seq_len)
    evaluating = _check(start, objective, data)
    baselines = _baselines(start, data, objective, seq_len) if evaluating and start.is_main else {}
    model = _model(start)
    return _assemble(start, data, seq_len, objective, evaluating, model, plan=None,
                     report=SetupReport(baselines, ""))


def finetuning_setup(start: Start) -> TrainingSetup:
    # A new fine-tune adopts its pretrained run's architecture and tokenizer; a resumed one has them already.
    tokenizer = read_run_tokenizer(start.run_dir, start.config) if start.resume else \
        adopt_pretrained_architecture(start.config)
    start, data = _prepare(start, tokenizer, prepare_task_data)
    seq_len = training_seq_len(start.config)  # after the fine-tune adopted its pretrained run's context
    objective = build_task_objective(start.config, data.tokenizer, seq_len, data.labels)
    evaluating = _check(start, objective, data)
    model = _model(start)
    initialization = InitReport("") if start.resume else load_pretrained(model, start.config)
    return _assemble(start, data, seq_len, objective, evaluating, model, plan_strategy(model, start.config.finetune),
                     report=SetupReport({}, initialization.describe()))


def recipe_for(config: ExperimentConfig) -> Callable[[Start], TrainingSetup]:
    return finetuning_setup if config.finetune.task else pretraining_setup


def _prepare(start: Start, tokenizer: Tokenizer | None, prepare) -> tuple[Start, PreparedData | TaskData]:
    """The data, prepared by the first process while the others wait for the cache it fills and the folder
    it names."""
    # Before anything is read, counted or built in proportion to the config's numbers (batch size, context,
    # widths): with the tokenizer's configured vocabulary where the trained one is not known yet.
    check_memory(start.config, start.placement)
    distributed = start.distributed
    if distributed and not start.is_main:
        distributed.barrier()  # rank 0 trains the tokenizer and fills the cache first
        if not start.resume:
            start = replace(start, run_dir=Path(distributed.broadcast(None)))
            tokenizer = read_run_tokenizer(start.run_dir, start.config)
    data = prepare(start.config, start.preparing, tokenizer)
    if start.is_main:
        if not start.resume:
            start.folder.create(start.config, data.tokenizer)
        if distributed:
            distributed.barrier()
            if not start.resume:
                distributed.broadcast(str(start.run_dir))
    return start, data


def _fix_vocab_size(config: ExperimentConfig, tokenizer_size: int) -> None:
    model = config.model
    if model.vocab_size and model.vocab_size < tokenizer_size:
        raise ConfigError(problem("model.vocab_size", refusals.VOCAB_TOO_SMALL, size=model.vocab_size,
                                  tokens=tokenizer_size))
    if not model.vocab_size:
        model.vocab_size = tokenizer_size


def _check(start: Start, objective: Objective, data: PreparedData | TaskData) -> bool:
    """Whether the run evaluates, once the objective has checked the splits it will read."""
    objective.check(data.train)
    evaluating = bool(start.config.training.eval_every) and len(data.validation) > 0
    if evaluating:
        objective.check(data.validation)
    return evaluating


def _baselines(start: Start, data: PreparedData, objective: Objective, seq_len: int) -> dict[str, float]:
    """Unigram, bigram and trigram cross-entropies on the validation batches, for causal pretraining: the
    loss a model must beat to have learned more than counting (cached with the tokenized corpus)."""
    config, t = start.config, start.config.training
    if config.objective.name not in CAUSAL_OBJECTIVES:
        return {}
    phase = Message(say.FITTING_BASELINES)
    start.preparing(phase, None)
    total = t.eval_batches * t.batch_size

    def scored() -> Iterator[tuple]:  # in pieces: a stop is heard between them, however large the batches
        done = 0
        for piece in objective.evaluation_batches(data.validation, batch_size=t.batch_size, batches=t.eval_batches,
                                                  seed=t.seed, piece=BASELINE_PIECE):
            start.preparing(phase, done / total)
            done += len(piece.input_ids)
            yield piece.input_ids.numpy(), piece.labels.numpy()

    key = f"{data.cache_key}|{config.objective}|{seq_len}|{t.batch_size}|{t.eval_batches}|{t.seed}"
    return ngram_baselines(data.train, scored(), data.tokenizer.vocab_size, key, start.preparing)


def _model(start: Start) -> Transformer:
    check_memory(start.config, start.placement)  # again, with the trained tokenizer's vocabulary
    torch.manual_seed(start.config.training.seed)
    return build_model(start.config, start.preparing)


def _assemble(start: Start, data: PreparedData | TaskData, seq_len: int, objective: Objective, evaluating: bool,
              model: Transformer, plan: Plan | None, report: SetupReport) -> TrainingSetup:
    """The parts both recipes share: the optimizer, the resumed state, and the module the steps run."""
    t = start.config.training
    model.to(start.placement.device)
    if plan:
        optimizer = build_optimizer(model, t, plan.rates, partial(group_of, model),
                                    include=lambda name, _: name in plan.trainable)
    else:
        optimizer = build_optimizer(model, t)
    scaler = torch.amp.GradScaler(start.placement.device.type) if start.placement.precision == "fp16" else None
    trainable = [p for n, p in model.named_parameters() if plan is None or n in plan.trainable]
    state, notices = (_restore(start, model, optimizer, scaler) if start.resume else (ckpt.TrainerState(), ()))
    # Before data parallelism wraps the model: it keeps track only of the parameters that train at that point.
    groups = apply_plan(model, plan, state.step) if plan else {}
    optimization = Optimization(optimizer, scaler, plan, trainable, groups)
    forward_model = torch.compile(model) if t.compile and start.placement.device.type == "cuda" else model
    step_module = ObjectiveModule(forward_model, objective)
    distributed = start.distributed
    if distributed:
        device_ids = [start.placement.device.index] if start.placement.device.type == "cuda" else None
        step_module = nn.parallel.DistributedDataParallel(step_module, device_ids=device_ids,
                                                          find_unused_parameters=plan is not None)
    share = distributed.slice(t.batch_size) if distributed else slice(0, t.batch_size)
    return TrainingSetup(
        config=start.config, run_dir=start.run_dir, placement=start.placement, distributed=distributed,
        batch_indices=range(share.start, share.stop), data=data, seq_len=seq_len, objective=objective,
        evaluating=evaluating, model=model, step_module=step_module, optimization=optimization, state=state,
        running=_running(start, state, groups), report=SetupReport(report.baselines, report.initialization, notices))


def _running(start: Start, state: ckpt.TrainerState, groups: dict[str, bool]) -> Running:
    if not start.resume:
        return Running(LogWindow(), start.config.training.probe_text, dict(groups), -1, start.progress)
    # Only the first process saves, so under torchrun every process resumes with the first one's window: the
    # first row after such a resume is exact only when one process trains.
    return Running(LogWindow(state.log_window, start.placement.device), start.config.training.probe_text,
                   dict(groups), state.step, start.progress)


def _restore(start: Start, model: Transformer, optimizer: torch.optim.Optimizer,
             scaler: torch.amp.GradScaler | None) -> tuple[ckpt.TrainerState, tuple[Message, ...]]:
    """The state of the checkpoint a resumed run continues from, loaded into the model and the optimizer,
    and what choosing it did to the run folder."""
    run_dir, notices = start.run_dir, []
    if start.is_main:
        notices += ckpt.tidy(run_dir)
    if not ckpt.checkpoints(run_dir):
        raise no_checkpoint_yet(run_dir)
    if start.checkpoint == "latest":
        chosen, damaged = ckpt.newest_intact(run_dir)
    else:
        chosen, damaged = ckpt.find_checkpoint(run_dir, start.checkpoint), {}
    if start.is_main:
        for path, damage in damaged.items():
            moved = ckpt.quarantine(path, "damaged")
            notices.append(Message(say.DAMAGED_CHECKPOINT, {"name": path.name, "problem": damage,
                                                            "chosen": chosen.name, "moved": moved}))
    ckpt.load_weights(model, chosen, start.placement.device)
    state, scaler_state = ckpt.load_training_state(chosen, optimizer)
    if start.is_main:
        for later in [p for p in ckpt.checkpoints(run_dir) if ckpt.step_of(p) > state.step]:
            moved = ckpt.quarantine(later, f"after-resuming-from-{state.step}")
            notices.append(Message(say.LATER_CHECKPOINT, {"name": later.name, "step": state.step, "moved": moved}))
    state.restore_rng()
    if scaler and scaler_state:
        scaler.load_state_dict(scaler_state)
    if start.is_main:
        save_config(start.config, run_dir / CONFIG_FILE)  # e.g. a raised training.steps
    return state, tuple(notices)
