"""The session model and the worker: every engine event is handled, and the window runs what the CLI runs."""

import typing
from pathlib import Path

import numpy as np

from lmstudio_app.cli import main
from lmstudio_app.config import load_config, save_config, to_toml
from lmstudio_app.engine.application.models import open_model, probe
from lmstudio_app.events import Event
from lmstudio_app.gui.session import Asked, RunState, SessionModel
from lmstudio_app.run_index import RunIndex

from .conftest import tiny_gui_config


def test_the_session_model_handles_every_kind_of_event():
    """A new event type without a handler in the session model fails here, not in front of a user."""
    kinds = set(typing.get_args(Event))
    assert len(kinds) >= 18
    assert kinds | set(typing.get_args(Asked)) == set(SessionModel()._handlers)


def files_of(run_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(run_dir)) for p in run_dir.rglob("*") if p.is_file())


def test_the_window_and_the_cli_produce_the_same_run(qtbot, window, tmp_path, capsys):
    config = tiny_gui_config("training.steps=6", "training.eval_every=3", "training.checkpoint_every=3",
                             "training.probe_every=0")
    save_config(config, tmp_path / "experiment.toml")
    assert main(["train", str(tmp_path / "experiment.toml"), "--out", str(tmp_path / "cli")]) == 0
    window.session.set_config(config)
    with qtbot.waitSignal(window.session.runFinished, timeout=120_000):
        window.controller.start(run_dir=str(tmp_path / "window"))
    cli, gui = tmp_path / "cli", tmp_path / "window"
    assert files_of(cli) == files_of(gui)
    assert "checkpoints/step-0000006/model.safetensors" in files_of(gui)
    assert (cli / "config.toml").read_text() == (gui / "config.toml").read_text()
    for run_dir in (cli, gui):
        record = RunIndex().get(str(run_dir))
        assert record.config == to_toml(load_config(run_dir / "config.toml")) == (run_dir / "config.toml").read_text()
        assert record.name == "gui-tiny" and record.status == "completed" and record.step == 6
    assert window.session.run_config.model.vocab_size == load_config(gui / "config.toml").model.vocab_size > 0


def test_after_a_run_the_probe_and_the_playground_use_its_final_model(qtbot, window):
    window.session.set_field("training", "steps", 15)
    with qtbot.waitSignal(window.session.runFinished, timeout=120_000):
        window.start_training()
    qtbot.waitUntil(lambda: window.session.model is not None and not window.session.model.live, timeout=10_000)
    model = window.session.model
    assert model.run_dir == window.session.run_dir and model.step == 15
    assert window.playground.model_label.toolTip() == f"using {window.session.run_dir} at step 15"
    assert window.playground.generate_button.isEnabled() and window.session.state == RunState.IDLE
    with qtbot.waitSignal(window.session.snapshotAdded, timeout=60_000) as probed:
        window.attention_view.probe_text.setText("while True:")
        window.attention_view.probe_text.returnPressed.emit()
    snapshot = probed.args[0]
    assert snapshot.step == 15
    saved = probe(open_model(window.session.run_dir), "while True:")  # the checkpoint written at the end
    for ours, theirs in zip(snapshot.attention["decoder"], saved.attention["decoder"]):
        np.testing.assert_allclose(ours, theirs, atol=1e-5)
    with qtbot.waitSignal(window.session.generationChanged, timeout=60_000,
                          check_params_cb=lambda: window.session.generation.done):
        window.playground.ask_default("for ")
    assert window.session.generation.prompt == "for " and window.session.generation.text


def test_a_preset_composed_into_another_family_stops_carrying_the_presets_name():
    from lmstudio_app.config import load_preset

    session = SessionModel(load_preset("gpt-nano"))
    session.set_field("model", "family", "encoder")
    assert session.config.name == "my-encoder"
    session.set_field("model", "family", "encoder-decoder")
    assert session.config.name == "my-encoder-decoder"  # not an encoder-decoder called "my-encoder"
    session.config.name = "mine"
    session.set_field("model", "family", "decoder")
    assert session.config.name == "mine"  # a name the person chose stays
