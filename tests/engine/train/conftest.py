from lmstudio_app.config import ExperimentConfig, apply_overrides
from lmstudio_app.errors import ConfigError


def tiny(*overrides: str) -> ExperimentConfig:
    """A decoder small enough to train a few dozen steps in about a second."""
    return apply_overrides(ExperimentConfig(), [
        "name=tiny", "data.corpus=python-docs", "tokenizer.kind=char", "tokenizer.vocab_size=128",
        "model.d_model=32", "model.n_heads=2", "model.n_layers=2", "model.max_seq_len=32",
        "model.embedding_dropout=0.1", "model.attention_dropout=0.1", "model.residual_dropout=0.1",
        "training.steps=12", "training.batch_size=8", "training.log_every=1", "training.eval_every=6",
        "training.eval_batches=2", "training.probe_every=0", "training.checkpoint_every=0",
        "training.warmup_steps=2", "training.learning_rate=3e-3", *overrides])


def tiny_problems(*overrides: str) -> list:
    """The validator's problems with ``tiny()`` and these overrides (none: an empty list)."""
    try:
        apply_overrides(tiny(), list(overrides))
    except ConfigError as error:
        return error.problems
    return []
