"""Head ablation: how much the validation loss rises when one attention head's output is zeroed.

A head's output is its slice of the concatenated heads that the output projection W_O reads; zeroing that slice
(a pre-hook on W_O, at evaluation time only, the weights untouched) removes exactly what the head adds to the
residual stream. A head the model relies on raises the loss when zeroed; a redundant one leaves it near the
whole model's. Self-attention heads of every stack are measured, and cross-attention's in an encoder-decoder.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import torch
from torch import nn

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config.messages import Message
from lmstudio_app.engine.application.evaluate import held_out_examples
from lmstudio_app.engine.model.attention import MultiHeadAttention
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.engine.runs import ModelHandle
from lmstudio_app.events import HeadImportanceMeasured


def attention_modules(model: nn.Module) -> dict[tuple[str, int], MultiHeadAttention]:
    """(kind, layer) → its attention: "encoder" and "decoder" self-attention, "cross" for cross-attention."""
    found = {}
    for kind, stack in (("encoder", model.encoder), ("decoder", model.decoder)):
        for index, block in enumerate(stack.layers if stack is not None else []):
            found[kind, index] = block.self_attn
            if block.cross_attn is not None:
                found["cross", index] = block.cross_attn
    return found


@contextlib.contextmanager
def zeroed_heads(attention: MultiHeadAttention, heads: list[int]) -> Iterator[None]:
    """While inside: the outputs of ``heads`` of ``attention`` are zero where W_O reads them."""
    width = attention.head_dim

    def zero(_module, inputs):
        mixed = inputs[0].clone()  # (B, T, H·D), the heads side by side
        for head in heads:
            mixed[..., head * width:(head + 1) * width] = 0
        return (mixed, *inputs[1:])

    hook = attention.out_proj.register_forward_pre_hook(zero)
    try:
        yield
    finally:
        hook.remove()


@torch.no_grad()
def head_importance(handle: ModelHandle, batches: int = 0, progress: Progress = no_progress) \
        -> HeadImportanceMeasured:
    """The validation loss of the model as it is, and with each head zeroed in turn (the same batches each
    time)."""
    config, model = handle.config, handle.model
    held_out = held_out_examples(config, handle.tokenizer)
    t = config.training
    count = held_out.batches if config.finetune.task or not batches else batches

    def validation_loss() -> float:
        return held_out.objective.evaluate(model, held_out.split, batch_size=t.batch_size, batches=count,
                                           seed=t.seed).metrics["loss"]

    was_training = model.training
    model.eval()  # no dropout: the only difference between two losses is the zeroed head
    try:
        base = validation_loss()
        attentions = attention_modules(model)
        total = sum(attention.n_heads for attention in attentions.values())
        losses = {}
        for (kind, layer), attention in attentions.items():
            for head in range(attention.n_heads):
                progress(Message(say.ZEROING_HEAD, {"done": len(losses) + 1, "heads": total}), len(losses) / total)
                with zeroed_heads(attention, [head]):
                    losses[kind, layer, head] = validation_loss()
    finally:
        model.train(was_training)
    return HeadImportanceMeasured(handle.step, base, losses)
