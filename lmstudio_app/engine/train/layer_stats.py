"""Per-layer training signals: how large each layer group's gradient, weights and update are, and how spread
its attention is. They show where a deep stack stops learning (vanishing or exploding gradients) and what
normalisation and residual connections change about it.

Measured on one optimizer step every ``training.layer_stats_every`` steps: gradient norms before clipping
(the gradient the data asked for), parameter norms and ‖Δθ‖/‖θ‖ around the update, the trust ratio, and the
mean attention entropy per layer on the probe text.

The trust ratio of a group is ‖θ‖ / ‖Δθ / lr‖: the weights' size over the step the optimizer took per unit of
learning rate (each parameter's own group rate, so discriminative rates do not distort it). With AdamW the step
per unit rate is Adam's direction m̂/(√v̂+ε) + λθ, so the ratio is exactly what LAMB would scale that layer's step
by; a layer whose ratio is small takes steps large for its size. With LAMB every tensor's step is rescaled to
its size, so the ratio sits near 1 in every layer: that is LAMB's doing, shown.

Groups are the fine-tuning strategies' layer groups (embeddings, encoder.0 …, decoder.0 …, head).
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import Tensor, nn

from lmstudio_app.engine.finetune.strategies import group_of, layer_groups
from lmstudio_app.events import AttentionSnapshot

SIGNALS = ("grad_norm", "param_norm", "update_ratio", "trust_ratio", "attention_entropy")


def _norm(tensors: list[Tensor]) -> float:
    """‖(t₁, t₂, …)‖₂ of tensors taken as one vector."""
    return float(torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(t.float()) for t in tensors])))


class LayerStats:
    """One measurement at a time: ``before_update`` after the backward pass, ``after_update`` after the step."""

    def __init__(self, model: nn.Module, optimizer: torch.optim.Optimizer):
        self.optimizer = optimizer  # its groups' learning rates turn an update into a step per unit rate
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
        """‖θ_after − θ_before‖ / ‖θ_before‖, and the trust ratio ‖θ_before‖ / ‖Δθ / lr‖, per group that had a
        gradient (the trust ratio where the group moved at a learning rate above 0)."""
        rates = {id(p): group["lr"] for group in self.optimizer.param_groups for p in group["params"]}
        values = {}
        for group, pairs in self._before.items():
            size = _norm([before for _, before in pairs])
            values[f"update_ratio/{group}"] = _norm([p.detach() - before for p, before in pairs]) / max(size, 1e-12)
            moving = [(p.detach() - before) / rates[id(p)] for p, before in pairs if rates.get(id(p), 0) > 0]
            step_per_rate = _norm(moving) if moving else 0.0
            if step_per_rate > 0:
                values[f"trust_ratio/{group}"] = size / step_per_rate
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
