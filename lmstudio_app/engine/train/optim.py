"""The optimizer (AdamW, LAMB or Lion) with weight-decay and layer groups, and learning-rate schedules as pure
functions of the step.

AdamW is torch's own (fused where torch has the kernel); LAMB and Lion come from the maintained
``pytorch-optimizer`` library rather than a hand-written copy. All three read the same parameter groups, so
discriminative learning rates, frozen groups and LoRA work alike with each."""

from __future__ import annotations

import math

import torch
from pytorch_optimizer import Lamb, Lion
from torch import nn

from lmstudio_app.config.schema import TrainingConfig


def no_decay(name: str, parameter: nn.Parameter) -> bool:
    """Norm weights, biases and embeddings are not decayed (decay would shrink them for no gain)."""
    return parameter.ndim < 2 or "embedding" in name or ".table." in name or "segments" in name


def parameter_groups(model: nn.Module, weight_decay: float, learning_rate: float,
                     layer_rates: dict[str, float] | None = None, group_of=None, include=None) -> list[dict]:
    """Groups keyed by (layer group, decay). ``group_of(name)`` names a parameter's layer group;
    ``layer_rates`` scales each group's learning rate (discriminative fine-tuning); ``include(name,
    parameter)`` picks the parameters to optimize (default: those that require gradients)."""
    include = include or (lambda name, parameter: parameter.requires_grad)
    groups: dict[tuple[str, bool], dict] = {}
    for name, parameter in model.named_parameters():
        if not include(name, parameter):
            continue
        layer = group_of(name) if group_of else "all"
        decayed = not no_decay(name, parameter)
        key = (layer, decayed)
        if key not in groups:
            scale = (layer_rates or {}).get(layer, 1.0)
            groups[key] = {"params": [], "weight_decay": weight_decay if decayed else 0.0,
                           "lr": learning_rate * scale, "base_lr": learning_rate * scale, "layer": layer}
        groups[key]["params"].append(parameter)
    return list(groups.values())


FUSED_DEVICES = ("cpu", "cuda")  # where torch has a fused AdamW kernel (one pass over all tensors)


def build_optimizer(model: nn.Module, config: TrainingConfig, layer_rates: dict[str, float] | None = None,
                    group_of=None, include=None) -> torch.optim.Optimizer:
    """``config.optimizer`` over the parameter groups; LAMB with its library defaults (version 3 of the paper:
    no bias correction, weight decay decoupled from the trust ratio)."""
    groups = parameter_groups(model, config.weight_decay, config.learning_rate, layer_rates, group_of, include)
    betas = (config.beta1, config.beta2)
    if config.optimizer == "lamb":
        return Lamb(groups, lr=config.learning_rate, betas=betas)
    if config.optimizer == "lion":
        return Lion(groups, lr=config.learning_rate, betas=betas)
    device = next(model.parameters()).device.type
    return torch.optim.AdamW(groups, lr=config.learning_rate, betas=betas,
                             fused=True if device in FUSED_DEVICES else None)


def lr_factor(step: int, config: TrainingConfig) -> float:
    """Multiplier of the peak rate at ``step`` (0-based): linear warmup, then the schedule."""
    warmup = config.warmup_steps
    if step < warmup:
        return (step + 1) / warmup
    if config.schedule == "constant":
        return 1.0
    if config.schedule == "inverse-sqrt":
        return math.sqrt(max(warmup, 1)) / math.sqrt(step + 1)
    progress = min(1.0, (step - warmup) / max(1, config.steps - warmup))
    floor = config.min_lr_ratio
    if config.schedule == "linear":
        return floor + (1.0 - floor) * (1.0 - progress)
    return floor + (1.0 - floor) * 0.5 * (1.0 + math.cos(math.pi * progress))


def set_learning_rates(optimizer: torch.optim.Optimizer, step: int, config: TrainingConfig) -> float:
    factor = lr_factor(step, config)
    for group in optimizer.param_groups:
        group["lr"] = group["base_lr"] * factor
    return config.learning_rate * factor
