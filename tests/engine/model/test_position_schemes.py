"""Every registered position scheme, walked: the validator offers it for the families it declares, the model it
builds counts what model_stats counts, trains, resumes bit-exactly and shows its positions. A new scheme
(config/positions.py and engine/model/positions/) joins these tests without an edit here."""

import ast
import dataclasses
from pathlib import Path

import numpy as np
import pytest
import torch

from lmstudio_app.config import messages as say
from lmstudio_app.config.model_stats import parameter_count
from lmstudio_app.config.positions import SCHEMES, positions_for
from lmstudio_app.config.registry import FAMILIES, objectives_for
from lmstudio_app.config.schema import SECTIONS
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.model.positions import ENGINES
from lmstudio_app.engine.probe import position_views
from lmstudio_app.engine.runs import load_run, read_run_config
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import Finished, StepMetrics

from ..train.conftest import tiny, tiny_problems as problems

ROOT = Path(__file__).resolve().parents[3]
# Where a scheme may be named: its descriptor, its engine module, the presets (their files are TOML).
NAMING_PLACES = ("lmstudio_app/config/positions.py", "lmstudio_app/engine/model/positions/")


def test_each_described_scheme_has_an_engine_side_and_no_other():
    assert sorted(ENGINES) == sorted(SCHEMES)
    assert all(engine.scheme is SCHEMES[name] for name, engine in ENGINES.items())


@pytest.mark.parametrize("name", SCHEMES)
@pytest.mark.parametrize("family", FAMILIES)
def test_the_validator_offers_a_scheme_for_exactly_the_families_it_declares(name, family):
    found = problems(f"model.family={family}", f"objective.name={objectives_for(family)[0]}",
                     f"model.position={name}")
    refused = [p for p in found if p.field == "model.position" and p.message.template == say.POSITION_FITS]
    fits = family in SCHEMES[name].families
    assert not refused if fits else refused
    assert (name in positions_for(family)) == fits


@pytest.mark.parametrize("name", SCHEMES)
def test_the_built_model_has_the_parameters_model_stats_counts(name):
    config = tiny(f"model.position={name}", f"model.family={SCHEMES[name].families[0]}",
                  f"objective.name={objectives_for(SCHEMES[name].families[0])[0]}")
    model = build_model(config)
    assert sum(p.numel() for p in model.parameters()) == parameter_count(config)


def losses(events):
    return {e.step: e.metrics["loss"] for e in events if isinstance(e, StepMetrics)}


@pytest.mark.parametrize("name", SCHEMES)
def test_a_scheme_trains_20_steps_resumes_bit_exactly_and_shows_its_positions(tmp_path, name):
    family = SCHEMES[name].families[0]
    settings = (f"model.position={name}", f"model.family={family}", f"objective.name={objectives_for(family)[0]}",
                "training.steps=20", "training.eval_every=10")
    straight = list(Trainer(tiny(*settings), tmp_path / "straight").events())
    assert isinstance(straight[-1], Finished) and straight[-1].reason == "completed"
    split = Trainer(tiny(*settings), tmp_path / "split")
    first_half = []
    for event in split.events():
        first_half.append(event)
        if isinstance(event, StepMetrics) and event.step == 10:
            split.control.stop()
    assert first_half[-1].reason == "stopped" and first_half[-1].step == 10
    second_half = list(Trainer(read_run_config(tmp_path / "split"), tmp_path / "split", resume=True).events())
    assert losses(first_half) | losses(second_half) == losses(straight)
    a, b = (load_run(tmp_path / run).model.state_dict() for run in ("straight", "split"))
    assert a.keys() == b.keys() and all(torch.equal(a[key], b[key]) for key in a)

    loaded = load_run(tmp_path / "split")
    views = position_views(loaded.model, name, 20)
    length = loaded.config.model.max_seq_len
    assert views.scheme == name and views.similarity.shape == (length, length)
    assert np.isfinite(views.similarity).all()
    engine, m = ENGINES[name], loaded.config.model
    adds = any(part is not None for part in (engine.input_table(m), engine.rotation(m), engine.score_bias(m, True)))
    assert any(part is not None for part in (views.table, views.frequencies, views.bias)) == adds


def other_settings_choices() -> set[str]:
    """The values other settings choose from: "none" is also a norm position, an approximation, a normalization."""
    return {str(choice) for section in SECTIONS.values() for field in dataclasses.fields(section)
            if field.name != "position" for choice in field.metadata.get("choices", ())}


def names_the_position(node: ast.AST) -> bool:
    """``m.position``, ``position`` or ``scheme``: what holds a position scheme's name."""
    return (isinstance(node, ast.Attribute) and node.attr == "position"
            or isinstance(node, ast.Name) and node.id in ("position", "scheme"))


def test_no_module_outside_a_schemes_own_names_it():
    """The builder, attention, validator, stats, views and transformers tables ask the registry; a string equal to
    a scheme's name elsewhere is a branch on it. A name that is also another setting's choice (such as "none")
    is a branch on the scheme where it is compared with something named for positions."""
    shared = set(SCHEMES) & other_settings_choices()
    named = []
    for path in sorted((ROOT / "lmstudio_app").rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        if where.startswith(NAMING_PLACES):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in SCHEMES and node.value not in shared:
                named.append(f"{where}:{node.lineno}: {node.value!r}")
            parts = (node.left, *node.comparators) if isinstance(node, ast.Compare) else ()
            if any(names_the_position(part) for part in parts):
                named += [f"{where}:{node.lineno}: {part.value!r}" for part in parts
                          if isinstance(part, ast.Constant) and part.value in shared]
    assert not named, named
