"""training.optimizer: LAMB (and Lion) from pytorch-optimizer train, resume exactly, and keep the fine-tuning
strategies' parameter groups (discriminative rates, frozen weights, LoRA)."""

import pytest
import torch
from pytorch_optimizer import Lamb, Lion

from lmstudio_app.engine.finetune.strategies import group_of
from lmstudio_app.engine.runs import load_run, read_run_config
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import Finished, StepMetrics
from tests.engine.finetune.conftest import task_config
from tests.engine.finetune.test_strategies import changed, initial_weights, train
from tests.engine.train.conftest import tiny


def weights(run_dir):
    return {k: v.clone() for k, v in load_run(run_dir).model.state_dict().items()}


def losses(events):
    return {e.step: e.metrics["loss"] for e in events if isinstance(e, StepMetrics)}


@pytest.mark.parametrize("optimizer", ["lamb", "lion"])
def test_a_stopped_and_resumed_run_is_bit_identical_to_an_uninterrupted_one(tmp_path, optimizer):
    config = tiny(f"training.optimizer={optimizer}")
    straight = list(Trainer(config, tmp_path / "straight").events())
    assert straight[-1].reason == "completed"
    trainer = Trainer(tiny(f"training.optimizer={optimizer}"), tmp_path / "split")
    first_half = []
    for event in trainer.events():
        first_half.append(event)
        if isinstance(event, StepMetrics) and event.step == 6:
            trainer.control.stop()
    assert first_half[-1].reason == "stopped" and first_half[-1].step == 6
    assert isinstance(trainer.setup.optimization.optimizer, {"lamb": Lamb, "lion": Lion}[optimizer])
    second_half = list(Trainer(read_run_config(tmp_path / "split"), tmp_path / "split", resume=True).events())
    assert losses(first_half) | losses(second_half) == losses(straight)
    a, b = weights(tmp_path / "straight"), weights(tmp_path / "split")
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_a_lamb_fine_tune_with_discriminative_rates_learns(pretrained_encoder, tmp_path):
    config = task_config(pretrained_encoder, "training.optimizer=lamb", "finetune.layer_lr_decay=0.5",
                         "finetune.task=token-classification", "finetune.dataset=python-token-types",
                         "training.schedule=constant", "training.steps=20")
    trainer = Trainer(config, tmp_path / "run")
    events = list(trainer.events())
    assert isinstance(events[-1], Finished) and events[-1].reason == "completed"
    optimizer = trainer.setup.optimization.optimizer
    assert isinstance(optimizer, Lamb)
    rates = {group["layer"]: group["lr"] for group in optimizer.param_groups}
    assert rates["encoder.0"] == pytest.approx(rates["head"] * 0.25)
    loss = list(losses(events).values())
    assert sum(loss[-5:]) / 5 < 0.9 * sum(loss[:3]) / 3, loss


def test_lamb_leaves_frozen_weights_bit_identical_with_lora(pretrained_encoder, tmp_path):
    """LAMB decays weights apart from the gradient: a frozen weight (no gradient) must still not move."""
    config = task_config(pretrained_encoder, "finetune.strategy=lora", "training.optimizer=lamb")
    before = initial_weights(config, tmp_path)
    trainer, _ = train(config, tmp_path / "run")
    moved = changed(trainer, before)
    expected = {name for name in before
                if group_of(trainer.model, name) == "head" or name.endswith((".lora_a", ".lora_b"))}
    assert moved == expected


def test_a_run_cannot_resume_with_another_optimizer(tmp_path):
    """Its checkpoint holds the old optimizer's state: AdamW's moments are no LAMB state."""
    from lmstudio_app.engine.application.training import TrainingRun
    from lmstudio_app.errors import ConfigError

    assert list(Trainer(tiny("training.steps=2"), tmp_path / "run").events())[-1].reason == "completed"
    with pytest.raises(ConfigError, match="training.optimizer: cannot change when a run is resumed"):
        TrainingRun.resume(tmp_path / "run", overrides=["training.optimizer=lamb", "training.steps=4"])
    TrainingRun.resume(tmp_path / "run", overrides=["training.steps=4"])  # more steps stay allowed
