"""ELECTRA: a tiny discriminator learns to tell replaced tokens, its loss's parts are logged, and it exports as a
BERT encoder that transformers loads and that computes our hidden states; a fine-tune starts from it as from a
masked LM. (The registry walk, tests/engine/objectives/test_objective_plugins.py, covers the rest.)"""

import pytest
import torch

from lmstudio_app.config import apply_overrides
from lmstudio_app.engine.application.export import export_run
from lmstudio_app.engine.application.training import train
from lmstudio_app.engine.runs import load_run
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import EvalMetrics, Finished, StepMetrics

from ..train.conftest import tiny

ELECTRA = ("model.family=encoder", "objective.name=electra", "model.n_layers=1")


def test_a_tiny_discriminator_beats_calling_every_token_original(tmp_path):
    config = tiny(*ELECTRA, "training.steps=200", "training.eval_every=200", "training.log_every=25",
                  "training.eval_batches=4", "training.warmup_steps=20", "model.embedding_dropout=0",
                  "model.attention_dropout=0", "model.residual_dropout=0")
    events = list(Trainer(config, tmp_path / "run").events())
    assert isinstance(events[-1], Finished) and events[-1].reason == "completed"
    logged = [e.metrics for e in events if isinstance(e, StepMetrics)]
    for metrics in logged:  # the loss is its two parts: the generator's, and λ = 50 times the discriminator's
        assert metrics["loss"] == pytest.approx(metrics["generator_loss"] + 50 * metrics["discriminator_loss"],
                                                rel=1e-4)
    final = [e for e in events if isinstance(e, EvalMetrics)][-1].metrics
    assert final["original_share"] < 1  # the generator replaced tokens the discriminator had to find
    assert final["accuracy"] > final["original_share"], final  # it found some: better than "all original"


@pytest.fixture(scope="module")
def pretrained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("electra")
    config = apply_overrides(tiny(*ELECTRA), ["tokenizer.kind=wordpiece", "tokenizer.vocab_size=400",
                                              "model.norm_position=post", "model.n_segments=2",
                                              "training.steps=20", "training.eval_every=0"])
    assert train(config, folder / "run").reason == "completed"
    return folder


@torch.no_grad()
def test_the_discriminator_exports_as_a_bert_encoder_with_our_hidden_states(pretrained):
    transformers = pytest.importorskip("transformers")  # the test extra, installed by the README's commands
    export_run(pretrained / "run", pretrained / "hf", format="transformers")
    theirs = transformers.BertModel.from_pretrained(pretrained / "hf", add_pooling_layer=False).eval()
    ours = load_run(pretrained / "run")
    ids = torch.tensor([ours.tokenizer.encode("def add(a, b): return a + b  # the sum")[:24]] * 2)
    mask = torch.ones_like(ids)
    mask[1, -5:] = 0  # padding in the second sequence
    expected = ours.model.eval()(ids, mask).hidden
    difference = (theirs(ids, attention_mask=mask).last_hidden_state - expected)[mask.bool()].abs().max().item()
    assert difference <= 1e-4, difference


def test_the_export_names_no_head_it_lacks_and_imports_back(pretrained, tmp_path):
    """The discriminator has no masked-LM head: a config.json naming BertForMaskedLM made transformers fill masks
    with a head it initialised at random (where the app refuses), and our own import refused the folder."""
    import json

    from lmstudio_app.engine.application.transformers_import import import_transformers

    export_run(pretrained / "run", tmp_path / "hf", format="transformers")
    assert json.loads((tmp_path / "hf" / "config.json").read_text())["architectures"] == ["BertModel"]
    imported = load_run(import_transformers(tmp_path / "hf", tmp_path / "imported").run_dir)
    assert imported.config.model.family == "encoder" and imported.config.objective.name == "electra"


def test_a_fine_tune_starts_from_the_discriminator_and_leaves_the_generator(pretrained, tmp_path):
    from lmstudio_app.engine.finetune.setup import load_pretrained
    from lmstudio_app.engine.build import build_model

    config = tiny("model.family=encoder", "finetune.task=sequence-classification",
                  "finetune.dataset=docstring-family", f"finetune.from_run={pretrained / 'run'}")
    config.model = load_run(pretrained / "run").config.model
    config.finetune.labels = ["a", "b"]
    report = load_pretrained(build_model(config), config)
    assert any(name.startswith("encoder.layers.0.") for name in report.loaded)
    assert "token_embedding.weight" in report.loaded
    assert report.dropped and all(name.startswith("heads.") for name in report.dropped)
    assert any(name.startswith("heads.generator.") for name in report.dropped)
