import pytest

from lmstudio_app.config import ExperimentConfig, apply_overrides
from lmstudio_app.engine.train.trainer import Trainer

SMALL = ["model.d_model=32", "model.n_heads=2", "model.n_layers=2", "model.max_seq_len=48",
         "tokenizer.vocab_size=400", "training.batch_size=8", "training.log_every=1", "training.eval_every=0",
         "training.probe_every=0", "training.checkpoint_every=0", "training.warmup_steps=0",
         "training.learning_rate=1e-2", "model.embedding_dropout=0.0", "model.attention_dropout=0.0",
         "model.residual_dropout=0.0"]


def encoder_config(*extra: str) -> ExperimentConfig:
    return apply_overrides(ExperimentConfig(), [
        "model.family=encoder", "objective.name=mlm", "tokenizer.kind=wordpiece", "data.corpus=python-docs",
        "training.steps=6", *SMALL, *extra])


@pytest.fixture(scope="session")
def pretrained_encoder(tmp_path_factory):
    """A tiny MLM encoder trained for a few steps: a real checkpoint to fine-tune from."""
    run_dir = tmp_path_factory.mktemp("pretrained") / "run"
    events = list(Trainer(encoder_config(), run_dir).events())
    assert events[-1].reason == "completed"
    return run_dir


def task_config(pretrained, *extra: str) -> ExperimentConfig:
    return apply_overrides(encoder_config(), [
        "finetune.task=sequence-classification", "finetune.dataset=docstring-family",
        f"finetune.from_run={pretrained}", "finetune.max_examples=300", "training.steps=5", *extra])
