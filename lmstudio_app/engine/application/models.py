"""Using a trained model: the answers to every ``model_requests`` request, from a ``ModelHandle``.

The handle is a saved run's checkpoint (``open_model``) or a live trainer's
model; the answers are events, so the command line prints the same facts the
window shows. Inputs are formatted here, once: fine-tuned models read their
input through the task encoder they were trained with.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.model_stats import context_limit, training_seq_len
from lmstudio_app.config.objectives import MASKED_LM_HEAD
from lmstudio_app.engine.application.head_importance import head_importance
from lmstudio_app.engine.finetune.task_data import TaskEncoder
from lmstudio_app.engine.finetune.tasks import build_task_objective
from lmstudio_app.engine.generate import fill_mask, generate_ids
from lmstudio_app.engine.objectives import IGNORE
from lmstudio_app.engine.probe import attention_stages, position_views, probe_attention
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.engine.representations import probe_layers, representations
from lmstudio_app.engine.runs import ModelHandle, load_run
from lmstudio_app.errors import DataError
from lmstudio_app.events import (
    AttentionSnapshot,
    AttentionStages,
    Classified,
    Event,
    GenerationStarted,
    MasksFilled,
    ModelReady,
    Tagged,
    TextGenerated,
)
from lmstudio_app.model_requests import (
    Classify,
    FillMasks,
    Generate,
    HeadImportance,
    ModelRequest,
    Positions,
    Probe,
    ProbeLayers,
    Representations,
    Stages,
)

CLASSIFYING_TASKS = ("sequence-classification", "pair-classification", "token-classification")


def open_model(run_dir: str | Path, which: str = "latest") -> ModelHandle:
    """A saved run's model from its latest or best checkpoint, on the CPU."""
    return load_run(run_dir, which)


def model_ready(handle: ModelHandle) -> ModelReady:
    return ModelReady(str(handle.run_dir), handle.step, copy.deepcopy(handle.config), handle.live)


def answer(handle: ModelHandle, request: ModelRequest, progress: Progress = no_progress,
           stopped: Callable[[], bool] = lambda: False) -> Iterator[Event]:
    """The events that answer ``request``: a stream of text for generation, one event otherwise; ``progress``
    hears how a slow answer (a probe of every layer, a loss per head) gets on; a generation ends early once
    ``stopped()``."""
    if isinstance(request, Generate):
        yield from generate_text(handle, request, stopped)
    elif isinstance(request, FillMasks):
        yield fill_masks(handle, request)
    elif isinstance(request, Classify):
        yield classify(handle, request)
    elif isinstance(request, Probe):
        yield probe(handle, request.text)
    elif isinstance(request, Stages):
        yield stages(handle, request)
    elif isinstance(request, Positions):
        yield position_views(handle.model, handle.config.model.position, handle.step)
    elif isinstance(request, ProbeLayers):
        yield probe_layers(handle, request.dataset or None, request.max_examples, progress=progress)
    elif isinstance(request, Representations):
        yield representations(handle, request.text or handle.config.training.probe_text)
    elif isinstance(request, HeadImportance):
        yield head_importance(handle, request.batches, progress)
    else:
        raise TypeError(f"not a model request: {request!r}")


def _task_encoder(handle: ModelHandle) -> TaskEncoder:
    config = handle.config
    return TaskEncoder(config, handle.tokenizer, training_seq_len(config), config.finetune.labels)


def generation_prompt(handle: ModelHandle, prompt: str) -> tuple[list[int], bool, int]:
    """The ids generation starts from, framed as the model reads text; whether the output continues the
    prompt (a decoder) rather than answers it (an encoder-decoder, or any seq2seq fine-tune); and how many
    tokens of the framed prompt the model does not read, the prompt being longer than its context."""
    config, tokenizer = handle.config, handle.tokenizer
    family = config.model.family
    framing = tokenizer.framing_for(family)
    whole = len(framing.frame(tokenizer.encode(prompt)).ids)
    if config.finetune.task == "seq2seq":
        ids = _task_encoder(handle).encode_input(prompt).input_ids.tolist()
        return ids, False, max(whole - len(ids), 0)
    if family == "encoder-decoder":  # its encoder reads the first context_limit tokens, or all of them
        ids = framing.frame(tokenizer.encode(prompt), limit=context_limit(config.model)).ids
        return ids, False, whole - len(ids)
    # a decoder's window holds the prompt's last max_seq_len tokens (generate.Decoding)
    return framing.frame(tokenizer.encode(prompt)).ids, True, max(whole - config.model.max_seq_len, 0)


def generate_text(handle: ModelHandle, request: Generate, stopped: Callable[[], bool] = lambda: False) \
        -> Iterator[GenerationStarted | TextGenerated]:
    """Sampled text, streamed: each event holds the text that became final with one more token (special tokens
    such as ``<s>`` are not shown, as transformers' ``skip_special_tokens``). ``stopped`` is asked after every
    token: a person may end a long answer of a model that rarely says its end token."""
    if "lm" not in handle.model.heads:
        raise DataError(refusals.CANNOT_USE, **_trained_for(handle), what=Message(refusals.CANNOT_GENERATE))
    tokenizer = handle.tokenizer
    stop = tokenizer.framing_for(handle.config.model.family).stop
    prompt_ids, continues, unread = generation_prompt(handle, request.prompt)
    yield GenerationStarted(request.prompt, continues, unread)
    text = tokenizer.stream(prompt_ids if continues else [])
    produced = 0
    for token in generate_ids(handle.model, tokenizer, prompt_ids, max_new_tokens=request.max_tokens,
                              temperature=request.temperature, top_k=request.top_k, top_p=request.top_p,
                              seed=request.seed):
        produced += 1
        end = token.token_id in stop
        last = end or produced == request.max_tokens or stopped()
        piece = "" if end else text.push(token.token_id)
        yield TextGenerated(token.token_id, piece + (text.flush() if last else ""), token.candidates, last)
        if last:
            return


def fill_masks(handle: ModelHandle, request: FillMasks) -> MasksFilled:
    if MASKED_LM_HEAD not in handle.model.heads:
        raise DataError(refusals.CANNOT_USE, **_trained_for(handle), what=Message(refusals.CANNOT_FILL_MASKS))
    predictions = fill_mask(handle.model, handle.tokenizer, request.text, request.top_k)
    return MasksFilled(request.text, tuple(p.candidates for p in predictions))


def classify(handle: ModelHandle, request: Classify) -> Classified | Tagged:
    """Label probabilities of a text (or pair), or a tag per token, formatted as in training."""
    config = handle.config
    task = config.finetune.task
    if task not in CLASSIFYING_TASKS:
        raise DataError(refusals.CANNOT_USE, **_trained_for(handle), what=Message(refusals.CANNOT_CLASSIFY))
    if request.pair is not None and task != "pair-classification":
        raise DataError(refusals.SINGLE_TEXTS, run=handle.run_dir, task=task)
    labels = config.finetune.labels
    item = _task_encoder(handle).encode_input(request.text, request.pair)
    objective = build_task_objective(config, handle.tokenizer, training_seq_len(config), labels)
    probabilities = objective.probabilities(handle.model, [item])[0]  # (K,) or (T, K)
    if not np.isfinite(probabilities).all():
        raise DataError(refusals.BROKEN_WEIGHTS)
    if task != "token-classification":
        ranked = sorted(zip(labels, probabilities.tolist()), key=lambda pair: -pair[1])
        return Classified(request.text, request.pair, tuple(ranked))
    tagged_ids = [token for token, tag in zip(item.input_ids.tolist(), item.tags.tolist()) if tag != IGNORE]
    best = probabilities.argmax(-1)
    return Tagged(request.text, tuple(
        (text, labels[b], float(probabilities[i, b]))
        for i, (text, b) in enumerate(zip(handle.tokenizer.token_texts(tagged_ids), best.tolist()))))


def probe(handle: ModelHandle, text: str) -> AttentionSnapshot:
    return probe_attention(handle.model, handle.tokenizer, text, handle.model.max_seq_len, handle.step)


def stages(handle: ModelHandle, request: Stages) -> AttentionStages:
    return attention_stages(handle.model, handle.tokenizer, request.text, request.kind, request.layer, request.head,
                            handle.model.max_seq_len, handle.step)


def _trained_for(handle: ModelHandle) -> dict[str, object]:
    """The values of ``refusals.CANNOT_USE`` that say what the model is."""
    config = handle.config
    kind = config.finetune.task or Message(refusals.PRETRAINING, {"objective": config.objective.name})
    return {"run": handle.run_dir, "family": config.model.family, "kind": kind}
