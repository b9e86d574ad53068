"""Evaluating a saved run: its own validation split, or (fine-tuned runs) a task file."""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmstudio_app.config import ExperimentConfig
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.model_stats import training_seq_len
from lmstudio_app.engine.data.prepare import prepare_data
from lmstudio_app.engine.finetune.datasets import load_task
from lmstudio_app.engine.finetune.setup import prepare_task_data
from lmstudio_app.engine.finetune.task_data import TaskEncoder, TaskExample, TaskSplit
from lmstudio_app.engine.finetune.tasks import build_task_objective
from lmstudio_app.engine.objectives import build_objective
from lmstudio_app.engine.objectives.batch import IGNORE
from lmstudio_app.engine.runs import load_run
from lmstudio_app.errors import DataError
from lmstudio_app.events import EvalMetrics, Evaluated


def evaluate_run(run_dir: str | Path, data_file: str | None = None, which: str = "best") -> Evaluated:
    """The run's metrics at its ``which`` checkpoint and, for classifiers and taggers, each example's prediction."""
    run = load_run(run_dir, which)
    held_out = held_out_examples(run.config, run.tokenizer, data_file)
    t = run.config.training
    started = time.perf_counter()
    evaluation = held_out.objective.evaluate(run.model, held_out.split, batch_size=t.batch_size,
                                             batches=held_out.batches, seed=t.seed)
    metrics = EvalMetrics(run.step, evaluation.metrics, time.perf_counter() - started, evaluation.confusion,
                          evaluation.labels)
    predictions = None if evaluation.predictions is None else tuple(evaluation.predictions)
    config = run.config
    if not config.finetune.task or predictions is None:
        return Evaluated(str(run.run_dir), data_file or "", metrics, predictions=predictions)
    examples = held_out.split.examples
    return Evaluated(str(run.run_dir), data_file or "", metrics, tuple(example.origin for example in examples),
                     predictions, tuple(run.tokenizer.decode(example.input_ids, skip_special=True)
                                        for example in examples),
                     tuple(_truth(example, config.finetune.labels) for example in examples))


@dataclass(frozen=True)
class HeldOut:
    """What a run is evaluated on: its objective, the examples, and how many batches of them."""

    objective: Any
    split: Any
    batches: int


def held_out_examples(config: ExperimentConfig, tokenizer, data_file: str | None = None) -> HeldOut:
    """A run's validation split (or, fine-tuned runs, a task file) with the objective that scores it; tasks are
    evaluated on every example, pretraining on the usual fixed random batches."""
    config = copy.deepcopy(config)
    t = config.training
    seq_len = training_seq_len(config)
    if not config.finetune.task:
        if data_file:
            raise DataError(refusals.DATA_FOR_FINETUNED)
        data = prepare_data(config, tokenizer=tokenizer)
        objective = build_objective(config.objective, tokenizer, seq_len)
        split, where = data.validation, Message(refusals.ITS_VALIDATION_SPLIT)
    else:
        objective = build_task_objective(config, tokenizer, seq_len, config.finetune.labels)
        if data_file:
            config.finetune.dataset, config.finetune.paths = "files", [data_file]
            encoder = TaskEncoder(config, tokenizer, seq_len, config.finetune.labels)
            split = TaskSplit([encoder.encode(record) for record in load_task(config).records])
            where = data_file
        else:
            split = prepare_task_data(config, tokenizer=tokenizer).validation
            where = Message(refusals.ITS_VALIDATION_SPLIT)
    if not len(split):
        raise DataError(refusals.NOTHING_TO_EVALUATE, where=where)
    objective.check(split)
    return HeldOut(objective, split, -(-len(split) // t.batch_size) if config.finetune.task else t.eval_batches)


def _truth(example: TaskExample, labels: list[str]) -> str | list[str]:
    """A classified example's label, or a tagged one's tags on its labelled tokens."""
    if example.tags is None:
        return labels[example.label]
    return [labels[tag] for tag in example.tags.tolist() if tag != IGNORE]
