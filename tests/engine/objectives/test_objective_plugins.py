"""Every registered objective, walked: the validator offers it for exactly the families its descriptor declares,
the built model has the parameters model_stats counts, it previews, trains 20 steps, resumes bit-exactly, probes
and, where its descriptor says so, generates. A new objective (config/objectives.py and engine/objectives/) joins
these tests without an edit here; the window's side is tests/gui/test_objective_plugins.py."""

import ast
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from lmstudio_app.config import messages as say
from lmstudio_app.config.model_stats import parameter_count
from lmstudio_app.config.objectives import SPECS
from lmstudio_app.config.registry import FAMILIES, objectives_for
from lmstudio_app.engine.application.data import objective_preview
from lmstudio_app.engine.generate import generate_ids
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.objectives import ENGINES
from lmstudio_app.engine.probe import probe_attention
from lmstudio_app.engine.runs import load_run, read_run_config
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import Finished, StepMetrics

from ..train.conftest import tiny, tiny_problems as problems

ROOT = Path(__file__).resolve().parents[3]
# Where an objective may be named besides its descriptor and its engine module: the presets and lessons (their
# experiments name the objective they train with) and the resources.
NAMING_PLACES = ("lmstudio_app/config/objectives.py", "lmstudio_app/config/presets.py",
                 "lmstudio_app/config/lessons.py", "lmstudio_app/resources/")
ENGINE_MODULES = {Path(sys.modules[engine.__module__].__file__).relative_to(ROOT).as_posix()
                  for engine in ENGINES.values()}


def settings(name: str, *more: str) -> tuple[str, ...]:
    return (f"model.family={SPECS[name].families[0]}", f"objective.name={name}", "model.n_layers=1", *more)


def test_each_described_objective_has_an_engine_side_and_no_other():
    assert sorted(ENGINES) == sorted(SPECS)
    assert all(engine.spec is SPECS[name] for name, engine in ENGINES.items())


@pytest.mark.parametrize("name", SPECS)
@pytest.mark.parametrize("family", FAMILIES)
def test_the_validator_offers_an_objective_for_exactly_the_families_it_declares(name, family):
    found = problems(f"model.family={family}", f"objective.name={name}")
    refused = [p for p in found if p.field == "objective.name" and p.message.template == say.OBJECTIVE_FITS]
    fits = family in SPECS[name].families
    assert not refused if fits else refused
    assert (name in objectives_for(family)) == fits


@pytest.mark.parametrize("name", SPECS)
def test_the_built_model_has_the_parameters_model_stats_counts(name):
    config = tiny(*settings(name))
    assert sum(p.numel() for p in build_model(config).parameters()) == parameter_count(config)


@pytest.mark.parametrize("name", SPECS)
def test_an_objective_previews_an_example_and_draws_its_mask(name):
    preview = objective_preview(tiny(*settings(name)), seed=1)
    shown = preview.inspection
    assert shown.objective.startswith(name) and "model input:" in shown.render()
    assert any(token.tag not in ("", "plain") for token in shown.inputs + shown.targets)  # it marks what it did
    assert any(name in picture.objectives for picture in preview.gallery)


def losses(events):
    return {e.step: e.metrics["loss"] for e in events if isinstance(e, StepMetrics)}


@pytest.fixture(scope="module", params=list(SPECS))
def trained(request, tmp_path_factory):
    """(name, straight run, the events of a run stopped at step 10, those of its resumption, its folder)."""
    name = request.param
    folder = tmp_path_factory.mktemp(name)
    run = settings(name, "model.d_model=16", "training.batch_size=4", "training.eval_batches=1", "training.steps=20",
                   "training.eval_every=10")
    straight = list(Trainer(tiny(*run), folder / "straight").events())
    split = Trainer(tiny(*run), folder / "split")
    first_half = []
    for event in split.events():
        first_half.append(event)
        if isinstance(event, StepMetrics) and event.step == 10:
            split.control.stop()
    second_half = list(Trainer(read_run_config(folder / "split"), folder / "split", resume=True).events())
    return name, straight, first_half, second_half, folder


def test_an_objective_trains_20_steps_and_resumes_bit_exactly(trained):
    _, straight, first_half, second_half, folder = trained
    assert isinstance(straight[-1], Finished) and straight[-1].reason == "completed"
    assert first_half[-1].reason == "stopped" and first_half[-1].step == 10
    assert losses(first_half) | losses(second_half) == losses(straight)
    a, b = (load_run(folder / run).model.state_dict() for run in ("straight", "split"))
    assert a.keys() == b.keys() and all(torch.equal(a[key], b[key]) for key in a)


def test_a_trained_objective_probes_and_generates_where_it_says_so(trained):
    name, *_, folder = trained
    run = load_run(folder / "straight")
    snapshot = probe_attention(run.model, run.tokenizer, "def add(a, b): return a + b", 32, step=20)
    assert snapshot.tokens and snapshot.attention
    assert all(np.isfinite(weights).all() for layers in snapshot.attention.values() for weights in layers)
    if SPECS[name].generates:
        produced = list(generate_ids(run.model, run.tokenizer, run.tokenizer.encode("def "), max_new_tokens=5,
                                     temperature=0.0))
        assert 1 <= len(produced) <= 5


def test_no_module_outside_an_objectives_own_names_it():
    """The builder, stats, validator, forms, inspector, gallery and transformers tables ask the registry; a
    string equal to an objective's name elsewhere is a branch on it."""
    named = []
    for path in sorted((ROOT / "lmstudio_app").rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        if where.startswith(NAMING_PLACES) or where in ENGINE_MODULES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in SPECS:
                named.append(f"{where}:{node.lineno}: {node.value!r}")
    assert not named, named
