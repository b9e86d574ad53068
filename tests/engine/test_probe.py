"""Attention step by step: each stage equals the formula computed here from the layer's own weights and inputs."""

import math

import numpy as np
import pytest
import torch

from lmstudio_app.config import TokenizerConfig, apply_overrides
from lmstudio_app.engine.data.tokenizer import train_tokenizer
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.probe import attention_module, attention_stages, probe_attention
from lmstudio_app.errors import DataError
from tests.engine.train.conftest import tiny

TEXT = ["the for statement iterates over the items of a sequence in order " * 20]
PROBE = "the items in order"


@pytest.fixture(scope="module")
def tokenizer():
    return train_tokenizer(TokenizerConfig(kind="char", vocab_size=100, min_frequency=1), TEXT)


def model(tokenizer, family: str, position: str = "learned"):
    objective = {"encoder-decoder": "span-corruption", "encoder": "mlm"}.get(family, "clm")
    config = apply_overrides(tiny(f"model.family={family}", f"objective.name={objective}", f"model.position={position}",
                                  "model.max_seq_len=32", f"model.vocab_size={tokenizer.vocab_size}",
                                  "model.n_layers=2", "model.d_model=32", "model.n_heads=4"), [])
    torch.manual_seed(5)
    return build_model(config).eval()


@torch.no_grad()
def reference(module, inputs, head: int, causal: bool, bias=None, turn=lambda t: t):
    """softmax(QKᵀ/√d_k + M) with plain tensor operations on the module's weights and the inputs it was given
    (``turn`` rotates queries and keys, for rotary positions)."""
    x, context = inputs
    source = x if context is None else context
    d_k = module.head_dim
    rows = slice(head * d_k, (head + 1) * d_k)

    def project(linear, of):
        out = of[0] @ linear.weight.T + (linear.bias if linear.bias is not None else 0)
        return out[:, rows]

    q, k, v = turn(project(module.q_proj, x)), turn(project(module.k_proj, source)), project(module.v_proj, source)
    raw = q @ k.T
    scores = raw / math.sqrt(d_k) + (0 if bias is None else bias)
    if causal:
        scores = scores.masked_fill(torch.ones_like(scores, dtype=torch.bool).triu(1), float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    transformed = v @ module.out_proj.weight[:, rows].T  # what each key's value becomes in the output
    return raw, weights, weights * transformed.norm(dim=-1)[None], (weights @ transformed).norm(dim=-1)


def captured_inputs(model, kind, layer, run):
    """The (x, context) the attention module receives during ``run()``, seen by a hook of this test's own."""
    seen = {}
    module = attention_module(model, kind, layer)
    handle = module.register_forward_pre_hook(
        lambda _m, args, kwargs: seen.update(inputs=(args[0], kwargs.get("context"))), with_kwargs=True)
    try:
        run()
    finally:
        handle.remove()
    return module, seen["inputs"]


@pytest.mark.parametrize("position", ["learned", "rotary"])
def test_a_masked_decoder_heads_stages_equal_the_formula(tokenizer, position):
    decoder = model(tokenizer, "decoder", position)
    stages = attention_stages(decoder, tokenizer, PROBE, "decoder", 1, 2, 32, step=7)
    module, inputs = captured_inputs(decoder, "decoder", 1,
                                     lambda: probe_attention(decoder, tokenizer, PROBE, 32, 7))
    turn = (lambda t: module.rotation(t[None, None])[0, 0]) if position == "rotary" else (lambda t: t)
    raw, weights, contributions, norms = reference(module, inputs, 2, causal=True, turn=turn)
    length = len(stages.queries)
    np.testing.assert_allclose(stages.raw, raw.numpy(), atol=1e-5)
    np.testing.assert_allclose(stages.scaled, raw.numpy() / math.sqrt(8), atol=1e-5)
    np.testing.assert_array_equal(stages.allowed, np.tril(np.ones((length, length), dtype=bool)))
    np.testing.assert_allclose(stages.weights, weights.numpy(), atol=1e-5)
    np.testing.assert_allclose(stages.contributions, contributions.numpy(), atol=1e-5)
    np.testing.assert_allclose(stages.output_norms, norms.numpy(), atol=1e-5)
    probed = probe_attention(decoder, tokenizer, PROBE, 32, 7).attention["decoder"][1][2]
    np.testing.assert_allclose(stages.weights, probed, atol=1e-5)  # the softmax stage is what the views show
    assert stages.head_dim == 8 and stages.step == 7 and stages.bias is None
    assert stages.queries == stages.keys == tuple(tokenizer.token_texts(tokenizer.encode(PROBE)))


def test_alibi_bias_is_its_own_stage(tokenizer):
    decoder = model(tokenizer, "decoder", "alibi")
    stages = attention_stages(decoder, tokenizer, PROBE, "decoder", 0, 1, 32, step=0)
    length = len(stages.queries)
    offsets = np.arange(length)[None, :] - np.arange(length)[:, None]  # key − query
    slope = 2 ** (-8 / 4 * 2)  # head 2 of 4: ALiBi's geometric slopes 2^(-8h/H)
    np.testing.assert_allclose(np.tril(stages.bias), np.tril(slope * offsets), atol=1e-5)
    module, inputs = captured_inputs(decoder, "decoder", 0,
                                     lambda: probe_attention(decoder, tokenizer, PROBE, 32, 0))
    bias = torch.tensor(slope * offsets, dtype=torch.float32)
    _, weights, _, _ = reference(module, inputs, 1, causal=True, bias=bias)
    np.testing.assert_allclose(stages.weights, weights.numpy(), atol=1e-5)


def test_a_cross_attention_heads_stages_equal_the_formula(tokenizer):
    seq2seq = model(tokenizer, "encoder-decoder")
    target = [tokenizer.special.bos, *tokenizer.encode("order")]
    stages = attention_stages(seq2seq, tokenizer, PROBE, "cross", 1, 3, 32, step=1, target_ids=target)
    module, inputs = captured_inputs(seq2seq, "cross", 1,
                                     lambda: probe_attention(seq2seq, tokenizer, PROBE, 32, 1, target_ids=target))
    raw, weights, contributions, norms = reference(module, inputs, 3, causal=False)
    np.testing.assert_allclose(stages.raw, raw.numpy(), atol=1e-5)
    np.testing.assert_allclose(stages.weights, weights.numpy(), atol=1e-5)
    np.testing.assert_allclose(stages.contributions, contributions.numpy(), atol=1e-5)
    assert stages.allowed.all()  # a cross-attention query may read every source token
    assert len(stages.queries) == len(target) and stages.keys[-1] == "[EOS]"


def test_removing_the_scaling_sharpens_the_softmax_and_softening_flattens_it(tokenizer):
    decoder = model(tokenizer, "decoder")
    with torch.no_grad():  # a sharper head than random initialisation gives: queries and keys that agree
        module = attention_module(decoder, "decoder", 0)
        module.k_proj.weight.copy_(module.q_proj.weight * 3)
    stages = attention_stages(decoder, tokenizer, PROBE, "decoder", 0, 0, 32, step=0)
    unscaled, trained, softer = stages.what_ifs
    assert trained.factor == 1.0 and unscaled.factor == pytest.approx(math.sqrt(8))
    np.testing.assert_allclose(trained.weights, stages.weights, atol=1e-6)
    assert unscaled.mean_entropy < trained.mean_entropy < softer.mean_entropy
    assert unscaled.mean_max_weight > trained.mean_max_weight > softer.mean_max_weight
    rows = np.arange(len(stages.queries)) + 1  # query i may see i + 1 keys
    assert softer.mean_entropy <= np.log(rows).mean() + 1e-5  # never beyond uniform over what may be seen


def test_asking_for_attention_the_model_does_not_have_is_a_sentence(tokenizer):
    decoder = model(tokenizer, "decoder")
    with pytest.raises(DataError, match="a decoder model has no cross attention"):
        attention_stages(decoder, tokenizer, PROBE, "cross", 0, 0, 32, step=0)
    with pytest.raises(DataError, match="layer 5: the decoder stack has layers 1 to 2"):
        attention_stages(decoder, tokenizer, PROBE, "decoder", 4, 0, 32, step=0)
    with pytest.raises(DataError, match="head 9: the layer has heads 1 to 4"):
        attention_stages(decoder, tokenizer, PROBE, "decoder", 0, 8, 32, step=0)


def test_sinusoidal_positions_are_the_closed_form(tokenizer):
    from lmstudio_app.engine.probe import position_views

    views = position_views(model(tokenizer, "decoder", "sinusoidal"), "sinusoidal", step=0)
    positions, d_model = np.arange(32)[:, None], 32
    angles = positions / 10000 ** (np.arange(0, d_model, 2)[None, :] / d_model)  # (T, C/2)
    expected = np.zeros((32, d_model))
    expected[:, 0::2], expected[:, 1::2] = np.sin(angles), np.cos(angles)
    np.testing.assert_allclose(views.table, expected, atol=1e-5)
    unit = expected / np.linalg.norm(expected, axis=1, keepdims=True)
    np.testing.assert_allclose(views.similarity, unit @ unit.T, atol=1e-5)
    assert views.scheme == "sinusoidal" and views.stack == "decoder" and views.bias is None


def test_learned_positions_are_the_models_table(tokenizer):
    from lmstudio_app.engine.probe import position_views

    encoder = model(tokenizer, "encoder")
    views = position_views(encoder, "learned", step=3)
    np.testing.assert_allclose(views.table, encoder.encoder.positions.table.weight.detach().numpy(), atol=0)
    np.testing.assert_allclose(np.diag(views.similarity), 1.0, atol=1e-5)
    assert views.stack == "encoder" and views.step == 3


def test_rotary_frequencies_and_offset_similarity(tokenizer):
    from lmstudio_app.engine.probe import position_views

    views = position_views(model(tokenizer, "decoder", "rotary"), "rotary", step=0)
    head_dim = 8
    frequencies = 10000.0 ** (-np.arange(0, head_dim, 2) / head_dim)
    np.testing.assert_allclose(views.frequencies, frequencies, rtol=1e-6)
    assert views.table is None
    offsets = np.arange(32)[None, :] - np.arange(32)[:, None]
    np.testing.assert_allclose(views.similarity, np.cos(offsets[..., None] * frequencies).mean(-1), atol=1e-5)
    np.testing.assert_allclose(np.diag(views.similarity), 1.0, atol=1e-6)  # offset 0: no rotation between q and k


def test_alibi_bias_per_head(tokenizer):
    from lmstudio_app.engine.probe import position_views

    views = position_views(model(tokenizer, "decoder", "alibi"), "alibi", step=0)
    assert views.bias.shape == (4, 32, 32)
    offsets = np.arange(32)[None, :] - np.arange(32)[:, None]
    for head in range(4):
        slope = 2 ** (-8 / 4 * (head + 1))
        np.testing.assert_allclose(np.tril(views.bias[head]), np.tril(slope * offsets), atol=1e-5)
