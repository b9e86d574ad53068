"""The product's claim, small: a briefly pretrained encoder fine-tunes better than the same one from scratch."""

import pytest

from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.engine.application.compare import compare_init, comparison_table
from lmstudio_app.engine.train.loop import Trainer

SMALL = ["model.d_model=64", "model.n_heads=4", "model.n_layers=2", "model.max_seq_len=64",
         "tokenizer.vocab_size=1000", "training.batch_size=32", "training.probe_every=0",
         "training.checkpoint_every=0", "training.log_every=50"]


@pytest.mark.slow
def test_pretrained_encoder_beats_scratch_on_docstring_family(tmp_path):
    pretraining = apply_overrides(load_preset("bert-mini"), SMALL + [
        "objective.next_sentence_prediction=false", "training.steps=400", "training.eval_every=0",
        "training.learning_rate=2e-3", "training.warmup_steps=40"])
    assert list(Trainer(pretraining, tmp_path / "pretrained").events())[-1].reason == "completed"
    task = apply_overrides(load_preset("bert-mini-docstring-family"), SMALL + [
        "training.steps=150", "training.eval_every=150", "training.eval_batches=20", "training.learning_rate=1e-3",
        "training.warmup_steps=15"])
    results = compare_init(task, tmp_path / "pretrained", tmp_path / "compare")
    print(comparison_table(results, ["loss", "accuracy"]))
    pretrained, scratch = (r.final["accuracy"] for r in results)
    assert [r.label for r in results] == ["pretrained", "scratch"]
    assert pretrained > scratch + 0.1, (pretrained, scratch)  # measured here: 0.49 against 0.24


def test_twins_that_differ_in_more_than_their_start_are_named():
    from lmstudio_app.config import ExperimentConfig
    from lmstudio_app.engine.application.compare import twin_differences

    pretrained, scratch = ExperimentConfig(), ExperimentConfig()
    pretrained.finetune.from_run, pretrained.name = "/runs/bert", "family · pretrained"
    assert twin_differences([pretrained, scratch]) == ""
    scratch.model.max_seq_len = 64
    pretrained.model.max_seq_len = 128
    assert twin_differences([pretrained, scratch]) == "model.max_seq_len = 128 vs 64"
