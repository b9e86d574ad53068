"""One example of a fine-tuning task in a form a person can read: what the model reads and must answer."""

from __future__ import annotations

import numpy as np

from lmstudio_app.config.model_stats import head_specs
from lmstudio_app.config.schema import ExperimentConfig
from lmstudio_app.engine.finetune.task_data import TaskData, TaskExample
from lmstudio_app.engine.objectives.batch import IGNORE
from lmstudio_app.events import ShownToken, TaskPreview


def preview_task_example(config: ExperimentConfig, data: TaskData, seed: int = 0,
                         split: str = "train") -> TaskPreview:
    """A random example of the split (by ``seed``), as the task's encoder formatted it for training."""
    examples = (data.validation if split == "validation" else data.train).examples
    item = examples[int(np.random.default_rng(seed).integers(0, len(examples)))]
    tokenizer = data.tokenizer
    ids = item.input_ids.tolist()
    inputs = tuple(ShownToken(text, "special" if tokenizer.is_special(token) else "plain")
                   for token, text in zip(ids, tokenizer.token_texts(ids)))
    task = config.finetune.task
    if task == "token-classification":
        answer = tuple(ShownToken(data.labels[tag] if tag != IGNORE else "", "target" if tag != IGNORE else "")
                       for tag in item.tags.tolist())
    elif task == "seq2seq":
        target = [*item.target_ids.tolist(), tokenizer.special.eos]
        answer = tuple(ShownToken(text, "special" if tokenizer.is_special(token) else "target")
                       for token, text in zip(target, tokenizer.token_texts(target)))
    else:
        answer = (ShownToken(data.labels[item.label], "target"),)
    (head,) = head_specs(config).values()
    return TaskPreview(
        seed=seed, task=task, dataset=config.finetune.dataset, family=config.model.family, head=head,
        labels=tuple(data.labels), framing=_framing(inputs, _fields(task, config.model.family, item)),
        inputs=inputs, segments=None if item.segment_ids is None else tuple(item.segment_ids.tolist()),
        answer=answer, aligned=task == "token-classification", joiner=tokenizer.display_joiner,
        train_examples=len(data.train), validation_examples=len(data.validation), start=config.finetune.from_run)


def _fields(task: str, family: str, item: TaskExample) -> list[str]:
    """Which of the task's texts each input position holds."""
    positions = range(len(item.input_ids))
    if task == "seq2seq" and family != "encoder-decoder":  # a decoder reads "prompt [SEP] answer [EOS]"
        return ["prompt" if i < len(item.source_ids) else "answer" for i in positions]
    if task == "seq2seq":
        return ["prompt" for _ in positions]
    if item.segment_ids is not None:
        return ["pair" if segment else "text" for segment in item.segment_ids.tolist()]
    return ["text" for _ in positions]


def _framing(inputs: tuple[ShownToken, ...], fields: list[str]) -> tuple[tuple[str, str], ...]:
    """The layout of the input: its special tokens as they are, each run of a task text as that text's name."""
    framing: list[tuple[str, str]] = []
    for token, field in zip(inputs, fields):
        piece = ("special", token.text) if token.tag == "special" else ("field", field)
        if piece[0] == "special" or not framing or framing[-1] != piece:
            framing.append(piece)
    return tuple(framing)
