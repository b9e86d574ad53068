"""Generation with a key/value cache gives what recomputing the whole window gives, for every position scheme."""

import pytest
import torch

from lmstudio_app.config import TokenizerConfig, apply_overrides
from lmstudio_app.config.schema import POSITIONS
from lmstudio_app.engine.data.tokenizer import train_tokenizer
from lmstudio_app.engine.generate import Decoding, generate_ids, greedy_batch, window_start
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.model.attention import KeyValueCache
from tests.engine.train.conftest import tiny

TEXT = ["the for statement iterates over the items of a sequence in order " * 20]


@pytest.fixture(scope="module")
def tokenizer():
    return train_tokenizer(TokenizerConfig(kind="char", vocab_size=100, min_frequency=1), TEXT)


def model(tokenizer, family: str, position: str, seed: int):
    objective = "span-corruption" if family == "encoder-decoder" else "clm"
    config = apply_overrides(tiny(f"model.family={family}", f"objective.name={objective}", f"model.position={position}",
                                  "model.max_seq_len=16", f"model.vocab_size={tokenizer.vocab_size}",
                                  "model.n_decoder_layers=2" if family == "encoder-decoder" else "model.n_layers=2"),
                             [])
    torch.manual_seed(seed)
    return build_model(config).eval()


def test_the_window_grows_to_the_context_then_drops_its_older_half():
    assert [window_start(length, 0, 8) for length in (1, 8)] == [0, 0]
    assert window_start(9, 0, 8) == 5  # 9 tokens do not fit: keep the newest 4, then grow again
    assert window_start(12, 5, 8) == 5 and window_start(14, 5, 8) == 10


@pytest.mark.parametrize("family", ["decoder", "encoder-decoder"])
@pytest.mark.parametrize("position", POSITIONS)
def test_cached_logits_and_greedy_tokens_equal_recomputation(tokenizer, family, position):
    for seed in range(3):
        net = model(tokenizer, family, position, seed)
        prompt = tokenizer.encode("the for statement")[:12]  # an encoder reads at most its context
        memory = None
        ids = prompt
        if family == "encoder-decoder":
            memory = net.encode(torch.tensor([prompt])).hidden
            ids = [tokenizer.special.bos]
        with torch.inference_mode():
            cached, recomputed = Decoding(net, [list(ids)], memory), Decoding(net, [list(ids)], memory, use_cache=False)
            for step in range(40):  # crosses the 16-token context twice: the cache is rebuilt on the way
                torch.testing.assert_close(cached.logits, recomputed.logits, rtol=1e-4, atol=1e-4)
                token = int(recomputed.logits[0].argmax())
                cached.append([token])
                recomputed.append([token])
        greedy = [t.token_id for t in generate_ids(net, tokenizer, prompt, max_new_tokens=40, temperature=0.0,
                                                    use_cache=True)]
        plain = [t.token_id for t in generate_ids(net, tokenizer, prompt, max_new_tokens=40, temperature=0.0,
                                                   use_cache=False)]
        assert greedy == plain, (family, position, seed)


def test_batched_greedy_decoding_uses_the_cache_to_the_same_result(tokenizer):
    net = model(tokenizer, "encoder-decoder", "rotary", 1)
    prompts = [tokenizer.encode(text) for text in ("the for", "statement iterates over", "a")]
    assert greedy_batch(net, tokenizer, prompts, 30) == greedy_batch(net, tokenizer, prompts, 30, use_cache=False)


def test_the_cache_fills_its_buffers_in_place_and_refuses_tokens_past_its_capacity():
    cache = KeyValueCache(capacity=5)
    first, second = torch.randn(2, 3, 4, 8), torch.randn(2, 3, 1, 8)  # (B, H, T, D)
    cache.extend(first, -first)
    buffer = cache.keys
    keys, values = cache.extend(second, -second)
    assert cache.keys is buffer and cache.length == 5  # no new tensor per token
    assert torch.equal(keys, torch.cat([first, second], dim=2)) and torch.equal(values, -keys)
    with pytest.raises(ValueError, match="cannot take 6"):
        cache.extend(second, second)
