"""The attention probe: a no-grad forward on a fixed text through the weights-returning path."""

from __future__ import annotations

import time

import numpy as np
import torch

from lmstudio_app.engine.data.tokenizer import TextTokenizer
from lmstudio_app.engine.generate import greedy_continuation
from lmstudio_app.engine.model import Transformer
from lmstudio_app.events import AttentionSnapshot


def probe_inputs(model: Transformer, tokenizer: TextTokenizer, text: str, max_len: int) -> list[int]:
    """The probe text as the model's first stack sees it (with [CLS]/[SEP] for encoders)."""
    ids = tokenizer.encode(text)
    special = tokenizer.special
    if model.family == "encoder":
        return [special.cls, *ids[: max_len - 2], special.sep]
    if model.family == "encoder-decoder":
        return [*ids[: max_len - 1], special.eos]
    return ids[:max_len] or [special.bos]


@torch.no_grad()
def probe_attention(model: Transformer, tokenizer: TextTokenizer, text: str, max_len: int, step: int,
                    target_ids: list[int] | None = None) -> AttentionSnapshot:
    """Attention of every layer and head on ``text``; encoder-decoders decode greedily unless given a target."""
    started = time.perf_counter()
    was_training = model.training
    model.eval()
    device = next(model.parameters()).device
    source_ids = probe_inputs(model, tokenizer, text, max_len)
    source = torch.tensor([source_ids], device=device)
    if model.family == "encoder-decoder":
        # Targets rarely outgrow their source by much; the cap keeps the probe cheap early in training.
        target = target_ids or [tokenizer.special.bos, *greedy_continuation(
            model, tokenizer, source_ids, max_new_tokens=min(max_len, 2 * len(source_ids) + 8) - 1)]
        out = model(source, decoder_input_ids=torch.tensor([target], device=device), need_weights=True)
        target_tokens = tuple(tokenizer.token_texts(target))
    else:
        out = model(source, need_weights=True)
        target_tokens = ()
    attention = {kind: tuple(layer[0].detach().float().cpu().numpy().astype(np.float32) for layer in layers)
                 for kind, layers in out.attentions.items()}
    model.train(was_training)
    return AttentionSnapshot(step=step, tokens=tuple(tokenizer.token_texts(source_ids)),
                             target_tokens=target_tokens, attention=attention,
                             seconds=time.perf_counter() - started)
