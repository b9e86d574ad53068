"""The model family: exact parameter counts, causality, every preset runs, tiny models overfit."""

import pytest
import torch
import torch.nn.functional as F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lmstudio_app.config import ExperimentConfig, from_dict, load_preset, preset_names
from lmstudio_app.config.model_stats import parameter_count
from lmstudio_app.config.registry import objectives_for
from lmstudio_app.config.schema import ACTIVATIONS, FAMILIES, NORM_POSITIONS, NORMS, POSITIONS
from lmstudio_app.engine.build import build_model


def n_params(model):
    return sum(p.numel() for p in model.parameters())


def small(**model):
    family = model.get("family", "decoder")
    raw = {"model": {"d_model": 32, "n_heads": 4, "n_layers": 2, "max_seq_len": 32, "embedding_dropout": 0.0,
                     "attention_dropout": 0.0, "residual_dropout": 0.0, **model},
           "tokenizer": {"vocab_size": 50},
           "objective": {"name": objectives_for(family)[0] if family != "encoder" else "mlm"}}
    if model.get("n_segments", 0) >= 2 and family == "encoder":
        raw["objective"]["next_sentence_prediction"] = True
    return from_dict(raw)


def run(model, ids, mask=None):
    if model.family == "encoder-decoder":
        return model(ids, mask, decoder_input_ids=ids)
    return model(ids, mask)


@pytest.mark.parametrize("name", preset_names())
def test_preset_counts_are_exact_and_forward_backward_runs(name):
    config = load_preset(name)
    model = build_model(config)
    assert n_params(model) == parameter_count(config)
    ids = torch.randint(0, model.token_embedding.num_embeddings, (2, 12))
    out = run(model, ids, torch.ones_like(ids))
    head = next(iter(model.heads.values()))
    loss = head(out.hidden).float().logsumexp(-1).mean()
    loss.backward()
    assert all(p.grad is not None for n, p in model.named_parameters() if "heads.nsp" not in n)


model_configs = st.fixed_dictionaries({
    "family": st.sampled_from(FAMILIES),
    "d_model": st.sampled_from([8, 16, 24, 32]),
    "n_heads": st.sampled_from([1, 2, 4]),
    "n_layers": st.integers(1, 3),
    "d_ff": st.sampled_from([0, 12, 40]),
    "activation": st.sampled_from(ACTIVATIONS),
    "norm": st.sampled_from(NORMS),
    "norm_position": st.sampled_from(NORM_POSITIONS),
    "position": st.sampled_from(POSITIONS),
    "bias": st.booleans(),
    "tie_embeddings": st.booleans(),
    "n_segments": st.sampled_from([0, 2, 3]),
    "max_seq_len": st.integers(8, 40),
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model_configs, st.integers(0, 3), st.integers(10, 300), st.booleans(), st.booleans())
def test_parameter_count_is_exact_for_random_valid_configs(model, decoder_layers, vocab, nsp, permuted):
    if model["family"] == "encoder-decoder":
        model["n_decoder_layers"] = decoder_layers
    objective = {"name": objectives_for(model["family"])[0] if model["family"] != "encoder" else "mlm"}
    if permuted and model["family"] == "decoder":
        objective["name"] = "plm"  # its query stream's start vector counts too
    if nsp and model["family"] == "encoder" and model["n_segments"] >= 2:
        objective["next_sentence_prediction"] = True
    config = from_dict({"model": model, "tokenizer": {"vocab_size": max(vocab, 16)}, "objective": objective})
    built = build_model(config)
    assert n_params(built) == parameter_count(config)
    ids = torch.randint(0, config.tokenizer.vocab_size, (2, config.model.max_seq_len))
    assert run(built.eval(), ids).hidden.shape == (2, config.model.max_seq_len, config.model.d_model)


@pytest.mark.parametrize("position", POSITIONS)
def test_future_tokens_never_change_earlier_decoder_outputs(position):
    torch.manual_seed(0)
    model = build_model(small(position=position)).eval()
    ids = torch.randint(0, 50, (2, 16))
    perturbed = ids.clone()
    perturbed[:, 9:] = torch.randint(0, 50, (2, 7))
    for need_weights in (False, True):
        before = model(ids, need_weights=need_weights).hidden
        after = model(perturbed, need_weights=need_weights).hidden
        torch.testing.assert_close(before[:, :9], after[:, :9], atol=1e-6, rtol=0)
        assert not torch.allclose(before[:, 9:], after[:, 9:])


def test_encoder_is_bidirectional_and_prefix_lm_sees_its_prefix():
    torch.manual_seed(0)
    encoder = build_model(small(family="encoder")).eval()
    ids = torch.randint(0, 50, (1, 10))
    changed = ids.clone()
    changed[0, -1] = (ids[0, -1] + 1) % 50
    assert not torch.allclose(encoder(ids).hidden[:, 0], encoder(changed).hidden[:, 0])
    decoder = build_model(small()).eval()
    changed = ids.clone()
    changed[0, 3] = (ids[0, 3] + 1) % 50
    prefix = torch.tensor([5])
    a = decoder(ids, prefix_lengths=prefix).hidden
    b = decoder(changed, prefix_lengths=prefix).hidden
    assert not torch.allclose(a[:, 1], b[:, 1])  # position 1 sees position 3 inside the prefix


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("position", POSITIONS)
def test_fused_and_weights_paths_agree_in_whole_models(family, position):
    torch.manual_seed(0)
    model = build_model(small(family=family, position=position, n_segments=2)).eval()
    ids = torch.randint(0, 50, (2, 12))
    mask = torch.ones_like(ids)
    mask[1, 8:] = 0
    fused = run(model, ids, mask)
    if family == "encoder-decoder":
        explicit = model(ids, mask, decoder_input_ids=ids, need_weights=True)
    else:
        explicit = model(ids, mask, need_weights=True)
    torch.testing.assert_close(explicit.hidden, fused.hidden, atol=1e-5, rtol=1e-5)
    expected_kinds = {"encoder": {"encoder"}, "decoder": {"decoder"},
                      "encoder-decoder": {"encoder", "decoder", "cross"}}[family]
    assert set(explicit.attentions) == expected_kinds
    for layers in explicit.attentions.values():
        assert len(layers) == 2 and layers[0].shape[:2] == (2, 4)


def overfit(config: ExperimentConfig, steps: int = 300) -> tuple[float, float]:
    """Train on one fixed batch; return the first and the last loss."""
    torch.manual_seed(0)
    model = build_model(config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    source = torch.randint(4, 50, (4, 16))
    target = source.flip(1)
    losses = []
    for _ in range(steps):
        if model.family == "decoder":
            out = model(source[:, :-1])
            logits, labels = model.heads["lm"](out.hidden), source[:, 1:]
        elif model.family == "encoder":
            masked = source.clone()
            masked[:, ::3] = 3
            logits, labels = model.heads["mlm"](model(masked).hidden), source
        else:
            decoder_in = torch.cat([torch.full((4, 1), 1), target[:, :-1]], dim=1)
            logits, labels = model.heads["lm"](model(source, decoder_input_ids=decoder_in).hidden), target
        loss = F.cross_entropy(logits.flatten(0, 1), labels.flatten())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses[0], losses[-1]


@pytest.mark.slow
@pytest.mark.parametrize("family,extra", [
    ("decoder", {"position": "rotary", "activation": "swiglu", "norm": "rmsnorm"}),
    ("decoder", {"position": "learned"}),
    ("encoder", {"norm_position": "post", "position": "sinusoidal"}),
    ("encoder-decoder", {"position": "alibi", "activation": "geglu"}),
])
def test_tiny_model_overfits_one_batch(family, extra):
    first, last = overfit(small(family=family, **extra))
    assert last < 0.1 * first, (first, last)
