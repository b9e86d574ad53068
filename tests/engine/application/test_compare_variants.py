"""CompareVariants: variants of one experiment trained one after another as ordinary runs, each row its final
numbers, a stop ending the comparison within or between runs; and its twin on the command line."""

import json

import pytest

from lmstudio_app.engine.application.requests import Context, handle
from lmstudio_app.engine.runs import read_run_config
from lmstudio_app.errors import ConfigError
from lmstudio_app.events import Finished, Started, StepMetrics, VariantsCompared
from lmstudio_app.requests import CompareVariants, Variant
from tests.engine.train.conftest import tiny

VARIANTS = (Variant("positions"), Variant("no positions", {"model.position": "none", "training.steps": 6}))


def logged(run_dir, split, key):
    rows = map(json.loads, (run_dir / "metrics.jsonl").read_text().splitlines())
    return [row[key] for row in rows if row["split"] == split and key in row]


def test_each_variant_is_an_ordinary_run_and_its_row_holds_its_final_numbers(tmp_path, isolated_home):
    events = list(handle(CompareVariants(tiny("training.steps=8"), VARIANTS, str(tmp_path / "out")), Context()))
    compared = events[-1]
    assert isinstance(compared, VariantsCompared)
    assert [row.label for row in compared.rows] == ["positions", "no positions"]
    assert [sum(isinstance(e, Started) for e in events), sum(isinstance(e, Finished) for e in events)] == [2, 2]
    with_positions, without = compared.rows
    assert (with_positions.steps, without.steps) == (8, 6)
    assert without.overrides == {"model.position": "none", "training.steps": 6}
    for row, position in ((with_positions, "learned"), (without, "none")):
        run_dir = tmp_path / "out" / row.run_dir.rsplit("/", 1)[-1]
        assert row.run_dir == str(run_dir) and row.reason == "completed"
        config = read_run_config(run_dir)
        assert config.model.position == position and config.name == f"tiny · {row.label}"
        assert row.train_loss == logged(run_dir, "train", "loss")[-1]  # the last rows metrics.jsonl logged
        assert row.validation["loss"] == logged(run_dir, "validation", "loss")[-1]
        assert row.validation["accuracy"] == logged(run_dir, "validation", "accuracy")[-1]
    assert with_positions.validation != without.validation


def test_a_stop_ends_the_run_in_progress_and_starts_no_other(tmp_path, isolated_home):
    context = Context()
    events = []
    for event in handle(CompareVariants(tiny(), VARIANTS, str(tmp_path / "out")), context):
        events.append(event)
        if isinstance(event, StepMetrics) and event.step == 3:
            context.control.stop()
    compared = events[-1]
    assert [(row.label, row.steps, row.reason) for row in compared.rows] == [("positions", 3, "stopped")]
    assert sum(isinstance(e, Started) for e in events) == 1
    assert not (tmp_path / "out" / "no-positions").exists()


def test_a_wrong_override_in_any_variant_is_refused_before_the_first_run(tmp_path, isolated_home):
    variants = (Variant("fine"), Variant("typo", {"model.positon": "none"}))
    with pytest.raises(ConfigError, match="positon"):
        list(handle(CompareVariants(tiny(), variants, str(tmp_path / "out")), Context()))
    assert not (tmp_path / "out").exists()


def test_compare_variants_on_the_command_line_prints_a_row_per_variant(tmp_path, isolated_home, capsys):
    from lmstudio_app.cli import main

    settings = ["name=tiny", "data.corpus=python-docs", "tokenizer.kind=char", "tokenizer.vocab_size=128",
                "model.d_model=32", "model.n_heads=2", "model.n_layers=2", "model.max_seq_len=32",
                "training.steps=4", "training.batch_size=8", "training.log_every=1", "training.eval_every=4",
                "training.eval_batches=2", "training.probe_every=0", "training.checkpoint_every=0",
                "training.warmup_steps=2"]
    code = main(["compare-variants", "gpt-nano", *[f"--set={s}" for s in settings], "--out", str(tmp_path / "out"),
                 "--variant", "AdamW", "--variant", "LAMB, no residuals:training.optimizer=lamb,model.residual=false"])
    assert code == 0
    printed = capsys.readouterr().out.splitlines()
    header = printed.index(next(line for line in printed if line.startswith("variant")))
    assert printed[header].split()[:4] == ["variant", "steps", "train", "loss"]
    assert printed[header + 1].startswith("AdamW") and printed[header + 2].startswith("LAMB, no residuals")
    config = read_run_config(tmp_path / "out" / "LAMB-no-residuals")
    assert (config.training.optimizer, config.model.residual) == ("lamb", False)
    assert read_run_config(tmp_path / "out" / "AdamW").training.optimizer == "adamw"
