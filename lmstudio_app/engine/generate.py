"""Using a model: sampling text token by token, and filling in masked tokens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import torch

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.framing import Framing
from lmstudio_app.config.objectives import MASKED_LM_HEAD
from lmstudio_app.engine.data.tokenizer import ROLE_TOKENS, TextTokenizer
from lmstudio_app.engine.model import Transformer
from lmstudio_app.errors import DataError

@dataclass(frozen=True)
class GeneratedToken:
    token_id: int
    candidates: tuple[tuple[str, float], ...]  # the most likely next tokens (readable labels) and their probabilities


def next_token_distribution(logits: torch.Tensor, temperature: float, top_k: int, top_p: float) -> torch.Tensor:
    """Probabilities over the vocabulary after temperature, top-k and nucleus (top-p) filtering."""
    logits = logits.float()
    if temperature <= 0:
        probabilities = torch.zeros_like(logits)
        probabilities[logits.argmax()] = 1.0
        return probabilities
    # In float64 and from the largest logit down: a temperature as small as 1e-45 then sends every other token to
    # -inf (the limit, greedy among ties) where dividing float32 logits by it would overflow into NaN.
    logits = (logits.double() - logits.max()) / temperature
    if 0 < top_k < logits.numel():
        threshold = torch.topk(logits, top_k).values[-1]
        logits = logits.masked_fill(logits < threshold, float("-inf"))
    probabilities = torch.softmax(logits, dim=-1)
    if top_p < 1.0:
        sorted_probs, order = torch.sort(probabilities, descending=True)
        # Keep the smallest set whose mass reaches top_p (the first token always stays).
        outside = torch.cumsum(sorted_probs, dim=-1) - sorted_probs >= top_p
        sorted_probs[outside] = 0.0
        probabilities = torch.zeros_like(probabilities).scatter(0, order, sorted_probs)
        probabilities /= probabilities.sum()
    return probabilities.float()


def window_start(length: int, start: int, max_len: int) -> int:
    """Where the model's view of a growing sequence of ``length`` tokens starts. It grows to the model's
    context, then drops its older half at once: a key/value cache can then go on for half a context before
    it is rebuilt, where sliding by one token would rebuild it for every token (positions move)."""
    if length - start <= max_len:
        return start
    return length - max_len // 2


def readable_input(model: Transformer, ids: list[int]) -> list[int]:
    """The tokens of ``ids`` a model's first stack reads: the last ``context_limit`` of them, or all where its
    positions have no limit (T5's relative buckets read as long an input as transformers' T5 does)."""
    return ids if model.context_limit is None else ids[-model.context_limit:]


def ranked_logits(logits: torch.Tensor, never: tuple[int, ...]) -> torch.Tensor:
    """Logits to sample or rank from: the tokens a model never learned (roles its checkpoint lacked) at -inf.
    Refuses outputs that are not numbers: they come from broken weights, not from the text."""
    if not bool(torch.isfinite(logits).all()):
        raise DataError(refusals.BROKEN_WEIGHTS)
    if never:
        logits = logits.clone()
        logits[..., list(never)] = float("-inf")
    return logits


def forced(framing: Framing, produced: int, limit: int, family: str) -> int | None:
    """The token a checkpoint's generation config forces at this step, as transformers does: a first token
    (BART's ``<s>``), or an end token when the answer reaches its length limit."""
    if framing.forced_bos is not None and produced == 0 and family == "encoder-decoder":
        return framing.forced_bos
    if framing.forced_eos is not None and produced == limit - 1:
        return framing.forced_eos
    return None


class Decoding:
    """The decoder's logits for the next token as a sequence grows, with or without a key/value cache
    (the same window either way, so both give the same tokens); tokens in ``never`` are never chosen."""

    def __init__(self, model: Transformer, ids: list[int], memory: torch.Tensor | None = None,
                 memory_mask: torch.Tensor | None = None, use_cache: bool = True, never: tuple[int, ...] = ()):
        self.model = model
        self.never = never
        self.device = next(model.parameters()).device
        self.memory, self.memory_mask = memory, memory_mask
        # A permutation LM predicts through its query stream, which a key/value cache of one stream cannot serve.
        self.permuted = model.query_start is not None
        self.use_cache = use_cache and not self.permuted
        self.ids = ids  # (B, T) rows of equal length
        self.start = max(0, len(ids[0]) - model.max_seq_len)
        self.logits = self._read(fresh=True)

    def _read(self, fresh: bool) -> torch.Tensor:
        """(B, V) logits after the window's last token; ``fresh`` reads the whole window (into a new cache)."""
        if self.permuted:
            return self._read_query_stream()
        if fresh or not self.use_cache:
            self.cache = self.model.new_cache() if self.use_cache else None
            window, seen = [row[self.start:] for row in self.ids], 0
        else:
            window, seen = [row[-1:] for row in self.ids], len(self.ids[0]) - 1 - self.start
        hidden = self.model.decode(torch.tensor(window, device=self.device), memory=self.memory,
                                   memory_mask=self.memory_mask, cache=self.cache, seen=seen).hidden
        return ranked_logits(self.model.heads["lm"](hidden[:, -1]), self.never)  # (B, V)

    def _read_query_stream(self) -> torch.Tensor:
        """A permutation LM's next token: one more position, last in a left-to-right order, so its query sees
        every token before it and nothing else (the placeholder token there is never read)."""
        context = self.model.max_seq_len - 1
        window = torch.tensor([row[-context:] + row[-1:] for row in self.ids], device=self.device)
        ranks = torch.arange(window.size(1), device=self.device).expand_as(window)
        hidden = self.model.two_stream(window, ranks).hidden
        return ranked_logits(self.model.heads["lm"](hidden[:, -1]), self.never)  # (B, V)

    def append(self, tokens: list[int]) -> torch.Tensor:
        for row, token in zip(self.ids, tokens):
            row.append(token)
        start = window_start(len(self.ids[0]), self.start, self.model.max_seq_len)
        fresh, self.start = start != self.start, start
        self.logits = self._read(fresh)
        return self.logits


@torch.inference_mode()
def generate_ids(model: Transformer, tokenizer: TextTokenizer, prompt_ids: list[int], *,
                 max_new_tokens: int = 100, temperature: float = 1.0, top_k: int = 0, top_p: float = 1.0,
                 seed: int | None = None, candidates: int = 5, use_cache: bool = True) -> Iterator[GeneratedToken]:
    """Stream the tokens that follow ``prompt_ids`` (a decoder's context, or an encoder-decoder's
    complete encoder input), stopping after an end token. An encoder-decoder's answer starts from its
    decoder's start token, which is not part of the stream."""
    if model.family == "encoder":
        raise DataError(refusals.ENCODER_DOES_NOT_GENERATE)
    model.eval()
    device = next(model.parameters()).device
    generator = torch.Generator().manual_seed(seed) if seed is not None else None
    framing = tokenizer.framing_for(model.family)
    memory = None
    if model.family == "encoder-decoder":
        memory = model.encode(torch.tensor([readable_input(model, prompt_ids)], device=device)).hidden
        context = [framing.decoder_start]
    else:
        context = list(prompt_ids) or [tokenizer.special.eos]  # training text starts documents after an EOS
    decoding = Decoding(model, [context], memory, use_cache=use_cache, never=framing.unlearned)
    logits = decoding.logits
    for produced in range(max_new_tokens):
        probabilities = next_token_distribution(logits[0], temperature, top_k, top_p).cpu()
        token = int(torch.multinomial(probabilities, 1, generator=generator)) if temperature > 0 \
            else int(probabilities.argmax())
        if (chosen := forced(framing, produced, max_new_tokens, model.family)) is not None:
            token = chosen
        shown: tuple[tuple[str, float], ...] = ()
        if candidates:  # the likeliest tokens; never one the model never learned, even at 0 %
            ranking = probabilities.clone()
            ranking[list(framing.unlearned)] = -1.0
            top = torch.topk(ranking, min(candidates, ranking.numel() - len(framing.unlearned)))
            shown = tuple((text, float(probabilities[i])) for text, i in
                          zip(tokenizer.token_texts(top.indices.tolist()), top.indices))
        yield GeneratedToken(token, shown)
        if token in framing.stop:
            return
        logits = decoding.append([token])


def greedy_continuation(model: Transformer, tokenizer: TextTokenizer, prompt_ids: list[int],
                        max_new_tokens: int) -> list[int]:
    """The most likely continuation of ``prompt_ids``, without its end token."""
    return greedy_batch(model, tokenizer, [prompt_ids], max_new_tokens)[0]


@torch.inference_mode()
def greedy_batch(model: Transformer, tokenizer: TextTokenizer, prompts: list[list[int]],
                 max_new_tokens: int, use_cache: bool = True) -> list[list[int]]:
    """Greedy continuations of many prompts at once, each without its end token.

    Encoder-decoders pad the sources (the encoder masks padding); decoders batch
    prompts of equal length together, since padding would shift their positions.
    """
    model.eval()
    device = next(model.parameters()).device
    special = tokenizer.special
    framing = tokenizer.framing_for(model.family)
    stop = torch.tensor(framing.stop, device=device)
    results: list[list[int]] = [[] for _ in prompts]
    if model.family == "encoder-decoder":
        groups = [list(range(len(prompts)))]
    else:
        by_length: dict[int, list[int]] = {}
        for index, prompt in enumerate(prompts):
            by_length.setdefault(len(prompt), []).append(index)
        groups = list(by_length.values())
    for group in groups:
        sources = [readable_input(model, prompts[i]) or [special.eos] for i in group]
        memory = mask = None
        if model.family == "encoder-decoder":
            width = max(map(len, sources))
            ids = torch.tensor([s + [special.pad] * (width - len(s)) for s in sources], device=device)
            mask = (torch.arange(width, device=device)[None, :] <
                    torch.tensor([len(s) for s in sources], device=device)[:, None]).long()
            memory = model.encode(ids, mask).hidden
            sources = [[framing.decoder_start] for _ in group]
        decoding = Decoding(model, [list(source) for source in sources], memory, mask, use_cache=use_cache,
                            never=framing.unlearned)
        logits = decoding.logits
        done = torch.zeros(len(group), dtype=torch.bool, device=device)
        for produced in range(max_new_tokens):
            token = logits.argmax(-1)  # (B,)
            if (chosen := forced(framing, produced, max_new_tokens, model.family)) is not None:
                token = torch.full_like(token, chosen)
            ended = torch.isin(token, stop)
            for row, index in enumerate(group):
                if not done[row] and not ended[row]:
                    results[index].append(int(token[row]))
            done |= ended
            if bool(done.all()):
                break
            logits = decoding.append(token.tolist())
    return results


@dataclass(frozen=True)
class MaskPrediction:
    position: int  # index of the mask among the model's input tokens
    candidates: tuple[tuple[str, float], ...]


@torch.inference_mode()
def fill_mask(model: Transformer, tokenizer: TextTokenizer, text: str, top_k: int = 5) -> list[MaskPrediction]:
    """The most likely tokens for each [MASK] in ``text`` (encoder models with an MLM head), read with the model's
    framing; tokens it never learned are never among them."""
    if MASKED_LM_HEAD not in model.heads:
        raise DataError(refusals.FILL_MASK_NEEDS_MLM)
    special = tokenizer.special
    mask_text = tokenizer.backend.id_to_token(special.mask)
    ids = tokenizer.encode(text.replace(ROLE_TOKENS["mask"], mask_text))
    if special.mask not in ids:
        raise DataError(refusals.NO_MASK, mask=ROLE_TOKENS["mask"])
    framing = tokenizer.framing_for(model.family)
    room = model.max_seq_len - framing.added()
    if special.mask in ids[room:]:
        raise DataError(refusals.MASK_PAST_CONTEXT, tokens=len(ids), room=room, mask=ROLE_TOKENS["mask"])
    inputs = framing.frame(ids, limit=model.max_seq_len).ids
    model.eval()
    device = next(model.parameters()).device
    hidden = model(torch.tensor([inputs], device=device)).hidden[0]
    predictions = []
    for position in [i for i, token in enumerate(inputs) if token == special.mask]:
        logits = ranked_logits(model.heads[MASKED_LM_HEAD](hidden[position]).float(), framing.unlearned)
        top = torch.topk(torch.softmax(logits, dim=-1), min(top_k, logits.numel() - len(framing.unlearned)))
        predictions.append(MaskPrediction(position, tuple(
            (text, float(p)) for text, p in zip(tokenizer.token_texts(top.indices.tolist()), top.values))))
    return predictions
