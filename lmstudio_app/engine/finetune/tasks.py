"""Task objectives: classification, tagging and sequence-to-sequence, with their full evaluations.

They share the pretraining objectives' interface (examples, batches, loss),
so the same training loop drives them; evaluation walks the whole validation
split in order and reports the task's own metrics.
"""

from __future__ import annotations

import contextlib
from abc import abstractmethod

import numpy as np
import torch
from torch import Tensor

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.engine.finetune.metrics import (
    chrf,
    confusion_matrix,
    f1_per_class,
    macro_f1,
)
from lmstudio_app.engine.finetune.task_data import TaskExample, TaskSplit
from lmstudio_app.engine.generate import greedy_batch
from lmstudio_app.engine.model import Transformer
from lmstudio_app.engine.objectives.batch import IGNORE, Batch, Example, Tag, collate
from lmstudio_app.engine.objectives.objectives import (
    Evaluation,
    Metrics,
    Objective,
    token_loss,
)
from lmstudio_app.errors import DataError


def _hidden(model: Transformer, batch: Batch) -> Tensor:
    """The states a classifier or tagger reads: the encoder's in an encoder-decoder."""
    if model.family == "encoder-decoder":
        return model.encode(batch.input_ids, batch.attention_mask, batch.segment_ids).hidden
    return model(**batch.model_inputs()).hidden


class TaskObjective(Objective):
    perplexity_metric = None

    def __init__(self, config, tokenizer, seq_len: int, labels: list[str]):
        super().__init__(config.objective, tokenizer, seq_len)
        self.labels = labels
        self.family = config.model.family

    def check(self, split: TaskSplit) -> None:
        if not len(split):
            raise DataError(refusals.EMPTY_TASK_SPLIT)

    def example(self, split: TaskSplit, rng: np.random.Generator) -> Example:
        return self.to_example(split.examples[int(rng.integers(0, len(split)))])

    @abstractmethod
    def to_example(self, item: TaskExample) -> Example:
        """The training example of one task item."""

    @torch.no_grad()
    def probabilities(self, model: Transformer, items: list[TaskExample]) -> list[np.ndarray]:
        """Per item, label probabilities: (K,) for a classifier, (T, K) over the labelled tokens of a tagger."""
        model.eval()
        batch = self.collate(items).to(next(model.parameters()).device)
        return self._probabilities(model, batch)

    def _probabilities(self, model: Transformer, batch: Batch) -> list[np.ndarray]:
        raise DataError(refusals.GENERATES, task=self.name)

    def collate(self, items: list[TaskExample]) -> Batch:
        return collate([self.to_example(i) for i in items], self.seq_len, self.special.pad, self.target_len)

    def ordered_batches(self, split: TaskSplit, batch_size: int, batches: int):
        """The first ``batches`` batches of the split, in order (the same examples at every evaluation)."""
        for start in range(0, min(len(split), batch_size * batches), batch_size):
            items = split.examples[start:start + batch_size]
            yield items, self.collate(items)


class Classification(TaskObjective):
    """One label per text (or text pair), from the pooled output of the classifier head."""

    name = "classification"

    def to_example(self, item: TaskExample) -> Example:
        tags = np.full(len(item.input_ids), Tag.PLAIN, dtype=np.int8)
        return Example(item.input_ids, np.zeros(0, dtype=np.int64), tags, original=item.input_ids,
                       segment_ids=item.segment_ids, sequence_label=item.label)

    def logits(self, model: Transformer, batch: Batch) -> Tensor:
        return model.heads["classifier"](_hidden(model, batch), batch.attention_mask)  # (B, K)

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        loss, accuracy = token_loss(self.logits(model, batch), batch.sequence_labels)
        return loss, {"loss": loss.detach(), "accuracy": accuracy}

    def _probabilities(self, model: Transformer, batch: Batch) -> list[np.ndarray]:
        return list(torch.softmax(self.logits(model, batch).float(), -1).cpu().numpy())

    @torch.no_grad()
    def evaluate(self, model, split, *, batch_size, batches, seed, autocast=contextlib.nullcontext) -> Evaluation:
        device = next(model.parameters()).device
        truth, predicted, losses = [], [], []
        for _, batch in self.ordered_batches(split, batch_size, batches):
            batch = batch.to(device)
            with autocast():
                logits = self.logits(model, batch)
            losses.append(float(torch.nn.functional.cross_entropy(logits.float(), batch.sequence_labels,
                                                                  reduction="sum")))
            truth += batch.sequence_labels.tolist()
            predicted += logits.argmax(-1).tolist()
        matrix = confusion_matrix(np.array(truth), np.array(predicted), len(self.labels))
        metrics = {"loss": sum(losses) / len(truth), "accuracy": float(np.trace(matrix) / len(truth)),
                   "macro_f1": macro_f1(matrix)}
        metrics |= {f"f1/{label}": float(score) for label, score in zip(self.labels, f1_per_class(matrix))}
        return Evaluation(metrics, confusion=matrix.tolist(), labels=list(self.labels),
                          predictions=[self.labels[p] for p in predicted])


class Tagging(TaskObjective):
    """A label per token."""

    name = "tagging"

    def to_example(self, item: TaskExample) -> Example:
        tags = np.where(item.tags == IGNORE, Tag.SPECIAL, Tag.TARGET).astype(np.int8)
        return Example(item.input_ids, item.tags, tags, original=item.input_ids)

    def logits(self, model: Transformer, batch: Batch) -> Tensor:
        return model.heads["tagger"](_hidden(model, batch))  # (B, T, K)

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        loss, accuracy = token_loss(self.logits(model, batch), batch.labels)
        return loss, {"loss": loss.detach(), "accuracy": accuracy}

    def _probabilities(self, model: Transformer, batch: Batch) -> list[np.ndarray]:
        probabilities = torch.softmax(self.logits(model, batch).float(), -1).cpu().numpy()
        labelled = (batch.labels != IGNORE).cpu().numpy()
        return [rows[keep] for rows, keep in zip(probabilities, labelled)]

    @torch.no_grad()
    def evaluate(self, model, split, *, batch_size, batches, seed, autocast=contextlib.nullcontext) -> Evaluation:
        device = next(model.parameters()).device
        truth, predicted, per_example, loss_sum = [], [], [], 0.0
        for _, batch in self.ordered_batches(split, batch_size, batches):
            batch = batch.to(device)
            with autocast():
                logits = self.logits(model, batch).float()
            labelled = batch.labels != IGNORE
            loss_sum += float(torch.nn.functional.cross_entropy(logits[labelled], batch.labels[labelled],
                                                                reduction="sum"))
            truth += batch.labels[labelled].tolist()
            best = logits.argmax(-1)
            predicted += best[labelled].tolist()
            per_example += [[self.labels[t] for t in row[keep].tolist()] for row, keep in zip(best, labelled)]
        matrix = confusion_matrix(np.array(truth), np.array(predicted), len(self.labels))
        per_tag = f1_per_class(matrix)
        metrics = {"loss": loss_sum / max(len(truth), 1), "accuracy": float(np.trace(matrix) / max(len(truth), 1)),
                   "macro_f1": macro_f1(matrix)}
        metrics |= {f"f1/{label}": float(score) for label, score in zip(self.labels, per_tag)}
        return Evaluation(metrics, confusion=matrix.tolist(), labels=list(self.labels), predictions=per_example)


class Seq2Seq(TaskObjective):
    """Prompt → response. Encoder-decoders read the prompt with the encoder; decoders read
    "prompt [SEP] response" and are scored on the response only."""

    name = "seq2seq"
    perplexity_metric = "loss"
    generated_examples = 128  # evaluation decodes at most this many held-out prompts

    def __init__(self, config, tokenizer, seq_len: int, labels: list[str]):
        super().__init__(config, tokenizer, seq_len, labels)
        if self.family == "encoder-decoder":
            self.target_len = seq_len

    def to_example(self, item: TaskExample) -> Example:
        if self.family == "encoder-decoder":
            start = self.tokenizer.framing_for(self.family).decoder_start
            tags = np.full(len(item.input_ids), Tag.PLAIN, dtype=np.int8)
            return Example(item.input_ids, item.answer_ids, tags, original=item.input_ids,
                           decoder_input_ids=np.concatenate([[start], item.answer_ids[:-1]]))
        prompt = len(item.source_ids)
        labels = item.input_ids[1:].copy()
        labels[: prompt - 1] = IGNORE  # no loss for predicting the prompt
        tags = np.where(np.arange(len(item.input_ids) - 1) < prompt, Tag.PREFIX, Tag.TARGET).astype(np.int8)
        return Example(item.input_ids[:-1], labels, tags, original=item.input_ids)

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        return self._lm_loss(model, batch)

    @torch.no_grad()
    def evaluate(self, model, split, *, batch_size, batches, seed, autocast=contextlib.nullcontext) -> Evaluation:
        device = next(model.parameters()).device
        sums: dict[str, float] = {}
        count = 0
        for items, batch in self.ordered_batches(split, batch_size, batches):
            with autocast():
                _, values = self.loss(model, batch.to(device))
            for name, value in values.items():
                sums[name] = sums.get(name, 0.0) + float(value) * len(items)
            count += len(items)
        metrics = {name: value / count for name, value in sums.items()}
        items = split.examples[: self.generated_examples]
        prompts = [(i.input_ids if self.family == "encoder-decoder" else i.source_ids).tolist() for i in items]
        longest = max(len(i.target_ids) for i in items) + 8
        answers = []
        for start in range(0, len(prompts), batch_size):
            answers += greedy_batch(model, self.tokenizer, prompts[start:start + batch_size], longest)
        truths = [self.tokenizer.shown_text(i.target_ids.tolist()).strip() for i in items]
        produced = [self.tokenizer.shown_text(a).strip() for a in answers]
        metrics |= {"exact_match": float(np.mean([p == t for p, t in zip(produced, truths)])),
                    "chrf": float(np.mean([chrf(p, t) for p, t in zip(produced, truths)]))}
        return Evaluation(metrics)


TASK_OBJECTIVES = {"sequence-classification": Classification, "pair-classification": Classification,
                   "token-classification": Tagging, "seq2seq": Seq2Seq}


def build_task_objective(config, tokenizer, seq_len: int, labels: list[str]) -> TaskObjective:
    return TASK_OBJECTIVES[config.finetune.task](config, tokenizer, seq_len, labels)
