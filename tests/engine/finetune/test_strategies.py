"""Fine-tuning strategies: what they freeze stays bit-identical, the rest changes, rates are as intended."""

import pytest
import torch

from lmstudio_app.engine.finetune.strategies import group_of
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.model.lora import LoRALinear, merge_lora
from lmstudio_app.engine.runs import load_run
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import Started, StepMetrics

from .conftest import task_config


def train(config, run_dir):
    trainer = Trainer(config, run_dir)
    events = list(trainer.events())
    assert events[-1].reason == "completed", events[-1]
    return trainer, events


def changed(trainer, before):
    after = dict(trainer.model.named_parameters())
    return {name for name, value in before.items() if not torch.equal(value, after[name].detach().cpu())}


def initial_weights(config, tmp_path):
    """The weights a run starts from: build it, stop before the first step."""
    trainer = Trainer(config, tmp_path / "probe")
    for event in trainer.events():
        if isinstance(event, Started):
            weights = {n: p.detach().clone() for n, p in trainer.model.named_parameters()}
            trainer.control.stop()
    return weights


@pytest.mark.parametrize("strategy,extra,expect", [
    ("full", ["finetune.freeze_embeddings=true", "finetune.freeze_layers=1"],
     lambda name, group: group not in ("embeddings", "encoder.0")),
    ("head-only", [], lambda name, group: group == "head"),
    ("bitfit", [], lambda name, group: group == "head" or name.endswith(".bias")),
    ("lora", ["finetune.lora_targets=['q','v','up']"],
     lambda name, group: group == "head" or name.endswith((".lora_a", ".lora_b"))),
])
def test_frozen_parameters_are_bit_identical_and_the_rest_change(pretrained_encoder, tmp_path, strategy, extra,
                                                                  expect):
    config = task_config(pretrained_encoder, f"finetune.strategy={strategy}", *extra)
    before = initial_weights(config, tmp_path)
    trainer, events = train(config, tmp_path / "run")
    moved = changed(trainer, before)
    expected = {name for name in before if expect(name, group_of(trainer.model, name))}
    # lora_b starts at zero and lora_a only moves once lora_b is non-zero: both move within a few steps.
    assert moved == expected, (sorted(moved ^ expected))[:10]
    started = next(e for e in events if isinstance(e, Started))
    assert started.trainable_parameters == sum(before[n].numel() for n in expected)
    assert started.trainable_parameters < started.parameters or strategy == "full"


def test_discriminative_rates_decay_downward_and_are_reported(pretrained_encoder, tmp_path):
    config = task_config(pretrained_encoder, "finetune.layer_lr_decay=0.5", "training.schedule=constant")
    trainer, events = train(config, tmp_path / "run")
    rates = next(e for e in events if isinstance(e, StepMetrics)).group_learning_rates
    peak = config.training.learning_rate
    assert rates["head"] == pytest.approx(peak)
    assert rates["encoder.1"] == pytest.approx(peak * 0.5)
    assert rates["encoder.0"] == pytest.approx(peak * 0.25)
    assert rates["embeddings"] == pytest.approx(peak * 0.125)
    for group in trainer.setup.optimization.optimizer.param_groups:
        assert group["lr"] == pytest.approx(rates[group["layer"]])


def test_gradual_unfreezing_opens_one_group_every_k_steps_from_the_top(pretrained_encoder, tmp_path):
    config = task_config(pretrained_encoder, "finetune.unfreeze_every=2", "training.steps=7")
    _, events = train(config, tmp_path / "run")
    trainable = {e.step: e.trainable for e in events if isinstance(e, StepMetrics)}
    assert trainable[1] == {"embeddings": False, "encoder.0": False, "encoder.1": False, "head": True}
    assert trainable[3] == {"embeddings": False, "encoder.0": False, "encoder.1": True, "head": True}
    assert trainable[5] == {"embeddings": False, "encoder.0": True, "encoder.1": True, "head": True}
    assert all(trainable[7].values())


def test_lora_merged_model_gives_the_same_outputs(pretrained_encoder, tmp_path):
    config = task_config(pretrained_encoder, "finetune.strategy=lora", "finetune.lora_targets=['q','k','v','o','up','down']")
    train(config, tmp_path / "run")
    model = load_run(tmp_path / "run").model
    assert any(isinstance(m, LoRALinear) for m in model.modules())
    assert any(float(m.lora_b.detach().abs().max()) > 0 for m in model.modules() if isinstance(m, LoRALinear))
    ids = torch.randint(5, 300, (3, 20))
    before = model.heads["classifier"](model(ids).hidden)
    merge_lora(model)
    assert not any(isinstance(m, LoRALinear) for m in model.modules())
    torch.testing.assert_close(model.heads["classifier"](model(ids).hidden), before, atol=1e-5, rtol=1e-5)


def test_lora_export_rebuilds_without_adapters(pretrained_encoder, tmp_path):
    from safetensors.torch import load_model

    from lmstudio_app.config import load_config
    from lmstudio_app.engine.application.export import export_run
    from lmstudio_app.engine.build import build_model

    config = task_config(pretrained_encoder, "finetune.strategy=lora")
    train(config, tmp_path / "run")
    out = export_run(tmp_path / "run", tmp_path / "export")
    exported = load_config(out / "config.toml")
    assert exported.finetune.strategy == "full"
    model = build_model(exported)
    load_model(model, str(out / "model.safetensors"))
    reference = load_run(tmp_path / "run").model
    ids = torch.randint(5, 300, (2, 16))
    torch.testing.assert_close(model(ids).hidden, reference(ids).hidden, atol=1e-5, rtol=1e-5)


def test_strategy_that_leaves_nothing_to_train_is_refused(tmp_path):
    from lmstudio_app.config import apply_overrides

    from .conftest import encoder_config

    config = apply_overrides(encoder_config(), [
        "model.family=decoder", "objective.name=clm", "finetune.task=seq2seq", "finetune.dataset=synthetic-copy",
        "finetune.strategy=head-only", "data.synthetic_examples=50"])
    failure = list(Trainer(config, tmp_path / "run").events())[-1]
    assert failure.bad_input and "leaves nothing to train" in failure.message.english()
    assert build_model(config) is not None


def test_a_fine_tune_trains_at_the_context_of_the_run_it_adopts(pretrained_encoder, tmp_path):
    """The experiment asks for 96 positions; the pretrained run has 48, and its positions table is what trains."""
    trainer, _ = train(task_config(pretrained_encoder, "model.max_seq_len=96"), tmp_path / "run")
    assert trainer.setup.seq_len == 48 == trainer.config.model.max_seq_len
