"""Task records turned into token ids for the model family at hand, split and labelled."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy as np

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
    """Formats records for one model family: where [CLS]/[SEP]/[EOS] go and what is truncated."""

    def __init__(self, config: ExperimentConfig, tokenizer: TextTokenizer, seq_len: int, labels: list[str]):
        self.family = config.model.family
        self.task = config.finetune.task
        self.tokenizer = tokenizer
        self.special = tokenizer.special
        self.seq_len = seq_len
        self.label_ids = {label: i for i, label in enumerate(labels)}

    def label_id(self, label: str, origin: str) -> int:
        if label not in self.label_ids:
            raise DataError(f"{origin}: label '{label}' is not one the model was trained on "
                            f"({', '.join(self.label_ids)})")
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
        s = self.special
        source = self.tokenizer.encode(text)
        if self.family == "encoder-decoder":
            prompt = [*source[: self.seq_len - 1], s.eos]
        else:
            prompt = [*source[: self.seq_len // 2], s.sep]  # half the context stays free for the answer
        return TaskExample(np.array(prompt), "input", source_ids=np.array(prompt))

    def _classification_inputs(self, text: str, pair: str | None) -> tuple[np.ndarray, np.ndarray]:
        s = self.special
        first = self.tokenizer.encode(text)
        second = self.tokenizer.encode(pair) if pair is not None else None
        room = self.seq_len - (2 if self.family == "encoder" else 1) - (1 if second is not None else 0)
        while len(first) + len(second or []) > room:  # cut the longer text first
            if second is not None and len(second) > len(first):
                second = second[:-1]
            else:
                first = first[:-1]
        if self.family == "encoder":
            ids = [s.cls, *first, s.sep] + ([*second, s.sep] if second is not None else [])
            segments = [0] * (len(first) + 2) + [1] * (len(second) + 1 if second is not None else 0)
        else:
            ids = [*first] + ([s.sep, *second] if second is not None else []) + [s.eos]
            segments = [0] * (len(first) + 1) + [1] * (len(second) if second is not None else 0)
        return np.array(ids), np.array(segments[: len(ids)])

    def _tagging(self, record: TaskRecord) -> TaskExample:
        ids, offsets = self.tokenizer.encode_with_offsets(record.text)
        spans = sorted(record.spans)
        starts = [start for start, _, _ in spans]
        tags = [self.label_id(_tag_at(spans, starts, start, end), record.origin) for start, end in offsets]
        if self.family == "encoder":
            ids, tags = ids[: self.seq_len - 2], tags[: self.seq_len - 2]
            ids, tags = [self.special.cls, *ids, self.special.sep], [IGNORE, *tags, IGNORE]
        else:
            ids, tags = ids[: self.seq_len], tags[: self.seq_len]
        return TaskExample(np.array(ids), record.origin, tags=np.array(tags))

    def _seq2seq(self, record: TaskRecord) -> TaskExample:
        s = self.special
        source = self.tokenizer.encode(record.text)
        target = self.tokenizer.encode(record.target)
        if self.family == "encoder-decoder":
            return TaskExample(np.array([*source[: self.seq_len - 1], s.eos]), record.origin,
                               target_ids=np.array(target[: self.seq_len - 1]))
        # A decoder reads "source [SEP] target [EOS]" and is scored on the target only.
        target = target[: self.seq_len // 2]
        source = source[: self.seq_len - len(target) - 2]
        prompt = [*source, s.sep]
        return TaskExample(np.array([*prompt, *target, s.eos]), record.origin, target_ids=np.array(target),
                           source_ids=np.array(prompt))


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
        raise DataError(f"the {dataset.name} task's training split has {len(labels)} label(s); "
                        f"classification needs at least two")
    encoder = TaskEncoder(config, tokenizer, seq_len, labels)
    train_split = TaskSplit([encoder.encode(r) for r in train])
    validation_split = TaskSplit([encoder.encode(r) for r in validation])
    if not len(train_split):
        raise DataError(f"the {dataset.name} task's training split is empty")
    summary = (f"{dataset.name}: {len(records):,} examples ({len(train_split):,} train, "
               f"{len(validation_split):,} validation)"
               + (f", {len(labels)} labels" if labels else "")
               + "".join(f"; {note}" for note in dataset.notes))
    return TaskData(tokenizer, train_split, validation_split, labels, summary)
