"""What each layer represents: its hidden states, projected to 2-D (PCA), compared across layers (linear CKA),
and read by a linear classifier (the "which layer knows what" probe).

Hidden states are read with forward hooks on the first stack's blocks (the encoder's, or a decoder-only
model's), so the model runs its own forward; "layer 0" is the embeddings, what the first block reads.
"""

from __future__ import annotations

import copy

import numpy as np
import torch
from torch import Tensor

from lmstudio_app.config import ExperimentConfig
from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.messages import problem
from lmstudio_app.config.schema import TASK_DATASETS_KINDS
from lmstudio_app.engine.finetune.setup import prepare_task_data
from lmstudio_app.engine.finetune.task_data import TaskSplit
from lmstudio_app.engine.model import Transformer
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.engine.runs import ModelHandle
from lmstudio_app.errors import ConfigError
from lmstudio_app.events import LayerProbe, LayerRepresentations


def pca_2d(features: np.ndarray) -> np.ndarray:
    """(N, C) → (N, 2): the projection on the two directions of largest variance. Each direction's sign puts its
    largest loading positive, so the picture does not flip between calls."""
    centred = features - features.mean(0, keepdims=True)
    _, _, directions = np.linalg.svd(centred, full_matrices=False)  # rows: principal directions
    directions = directions[:2]
    signs = np.sign(directions[np.arange(len(directions)), np.abs(directions).argmax(1)])
    projected = centred @ (directions * signs[:, None]).T
    return np.pad(projected, ((0, 0), (0, 2 - projected.shape[1])))  # one feature: a flat second axis


def linear_cka(x: np.ndarray, y: np.ndarray) -> float:
    """Linear centred kernel alignment of two representations of the same N examples, (N, C₁) and (N, C₂):
    1 for representations equal up to rotation and scale, near 0 for unrelated ones (Kornblith et al., 2019)."""
    x = x - x.mean(0, keepdims=True)
    y = y - y.mean(0, keepdims=True)
    cross = np.linalg.norm(y.T @ x) ** 2
    return float(cross / max(np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y), 1e-30))


def cka_matrix(layers: list[np.ndarray]) -> np.ndarray:
    count = len(layers)
    matrix = np.eye(count)
    for i in range(count):
        for j in range(i + 1, count):
            matrix[i, j] = matrix[j, i] = linear_cka(layers[i], layers[j])
    return matrix


@torch.no_grad()
def layer_states(model: Transformer, input_ids: Tensor, attention_mask: Tensor | None = None,
                 segment_ids: Tensor | None = None) -> list[Tensor]:
    """The first stack's hidden states, (B, T, C) each: the embeddings, then every block's output."""
    stack = model.encoder or model.decoder
    states: list[Tensor] = []
    hooks = [stack.layers[0].register_forward_pre_hook(lambda module, args: states.append(args[0]))]
    hooks += [block.register_forward_hook(lambda module, args, output: states.append(output[0]))
              for block in stack.layers]
    was_training = model.training
    model.eval()
    try:
        if model.encoder is not None:
            model.encode(input_ids, attention_mask, segment_ids)
        else:
            model.decode(input_ids, attention_mask, segment_ids=segment_ids)
    finally:
        model.train(was_training)
        for hook in hooks:
            hook.remove()
    return states


def pooled_states(model: Transformer, split: TaskSplit, pad: int, batch_size: int = 64) -> list[np.ndarray]:
    """Each example's mean hidden state over its real tokens, per layer: (N, C) each."""
    device = next(model.parameters()).device
    pooled: list[list[np.ndarray]] = []
    for start in range(0, len(split), batch_size):
        examples = split.examples[start:start + batch_size]
        length = max(len(e.input_ids) for e in examples)
        ids = torch.full((len(examples), length), pad, dtype=torch.long)
        segments = torch.zeros_like(ids)
        for row, example in enumerate(examples):
            ids[row, :len(example.input_ids)] = torch.as_tensor(example.input_ids)
            if example.segment_ids is not None:
                segments[row, :len(example.segment_ids)] = torch.as_tensor(example.segment_ids)
        mask = (torch.arange(length)[None, :] < torch.tensor([len(e.input_ids) for e in examples])[:, None]).long()
        has_segments = (model.encoder or model.decoder).segments is not None
        states = layer_states(model, ids.to(device), mask.to(device), segments.to(device) if has_segments else None)
        weights = mask.to(device)[..., None].float()
        for index, state in enumerate(states):
            mean = (state.float() * weights).sum(1) / weights.sum(1).clamp_min(1.0)
            if len(pooled) <= index:
                pooled.append([])
            pooled[index].append(mean.cpu().numpy())
    return [np.concatenate(parts) for parts in pooled]


def task_data_for(handle: ModelHandle, dataset: str | None, max_examples: int):
    """The run's classification task (or the built-in ``dataset``), tokenized with the run's tokenizer."""
    config: ExperimentConfig = copy.deepcopy(handle.config)
    if dataset:
        task = TASK_DATASETS_KINDS.get(dataset)
        if task not in ("sequence-classification", "pair-classification"):
            classification = [name for name, kind in TASK_DATASETS_KINDS.items() if kind.endswith("classification")
                              and kind != "token-classification"]
            raise ConfigError(problem("--task", refusals.NOT_SENTENCE_DATASET, dataset=dataset,
                                      datasets=", ".join(classification)))
        config.finetune.task, config.finetune.dataset, config.finetune.labels = task, dataset, []
    elif config.finetune.task not in ("sequence-classification", "pair-classification"):
        raise ConfigError(problem("", refusals.NOT_A_CLASSIFIER))
    config.finetune.max_examples = max_examples
    config.finetune.train_examples = 0
    config.training.seq_len = 0
    return prepare_task_data(config, tokenizer=handle.tokenizer)


def linear_probe_accuracy(train: np.ndarray, train_labels: np.ndarray, validation: np.ndarray,
                          validation_labels: np.ndarray, classes: int, weight_decay: float = 1e-3) -> float:
    """Multinomial logistic regression on standardised features (L-BFGS, full batch); validation accuracy."""
    torch.manual_seed(0)
    mean, std = train.mean(0), train.std(0) + 1e-6
    x = torch.as_tensor((train - mean) / std, dtype=torch.float32)
    y = torch.as_tensor(train_labels, dtype=torch.long)
    classifier = torch.nn.Linear(x.shape[1], classes)
    optimizer = torch.optim.LBFGS(classifier.parameters(), max_iter=200, line_search_fn="strong_wolfe")

    def loss() -> Tensor:
        optimizer.zero_grad()
        value = torch.nn.functional.cross_entropy(classifier(x), y) + weight_decay * classifier.weight.square().sum()
        value.backward()
        return value

    optimizer.step(loss)
    with torch.no_grad():
        predicted = classifier(torch.as_tensor((validation - mean) / std, dtype=torch.float32)).argmax(1).numpy()
    return float((predicted == validation_labels).mean())


def probe_layers(handle: ModelHandle, dataset: str | None = None, max_examples: int = 2000,
                 progress: Progress = no_progress) -> LayerProbe:
    """A linear classifier per layer on frozen features: which layer's representation knows the labels."""
    data = task_data_for(handle, dataset, max_examples)
    pad = handle.tokenizer.special.pad
    progress(Message(say.READING_FEATURES), None)
    train, validation = (pooled_states(handle.model, split, pad) for split in (data.train, data.validation))
    train_labels = np.array([e.label for e in data.train.examples])
    validation_labels = np.array([e.label for e in data.validation.examples])
    accuracy = []
    for done, (t, v) in enumerate(zip(train, validation)):
        progress(Message(say.TRAINING_PROBE, {"layer": done + 1, "layers": len(train)}), done / len(train))
        accuracy.append(linear_probe_accuracy(t, train_labels, v, validation_labels, len(data.labels)))
    chance = float(np.bincount(validation_labels).max() / len(validation_labels))
    return LayerProbe(handle.step, layer_names(len(train)), tuple(accuracy), chance,
                      (len(train_labels), len(validation_labels)))


def layer_names(count: int) -> tuple[Message, ...]:
    """The embeddings' output, then each layer's: what ``layer_states`` returns, in order."""
    return (Message(say.EMBEDDINGS), *(Message(say.LAYER, {"number": i}) for i in range(1, count)))


def token_kind(text: str) -> str:
    """A token's kind, to colour token-level pictures: what a reader tells apart at a glance."""
    stripped = text.strip().removeprefix("##")
    if text.startswith("[") and text.endswith("]") or text.startswith("<") and text.endswith(">"):
        return "special"
    if not stripped:
        return "space"
    if stripped.isdigit():
        return "digit"
    if stripped.isalpha():
        return "letter" if len(stripped) == 1 else "word"
    return "punctuation"


@torch.no_grad()
def representations(handle: ModelHandle, text: str, max_examples: int = 300) -> LayerRepresentations:
    """A 2-D picture of each layer and the layer-by-layer CKA: for a sentence classifier, its validation examples
    coloured by label; otherwise the tokens of ``text`` coloured by kind."""
    if handle.config.finetune.task in ("sequence-classification", "pair-classification"):
        data = task_data_for(handle, None, max_examples)
        layers = pooled_states(handle.model, data.validation, handle.tokenizer.special.pad)
        names = tuple(data.labels[e.label] for e in data.validation.examples)
        what = Message(say.POOLED_EXAMPLES, {"count": len(names)})
    else:
        ids = handle.tokenizer.encode(text)[:handle.model.max_seq_len]
        if len(ids) < 3:
            raise ConfigError(problem("", refusals.TOO_FEW_TO_PROJECT))
        device = next(handle.model.parameters()).device
        states = layer_states(handle.model, torch.tensor([ids], device=device))
        layers = [state[0].float().cpu().numpy() for state in states]
        names = tuple(token_kind(t) for t in handle.tokenizer.token_texts(ids))
        what = Message(say.PROBE_TOKENS, {"count": len(ids)})
    return LayerRepresentations(step=handle.step, layers=layer_names(len(layers)),
                                points=tuple(pca_2d(layer).astype(np.float32) for layer in layers),
                                labels=names, matrix=cka_matrix(layers).astype(np.float32), source=what)
