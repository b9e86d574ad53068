"""Task records turned into token ids for the model family at hand, split and labelled."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy as np

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.framing import task_framing
from lmstudio_app.config.schema import ExperimentConfig
from lmstudio_app.engine.data.corpora import validation_indices
from lmstudio_app.engine.data.tokenizer import TextTokenizer
from lmstudio_app.engine.finetune.datasets import TaskDataset, TaskRecord
from lmstudio_app.engine.objectives.batch import IGNORE
from lmstudio_app.errors import DataError

OUTSIDE = "O"  # the tag of tokens no span covers (whitespace between words)


@dataclass
class TaskExample:
    input_ids: np.ndarray  # (T,) what the first stack reads, specials included
    origin: str
    segment_ids: np.ndarray | None = None
    label: int = -1  # classification
    tags: np.ndarray | None = None  # token classification: a label id per input token, IGNORE on specials
    target_ids: np.ndarray | None = None  # seq2seq: the answer's tokens, without BOS/EOS
    answer_ids: np.ndarray | None = None  # seq2seq, encoder-decoder: what the decoder produces, framed, EOS included
    source_ids: np.ndarray | None = None  # seq2seq with a decoder: the prompt, for generation at evaluation


@dataclass
class TaskSplit:
    examples: list[TaskExample] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.examples)


@dataclass
class TaskData:
    tokenizer: TextTokenizer
    train: TaskSplit
    validation: TaskSplit
    labels: list[str]
    summary: str

    def describe(self) -> str:
        return self.summary


def labels_of(records: list[TaskRecord], task: str) -> list[str]:
    if task in ("sequence-classification", "pair-classification"):
        return sorted({r.label for r in records})
    if task == "token-classification":
        return [OUTSIDE] + sorted({tag for r in records for _, _, tag in r.spans} - {OUTSIDE})
    return []


class TaskEncoder:
    """Formats records for one model: its framing (``[CLS] text [SEP]`` for the app's encoders, the checkpoint's
    own for an imported model) with the task's marks, and what is truncated."""

    def __init__(self, config: ExperimentConfig, tokenizer: TextTokenizer, seq_len: int, labels: list[str]):
        self.family = config.model.family
        self.task = config.finetune.task
        self.tokenizer = tokenizer
        self.model_framing = tokenizer.framing_for(self.family)
        self.framing = task_framing(self.model_framing, self.family, self.task)
        self.seq_len = seq_len
        self.label_ids = {label: i for i, label in enumerate(labels)}

    def label_id(self, label: str, origin: str) -> int:
        if label not in self.label_ids:
            raise DataError(refusals.UNKNOWN_LABEL, origin=origin, label=label, labels=", ".join(self.label_ids))
        return self.label_ids[label]

    def encode(self, record: TaskRecord) -> TaskExample:
        """A training or evaluation example: the model's input with the answer it must give."""
        if self.task in ("sequence-classification", "pair-classification"):
            ids, segments = self._classification_inputs(record.text, record.pair)
            label = self.label_id(record.label, record.origin)
            return TaskExample(ids, record.origin, segment_ids=segments, label=label)
        if self.task == "token-classification":
            return self._tagging(record)
        return self._seq2seq(record)

    def encode_input(self, text: str, pair: str | None = None) -> TaskExample:
        """What the model reads for a text it has to answer, formatted exactly as in training."""
        if self.task in ("sequence-classification", "pair-classification"):
            ids, segments = self._classification_inputs(text, pair)
            return TaskExample(ids, "input", segment_ids=segments)
        if self.task == "token-classification":
            return self._tagging(TaskRecord(text, "input"))  # no spans: every token tagged OUTSIDE
        source = self.tokenizer.encode(text)
        if self.family == "encoder-decoder":
            prompt = self.framing.frame(source, limit=self.seq_len).ids
        else:  # half the context stays free for the answer
            prompt = self.framing.frame(source, limit=self.seq_len // 2 + self.framing.added()).ids
        return TaskExample(np.array(prompt), "input", source_ids=np.array(prompt))

    def _classification_inputs(self, text: str, pair: str | None) -> tuple[np.ndarray, np.ndarray]:
        second = self.tokenizer.encode(pair) if pair is not None else None
        framed = self.framing.frame(self.tokenizer.encode(text), second, limit=self.seq_len)
        return np.array(framed.ids), np.array(framed.segments)

    def _tagging(self, record: TaskRecord) -> TaskExample:
        ids, offsets = self.tokenizer.encode_with_offsets(record.text)
        spans = sorted(record.spans)
        starts = [start for start, _, _ in spans]
        tags = [self.label_id(_tag_at(spans, starts, start, end), record.origin) for start, end in offsets]
        framed = self.framing.frame(ids, limit=self.seq_len)
        tags = tags[:sum(text is not None for text in framed.texts)]
        tagged = iter(tags)
        return TaskExample(np.array(framed.ids), record.origin,
                           tags=np.array([IGNORE if text is None else next(tagged) for text in framed.texts]))

    def _seq2seq(self, record: TaskRecord) -> TaskExample:
        source = self.tokenizer.encode(record.text)
        target = self.tokenizer.encode(record.target)
        if self.family == "encoder-decoder":
            # the decoder answers as it learned to: T5 "answer </s>", BART "<s> answer </s>", ours "answer [EOS]"
            answer = self.model_framing.frame(target, limit=self.seq_len)
            return TaskExample(np.array(self.framing.frame(source, limit=self.seq_len).ids), record.origin,
                               target_ids=np.array([t for t, text in zip(answer.ids, answer.texts) if text == 0]),
                               answer_ids=np.array(answer.ids))
        # A decoder reads "source [SEP] target [EOS]" and is scored on the target only.
        target = target[: self.seq_len // 2]
        prompt = self.framing.frame(source, limit=self.seq_len - len(target) - 1).ids
        return TaskExample(np.array([*prompt, *target, self.tokenizer.special.eos]), record.origin,
                           target_ids=np.array(target), source_ids=np.array(prompt))


def _tag_at(spans: list[tuple[int, int, str]], starts: list[int], start: int, end: int) -> str:
    """The tag of the span holding a token's last character (its first may be a leading space).

    ``spans`` are sorted and do not overlap; ``starts`` are their starts, for bisection."""
    if end <= start:
        return OUTSIDE
    last = end - 1
    index = bisect.bisect_right(starts, last) - 1
    if index >= 0 and last < spans[index][1]:
        return spans[index][2]
    return OUTSIDE


def split_task(dataset: TaskDataset, config: ExperimentConfig, tokenizer: TextTokenizer, seq_len: int,
               labels: list[str] | None = None) -> TaskData:
    """Seeded split by example; labels come from the training split unless given (a trained model's)."""
    records = dataset.records
    held_out = validation_indices(len(records), config.data.validation_fraction, config.data.seed)
    train = [r for i, r in enumerate(records) if i not in held_out]
    validation = [r for i, r in enumerate(records) if i in held_out]
    task = config.finetune.task
    labels = labels or labels_of(train, task)
    limit = config.finetune.train_examples
    if limit and limit < len(train):  # smaller subsets are nested in larger ones: a learning curve adds examples
        order = np.random.default_rng(config.data.seed).permutation(len(train))
        train = [train[i] for i in sorted(order[:limit])]
    if task != "seq2seq" and len(labels) < 2:
        raise DataError(refusals.ONE_LABEL, task=dataset.name, count=len(labels))
    encoder = TaskEncoder(config, tokenizer, seq_len, labels)
    train_split = TaskSplit([encoder.encode(r) for r in train])
    validation_split = TaskSplit([encoder.encode(r) for r in validation])
    if not len(train_split):
        raise DataError(refusals.EMPTY_TRAINING_SPLIT, task=dataset.name)
    summary = (f"{dataset.name}: {len(records):,} examples ({len(train_split):,} train, "
               f"{len(validation_split):,} validation)"
               + (f", {len(labels)} labels" if labels else "")
               + "".join(f"; {note}" for note in dataset.notes))
    return TaskData(tokenizer, train_split, validation_split, labels, summary)
