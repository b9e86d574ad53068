"""Per-layer training signals: the numbers are the norms they claim to be, they arrive every N steps, and they
show what normalisation and residual connections do to the gradients of a deep stack."""

import json

import numpy as np
import pytest
import torch

from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.engine.application.training import TrainingRun
from lmstudio_app.engine.finetune.strategies import group_of
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.train.layer_stats import LayerStats, attention_entropy
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import AttentionSnapshot, Finished, StepMetrics
from tests.engine.train.conftest import tiny



def backpropagated_model():
    """A tiny untied decoder after one backward pass on random tokens (seeded)."""
    torch.manual_seed(0)
    model = build_model(tiny("model.tie_embeddings=false"))
    ids = torch.randint(0, 100, (4, 16))
    logits = model.heads["lm"](model(ids).hidden)
    torch.nn.functional.cross_entropy(logits.flatten(0, 1), ids.roll(-1, 1).flatten()).backward()
    return model

def test_gradient_norms_and_update_ratios_are_what_they_claim(tmp_path):
    model = backpropagated_model()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2)
    stats = LayerStats(model, optimizer)
    groups: dict[str, list[str]] = {}
    for name, _ in model.named_parameters():
        groups.setdefault(group_of(model, name), []).append(name)
    assert set(groups) == {"embeddings", "decoder.0", "decoder.1", "head"}
    parameters = dict(model.named_parameters())
    before = {name: p.detach().clone() for name, p in parameters.items()}
    measured = stats.before_update()
    for group, names in groups.items():
        expected = torch.nn.utils.get_total_norm([parameters[n].grad for n in names])
        assert measured[f"grad_norm/{group}"] == pytest.approx(float(expected), rel=1e-6)
        expected = torch.nn.utils.get_total_norm([before[n] for n in names])
        assert measured[f"param_norm/{group}"] == pytest.approx(float(expected), rel=1e-6)
    optimizer.step()
    ratios = stats.after_update()
    for group, names in groups.items():
        change = torch.sqrt(sum(((parameters[n].detach() - before[n]) ** 2).sum() for n in names))
        size = torch.sqrt(sum((before[n] ** 2).sum() for n in names))
        assert ratios[f"update_ratio/{group}"] == pytest.approx(float(change / size), rel=1e-5)
        assert ratios[f"update_ratio/{group}"] > 0


def test_the_trust_ratio_is_the_weights_norm_over_adams_step_computed_by_hand():
    """After one AdamW step the moments are m = (1−β₁)g and v = (1−β₂)g², so the bias-corrected step per unit of
    learning rate is g / (|g| + ε) + λθ: LAMB's trust ratio is ‖θ‖ over its norm, per layer group. The groups
    learn at different rates (discriminative fine-tuning): the ratio must not depend on them."""
    model = backpropagated_model()
    names: dict[str, list[str]] = {}
    for name, _ in model.named_parameters():
        names.setdefault(group_of(model, name), []).append(name)
    parameters = dict(model.named_parameters())
    rates = {"embeddings": 1e-3, "decoder.0": 2e-3, "decoder.1": 4e-3, "head": 8e-3}
    decay, eps = 0.1, 1e-8
    optimizer = torch.optim.AdamW([{"params": [parameters[n] for n in names[group]], "lr": rates[group]}
                                   for group in names], weight_decay=decay, eps=eps)
    stats = LayerStats(model, optimizer)
    by_hand = {}
    for group, members in names.items():
        weights = torch.cat([parameters[n].detach().flatten() for n in members])
        gradients = torch.cat([parameters[n].grad.flatten() for n in members])
        step = gradients / (gradients.abs() + eps) + decay * weights
        by_hand[group] = float(weights.norm() / step.norm())
    stats.before_update()
    optimizer.step()
    measured = stats.after_update()
    for group, expected in by_hand.items():
        assert measured[f"trust_ratio/{group}"] == pytest.approx(expected, rel=1e-4)
    assert len(set(round(value, 3) for value in by_hand.values())) == len(by_hand)  # four different numbers


def test_attention_entropy_is_zero_for_one_hot_rows_and_log_t_for_uniform_ones():
    uniform = np.full((2, 4, 4), 0.25, dtype=np.float32)
    one_hot = np.tile(np.eye(4, dtype=np.float32), (2, 1, 1))
    snapshot = AttentionSnapshot(step=1, tokens=("a",) * 4, target_tokens=(),
                                 attention={"decoder": (one_hot, uniform)}, seconds=0.0)
    entropy = attention_entropy(snapshot)
    assert entropy["attention_entropy/decoder.0"] == pytest.approx(0.0, abs=1e-6)
    assert entropy["attention_entropy/decoder.1"] == pytest.approx(np.log(4), rel=1e-6)


def test_the_loop_reports_them_every_n_steps_into_metrics_jsonl(tmp_path):
    run = TrainingRun(tiny("training.layer_stats_every=4", "training.log_every=2"), tmp_path / "run")
    events = list(run.events())
    reported = {e.step: e.layers for e in events if isinstance(e, StepMetrics)}
    assert [step for step, layers in reported.items() if layers] == [4, 8, 12]
    assert set(reported[4]) == {f"{signal}/{group}"
                                for signal in ("grad_norm", "param_norm", "update_ratio", "trust_ratio")
                                for group in ("embeddings", "decoder.0", "decoder.1")} | {
        "attention_entropy/decoder.0", "attention_entropy/decoder.1"}
    rows = [json.loads(line) for line in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()]
    assert [row["step"] for row in rows if "grad_norm/decoder.0" in row] == [4, 8, 12]
    finished = events[-1]
    assert isinstance(finished, Finished) and 0 < finished.layer_stats_seconds < finished.elapsed


def deep(*extra: str):
    return apply_overrides(load_preset("gpt-nano"), [
        "model.n_layers=12", "model.d_model=32", "model.n_heads=2", "training.steps=10", "training.log_every=10",
        "training.eval_every=0", "training.probe_every=0", "training.checkpoint_every=0",
        "training.layer_stats_every=10", *extra])


def gradient_norms(config, run_dir) -> list[float]:
    """Gradient norm of decoder layers 1…12 at step 10, bottom first."""
    layers = [e.layers for e in Trainer(config, run_dir).events() if isinstance(e, StepMetrics) and e.layers][-1]
    return [layers[f"grad_norm/decoder.{i}"] for i in range(12)]


def test_without_norms_and_residuals_the_bottom_of_a_deep_stack_gets_no_gradient(tmp_path):
    plain = gradient_norms(deep("model.norm_position=none", "model.residual=false"), tmp_path / "plain")
    assert plain[0] < 1e-6 * plain[-1]  # vanished: orders of magnitude below the top layer's
    assert all(lower < upper for lower, upper in zip(plain, plain[1:]))  # shrinking layer by layer downwards
    residual = gradient_norms(deep("model.norm_position=pre"), tmp_path / "residual")
    assert max(residual) < 10 * min(residual)  # pre-norm with residuals: every layer within one order
