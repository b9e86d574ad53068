"""LoRA (Hu et al., 2021): a frozen linear layer plus a trainable low-rank update B·A."""

from __future__ import annotations

import math

import torch.nn.functional as F
from torch import Tensor, nn

# Where each LoRA target lives inside a layer.
TARGET_MODULES = {"q": "q_proj", "k": "k_proj", "v": "v_proj", "o": "out_proj", "up": "up", "down": "down"}


class LoRALinear(nn.Linear):
    """``weight`` and ``bias`` keep their names (pretrained weights load as they are); ``lora_a``
    and ``lora_b`` are the adapter. B starts at zero, so training starts from the base model."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float, dropout: float):
        super().__init__(base.in_features, base.out_features, bias=base.bias is not None)
        self.weight = base.weight
        self.bias = base.bias
        self.lora_a = nn.Parameter(base.weight.new_empty(rank, base.in_features))
        self.lora_b = nn.Parameter(base.weight.new_zeros(base.out_features, rank))
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
        self.scale = alpha / rank
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: Tensor) -> Tensor:
        update = F.linear(F.linear(self.dropout(x), self.lora_a), self.lora_b)  # (…, out)
        return F.linear(x, self.weight, self.bias) + self.scale * update

    def merged(self) -> nn.Linear:
        """A plain linear layer with the adapter folded into its weight."""
        merged = nn.Linear(self.in_features, self.out_features, bias=self.bias is not None,
                           device=self.weight.device, dtype=self.weight.dtype)
        merged.weight.data = self.weight.data + self.scale * (self.lora_b.data @ self.lora_a.data)
        if self.bias is not None:
            merged.bias.data = self.bias.data.clone()
        return merged


def add_lora(model: nn.Module, targets: list[str], rank: int, alpha: float, dropout: float) -> None:
    """Replace every targeted projection in the stacks (self- and cross-attention, feed-forward)."""
    wanted = {TARGET_MODULES[t] for t in targets}
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if name in wanted and type(child) is nn.Linear:
                setattr(parent, name, LoRALinear(child, rank, alpha, dropout))


def merge_lora(model: nn.Module) -> nn.Module:
    """Fold every adapter into its weight, in place; the model then has no LoRA parameters."""
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, LoRALinear):
                setattr(parent, name, child.merged())
    return model
