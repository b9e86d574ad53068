"""Evaluating a saved run: its own validation split, or (fine-tuned runs) a task file."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path

from lmstudio_app.config import error_messages as say
from lmstudio_app.config.messages import Message
from lmstudio_app.config.model_stats import training_seq_len
from lmstudio_app.engine.data.prepare import prepare_data
from lmstudio_app.engine.finetune.datasets import load_task
from lmstudio_app.engine.finetune.setup import prepare_task_data
from lmstudio_app.engine.finetune.task_data import TaskEncoder, TaskSplit
from lmstudio_app.engine.finetune.tasks import build_task_objective
from lmstudio_app.engine.objectives import build_objective
from lmstudio_app.engine.objectives.objectives import Evaluation
from lmstudio_app.engine.runs import load_run
from lmstudio_app.errors import DataError
from lmstudio_app.fsutil import atomic_write_text
from lmstudio_app.run_folder import refuse_inside_run


@dataclass
class RunEvaluation:
    title: str  # which run, step and data
    evaluation: Evaluation
    origins: list[str]  # where each evaluated example came from (task runs), in order

    def describe(self) -> str:
        evaluation = self.evaluation
        lines = [self.title] + [f"  {name:<20} {value:.4f}" for name, value in sorted(evaluation.metrics.items())]
        if evaluation.confusion:
            labels = evaluation.labels
            width = max(8, *(len(label) for label in labels)) + 1
            lines += ["", "confusion (rows: true, columns: predicted)",
                      " " * width + "".join(f"{label[:7]:>8}" for label in labels)]
            lines += [f"{label:<{width}}" + "".join(f"{n:>8}" for n in row)
                      for label, row in zip(labels, evaluation.confusion)]
        return "\n".join(lines)

    def save_predictions(self, path: str | Path) -> None:
        """One JSON object per example: where it came from and what the model predicted."""
        if self.evaluation.predictions is None:
            raise DataError(say.NO_PREDICTIONS)
        path = refuse_inside_run(path, say.SAVED_PREDICTIONS)
        atomic_write_text(path, "".join(json.dumps({"origin": origin, "prediction": prediction}) + "\n"
                                        for origin, prediction in zip(self.origins, self.evaluation.predictions)))


def evaluate_run(run_dir: str | Path, data_file: str | None = None, which: str = "best") -> RunEvaluation:
    run = load_run(run_dir, which)
    config = copy.deepcopy(run.config)
    t = config.training
    seq_len = training_seq_len(config)
    if not config.finetune.task:
        if data_file:
            raise DataError(say.DATA_FOR_FINETUNED)
        data = prepare_data(config, tokenizer=run.tokenizer)
        objective = build_objective(config.objective, run.tokenizer, seq_len)
        split, where = data.validation, Message(say.ITS_VALIDATION_SPLIT)
    else:
        objective = build_task_objective(config, run.tokenizer, seq_len, config.finetune.labels)
        if data_file:
            config.finetune.dataset, config.finetune.paths = "files", [data_file]
            encoder = TaskEncoder(config, run.tokenizer, seq_len, config.finetune.labels)
            split = TaskSplit([encoder.encode(record) for record in load_task(config).records])
            where = data_file
        else:
            split = prepare_task_data(config, tokenizer=run.tokenizer).validation
            where = Message(say.ITS_VALIDATION_SPLIT)
    if not len(split):
        raise DataError(say.NOTHING_TO_EVALUATE, where=where)
    objective.check(split)
    # Tasks are evaluated on every example; pretraining on the usual fixed random batches.
    batches = -(-len(split) // t.batch_size) if config.finetune.task else t.eval_batches
    evaluation = objective.evaluate(run.model, split, batch_size=t.batch_size, batches=batches, seed=t.seed)
    origins = [example.origin for example in split.examples] if config.finetune.task else []
    return RunEvaluation(f"{run.run_dir} at step {run.step} on {where}", evaluation, origins)
