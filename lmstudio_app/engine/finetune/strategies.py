"""What fine-tuning trains: layer groups, freezing, discriminative rates, gradual unfreezing, BitFit, LoRA.

A model's parameters fall into layer groups ordered bottom to top:
``embeddings``, ``encoder.0`` … ``encoder.N-1``, ``decoder.0`` … ``decoder.M-1``,
``head``. A strategy decides which parameters may ever train, which groups
are frozen, each group's learning-rate scale, and (gradual unfreezing) which
groups train at a given step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import problem
from lmstudio_app.config.schema import FinetuneConfig
from lmstudio_app.engine.model import Transformer
from lmstudio_app.errors import ConfigError

_LAYER = re.compile(r"^(encoder|decoder)\.layers\.(\d+)\.")
_FINAL_NORM = re.compile(r"^(encoder|decoder)\.final_norm\.")


def layer_groups(model: Transformer) -> list[str]:
    """The groups that own parameters, bottom to top (a head tied to the embedding owns none)."""
    groups = ["embeddings"]
    for name in ("encoder", "decoder"):
        stack = getattr(model, name)
        if stack is not None:
            groups += [f"{name}.{i}" for i in range(len(stack.layers))]
    owners = {group_of(model, name) for name, _ in model.named_parameters()}
    return [g for g in groups + ["head"] if g in owners]


def group_of(model: Transformer, parameter_name: str) -> str:
    """The layer group a parameter belongs to (a stack's final norm goes with its top layer)."""
    if parameter_name.startswith("heads."):
        return "head"
    layer = _LAYER.match(parameter_name)
    if layer:
        return f"{layer[1]}.{layer[2]}"
    final = _FINAL_NORM.match(parameter_name)
    if final:
        return f"{final[1]}.{len(getattr(model, final[1]).layers) - 1}"
    return "embeddings"


@dataclass
class Plan:
    groups: list[str]  # bottom to top
    trainable: set[str]  # parameter names that train at some point
    rates: dict[str, float]  # learning-rate scale per group
    unfreeze_every: int  # 0 = every trainable group trains from the start

    def active_groups(self, step: int) -> list[str]:
        """Groups training at ``step``: with gradual unfreezing, the top 1 + step // K of them."""
        if not self.unfreeze_every:
            return list(self.groups)
        count = 1 + step // self.unfreeze_every
        return self.groups[-count:]


def plan_strategy(model: Transformer, config: FinetuneConfig) -> Plan:
    groups = layer_groups(model)
    frozen = set()
    if config.freeze_embeddings:
        frozen.add("embeddings")
    for stack in ("encoder", "decoder"):
        frozen.update(f"{stack}.{i}" for i in range(config.freeze_layers))
    trainable = set()
    for name, _ in model.named_parameters():
        group = group_of(model, name)
        if group == "head":
            trainable.add(name)  # the new task head always trains
        elif group in frozen:
            continue
        elif config.strategy == "full":
            trainable.add(name)
        elif config.strategy == "bitfit" and name.endswith(".bias"):
            trainable.add(name)
        elif config.strategy == "lora" and (name.endswith(".lora_a") or name.endswith(".lora_b")):
            trainable.add(name)
    if not trainable:
        raise ConfigError(problem("finetune.strategy", refusals.NOTHING_TO_TRAIN, strategy=config.strategy))
    top = len(groups) - 1
    rates = {group: config.layer_lr_decay ** (top - index) for index, group in enumerate(groups)}
    return Plan(groups, trainable, rates, config.unfreeze_every)


def apply_plan(model: Transformer, plan: Plan, step: int) -> dict[str, bool]:
    """Set ``requires_grad`` for ``step``; returns which groups train. Frozen parameters get no
    gradient, so AdamW leaves them bit-identical (no update, no weight decay)."""
    active = set(plan.active_groups(step))
    training = dict.fromkeys(plan.groups, False)
    for name, parameter in model.named_parameters():
        group = group_of(model, name)
        parameter.requires_grad_(name in plan.trainable and group in active)
        training[group] |= parameter.requires_grad
    return training
