"""Looking at data before training: the corpus, the tokenizer it trains, an objective's corrupted example or a
fine-tuning task's example."""

from __future__ import annotations

import copy
from pathlib import Path

from lmstudio_app.config import ExperimentConfig
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import problem
from lmstudio_app.config.model_stats import training_seq_len
from lmstudio_app.config.schema import MAX_SEED
from lmstudio_app.engine.data.documents import Document
from lmstudio_app.engine.data.prepare import obtain_tokenizer, plan_corpus, prepare_data
from lmstudio_app.engine.data.tokenizer import diagnose
from lmstudio_app.engine.finetune.preview import preview_task_example
from lmstudio_app.engine.finetune.setup import adopt_pretrained_architecture, prepare_task_data
from lmstudio_app.engine.objectives import build_objective
from lmstudio_app.engine.objectives.inspector import inspect_example, mask_gallery
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.errors import ConfigError, DataError
from lmstudio_app.events import ObjectivePreview, TaskPreview, TokenizerReport
from lmstudio_app.run_folder import refuse_inside_run


def corpus_summary(config: ExperimentConfig, progress: Progress = no_progress) -> tuple[str, Document]:
    """The corpus's summary (documents, characters, the split) and its first document."""
    plan = plan_corpus(config, progress)
    first = next(plan.corpus.documents(), None)
    if first is None:
        raise DataError(refusals.NO_DOCUMENTS)
    return plan.summary.describe(), first


def tokenizer_report(config: ExperimentConfig, progress: Progress = no_progress,
                     save_to: str | Path | None = None) -> TokenizerReport:
    """Train (or load) the experiment's tokenizer and measure it on held-out text."""
    if save_to is not None:
        save_to = refuse_inside_run(save_to, refusals.SAVED_TOKENIZER)
    plan = plan_corpus(config, progress)
    tokenizer = obtain_tokenizer(config, plan, progress)
    if save_to is not None:
        tokenizer.save(save_to)
    sample = plan.texts("validation") if plan.held_out else plan.texts("train")
    return TokenizerReport(plan.summary, diagnose(tokenizer, sample))


def training_preview(config: ExperimentConfig, seed: int = 0, split: str = "train",
                     progress: Progress = no_progress) -> ObjectivePreview | TaskPreview:
    """One example of what a run of the experiment trains on: the fine-tuning task's, or the pretraining
    objective's."""
    if not 0 <= seed <= MAX_SEED:  # before the corpus is read: numpy's generators take no other seed
        raise ConfigError(problem("seed", refusals.SEED_RANGE, seed=seed, maximum=MAX_SEED))
    if config.finetune.task:
        return task_preview(config, seed, split, progress)
    return objective_preview(config, seed, split, progress)


def task_preview(config: ExperimentConfig, seed: int = 0, split: str = "train",
                 progress: Progress = no_progress) -> TaskPreview:
    """One example of the fine-tuning task as the model reads it (with the pretrained run's architecture and
    tokenizer, as the run would), and the answer it is trained to give."""
    config = copy.deepcopy(config)  # adopting the pretrained run's architecture and the data's labels fill it in
    data = prepare_task_data(config, progress, adopt_pretrained_architecture(config))
    return preview_task_example(config, data, seed, split)


def objective_preview(config: ExperimentConfig, seed: int = 0, split: str = "train",
                      progress: Progress = no_progress) -> ObjectivePreview:
    """One example of the corpus as the pretraining objective corrupts it, with its targets."""
    data = prepare_data(config, progress)
    objective = build_objective(config.objective, data.tokenizer, training_seq_len(config))
    examples = data.validation if split == "validation" else data.train
    objective.check(examples)
    inspection = inspect_example(objective, examples, seed)
    return ObjectivePreview(seed, inspection, mask_gallery(inspection.permutation_ranks))
