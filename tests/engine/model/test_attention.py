"""Both attention paths agree, and agree with PyTorch's own attention."""

import pytest
import torch
import torch.nn.functional as F

from lmstudio_app.engine.model.attention import (
    AttentionMask,
    MultiHeadAttention,
    attention_with_weights,
    causal_allowed,
    padding_allowed,
    prefix_allowed,
)
from lmstudio_app.engine.model.positions.alibi import AlibiBias

B, H, T, D = 3, 4, 10, 8


def padding_mask(lengths, total=T):
    return (torch.arange(total)[None, :] < torch.tensor(lengths)[:, None]).long()


def masks():
    pad = padding_mask([10, 7, 3])
    alibi = AlibiBias(H)(T, T)
    return {
        "none": AttentionMask(),
        "padding": AttentionMask(allowed=padding_allowed(pad)),
        "causal": AttentionMask(allowed=causal_allowed(T, torch.device("cpu")), causal_only=True),
        "causal+padding": AttentionMask(allowed=causal_allowed(T, torch.device("cpu")) & padding_allowed(pad)),
        "prefix": AttentionMask(allowed=prefix_allowed(torch.tensor([0, 4, 9]), T)),
        "alibi": AttentionMask(bias=alibi),
        "alibi+causal": AttentionMask(allowed=causal_allowed(T, torch.device("cpu")), bias=alibi, causal_only=True),
        "alibi+padding": AttentionMask(allowed=padding_allowed(pad), bias=alibi),
    }


@pytest.mark.parametrize("kind", list(masks()))
def test_weights_path_equals_fused_path(kind):
    torch.manual_seed(0)
    q, k, v = (torch.randn(B, H, T, D) for _ in range(3))
    mask = masks()[kind]
    attn_mask, is_causal = mask.for_sdpa(q.dtype)
    fused = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask, is_causal=is_causal)
    explicit, weights = attention_with_weights(q, k, v, mask)
    torch.testing.assert_close(explicit, fused, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(weights.sum(-1), torch.ones(B, H, T), atol=1e-5, rtol=0)
    if mask.allowed is not None:
        assert (weights.masked_select(~mask.allowed.expand_as(weights)) == 0).all()


def test_cross_attention_paths_agree_with_source_padding():
    torch.manual_seed(1)
    layer = MultiHeadAttention(32, 4, bias=True, dropout=0.0).eval()
    x, memory = torch.randn(2, 5, 32), torch.randn(2, 9, 32)
    mask = AttentionMask(allowed=padding_allowed(padding_mask([9, 4], total=9)))
    fused, none = layer(x, mask, context=memory)
    explicit, weights = layer(x, mask, context=memory, need_weights=True)
    assert none is None and weights.shape == (2, 4, 5, 9)
    torch.testing.assert_close(explicit, fused, atol=1e-5, rtol=1e-5)
    assert (weights[1, :, :, 4:] == 0).all()


@pytest.mark.parametrize("causal", [False, True])
def test_matches_torch_multihead_attention(causal):
    torch.manual_seed(2)
    width, heads = 32, 4
    ours = MultiHeadAttention(width, heads, bias=True, dropout=0.0).eval()
    reference = torch.nn.MultiheadAttention(width, heads, bias=True, batch_first=True).eval()
    with torch.no_grad():
        reference.in_proj_weight.copy_(torch.cat([ours.q_proj.weight, ours.k_proj.weight, ours.v_proj.weight]))
        reference.in_proj_bias.copy_(torch.cat([ours.q_proj.bias, ours.k_proj.bias, ours.v_proj.bias]))
        reference.out_proj.weight.copy_(ours.out_proj.weight)
        reference.out_proj.bias.copy_(ours.out_proj.bias)
    x = torch.randn(2, 7, width)
    pad = padding_mask([7, 5], total=7)
    allowed = padding_allowed(pad)
    ref_mask = None
    if causal:
        allowed = allowed & causal_allowed(7, torch.device("cpu"))
        ref_mask = torch.ones(7, 7, dtype=torch.bool).triu(1)
    expected, expected_weights = reference(x, x, x, key_padding_mask=pad == 0, attn_mask=ref_mask,
                                           need_weights=True, average_attn_weights=False)
    for need_weights in (False, True):
        out, weights = ours(x, AttentionMask(allowed=allowed), need_weights=need_weights)
        torch.testing.assert_close(out, expected, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(weights, expected_weights, atol=1e-5, rtol=1e-5)
