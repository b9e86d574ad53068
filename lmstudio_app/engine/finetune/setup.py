"""Getting a fine-tuning run ready: task data, the pretrained starting point, and what it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import torch

from lmstudio_app.config.model_stats import training_seq_len
from lmstudio_app.config.runs import adopt
from lmstudio_app.config.schema import ExperimentConfig
from lmstudio_app.engine.data.corpora import validation_indices
from lmstudio_app.engine.data.tokenizer import TextTokenizer, train_tokenizer
from lmstudio_app.engine.finetune.datasets import iter_texts, load_task
from lmstudio_app.engine.finetune.task_data import TaskData, split_task
from lmstudio_app.engine.model import Transformer
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.engine.runs import load_run, read_run_config, read_run_tokenizer


@dataclass(frozen=True)
class InitReport:
    """Which weights a fine-tuning run took from its pretrained checkpoint."""

    source: str  # the checkpoint folder, or "" when starting from scratch
    loaded: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)  # in the task model only: task heads, LoRA adapters
    dropped: list[str] = field(default_factory=list)  # in the checkpoint only: pretraining heads
    mismatched: list[str] = field(default_factory=list)  # same name, another shape: left as initialized

    def describe(self) -> str:
        if not self.source:
            return "initialized from scratch"
        def names(items: list[str]) -> str:
            shown = ", ".join(items[:6]) + (f", … ({len(items)} in all)" if len(items) > 6 else "")
            return shown or "none"
        return (f"initialized from {self.source}: {len(self.loaded)} tensors loaded; new: {names(self.new)}; "
                f"dropped: {names(self.dropped)}" + (f"; shape changed: {names(self.mismatched)}"
                                                     if self.mismatched else ""))


def adopt_pretrained_architecture(config: ExperimentConfig) -> TextTokenizer | None:
    """With ``finetune.from_run``, the run's architecture and tokenizer replace the experiment's."""
    if not config.finetune.from_run:
        return None
    run_dir = Path(config.finetune.from_run)
    pretrained = read_run_config(run_dir)
    adopt(config, pretrained)
    return read_run_tokenizer(run_dir, pretrained)


def prepare_task_data(config: ExperimentConfig, progress: Progress = no_progress,
                      tokenizer: TextTokenizer | None = None) -> TaskData:
    """The task's splits, tokenized; trains a tokenizer on the training texts when none is given.
    Fills in ``finetune.labels`` and ``model.vocab_size`` so the run's config rebuilds the model."""
    dataset = load_task(config, progress)
    if tokenizer is None and config.tokenizer.path:
        tokenizer = TextTokenizer.load(config.tokenizer.path)
    if tokenizer is None:
        held_out = validation_indices(len(dataset.records), config.data.validation_fraction, config.data.seed)
        training = [r for i, r in enumerate(dataset.records) if i not in held_out]
        tokenizer = train_tokenizer(config.tokenizer, iter_texts(training), progress=progress)
    data = split_task(dataset, config, tokenizer, training_seq_len(config), config.finetune.labels or None)
    config.finetune.labels = list(data.labels)
    if not config.model.vocab_size:
        config.model.vocab_size = tokenizer.vocab_size
    return data


@torch.no_grad()
def load_pretrained(model: Transformer, config: ExperimentConfig) -> InitReport:
    """Copy every tensor of the pretrained checkpoint that the task model has, by name and shape."""
    f = config.finetune
    if not f.from_run:
        return InitReport("")
    pretrained = load_run(f.from_run, f.checkpoint)
    source = pretrained.model.state_dict()
    loaded, mismatched = [], []
    for name, tensor in model.state_dict().items():
        if name in source and source[name].shape == tensor.shape:
            tensor.copy_(source[name])
            loaded.append(name)
        elif name in source:
            mismatched.append(name)
    target = model.state_dict()
    return InitReport(str(pretrained.checkpoint), loaded, new=[n for n in target if n not in source],
                      dropped=[n for n in source if n not in target], mismatched=mismatched)
