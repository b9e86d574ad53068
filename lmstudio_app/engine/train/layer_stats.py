"""Per-layer training signals: how large each layer group's gradient, weights and update are, and how spread
its attention is. They show where a deep stack stops learning (vanishing or exploding gradients) and what
normalisation and residual connections change about it.

Measured on one optimizer step every ``training.layer_stats_every`` steps: gradient norms before clipping
(the gradient the data asked for), parameter norms and ‖Δθ‖/‖θ‖ around the update, and the mean attention
entropy per layer on the probe text. Groups are the fine-tuning strategies' layer groups (embeddings,
encoder.0 …, decoder.0 …, head).
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import Tensor, nn

from lmstudio_app.engine.finetune.strategies import group_of, layer_groups
from lmstudio_app.events import AttentionSnapshot

SIGNALS = ("grad_norm", "param_norm", "update_ratio", "attention_entropy")


def _norm(tensors: list[Tensor]) -> float:
    """‖(t₁, t₂, …)‖₂ of tensors taken as one vector."""
    return float(torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(t.float()) for t in tensors])))


class LayerStats:
    """One measurement at a time: ``before_update`` after the backward pass, ``after_update`` after the step."""

    def __init__(self, model: nn.Module):
        self.groups: dict[str, list[nn.Parameter]] = {group: [] for group in layer_groups(model)}
        for name, parameter in model.named_parameters():  # a tied head's weight is listed once, as the embedding's
            self.groups.setdefault(group_of(model, name), []).append(parameter)
        self._before: dict[str, list[tuple[nn.Parameter, Tensor]]] = {}  # group → (parameter, its copy)

    @torch.no_grad()
    def before_update(self) -> dict[str, float]:
        """Gradient and parameter norms per group; remembers the weights to measure the update."""
        values = {}
        self._before = {}
        for group, parameters in self.groups.items():
            values[f"param_norm/{group}"] = _norm(parameters)
            grads = [p.grad for p in parameters if p.grad is not None]
            if grads:
                values[f"grad_norm/{group}"] = _norm(grads)
                self._before[group] = [(p, p.detach().clone()) for p in parameters if p.grad is not None]
        return values

    @torch.no_grad()
    def after_update(self) -> dict[str, float]:
        """‖θ_after − θ_before‖ / ‖θ_before‖ per group that had a gradient."""
        values = {}
        for group, pairs in self._before.items():
            change = _norm([parameter.detach() - before for parameter, before in pairs])
            values[f"update_ratio/{group}"] = change / max(_norm([before for _, before in pairs]), 1e-12)
        self._before = {}
        return values


def attention_entropy(snapshot: AttentionSnapshot) -> dict[str, float]:
    """Mean entropy (nats) of each layer's attention rows on the probe text, over heads and queries: near 0 when
    every query looks at one key, log(T) when it looks everywhere alike."""
    values = {}
    for kind, layers in snapshot.attention.items():
        for index, weights in enumerate(layers):  # (H, T_q, T_k)
            entropy = -(weights * np.log(np.clip(weights, 1e-12, None))).sum(-1)
            values[f"attention_entropy/{kind}.{index}"] = float(entropy.mean()) if entropy.size else math.nan
    return values
