"""The session model and the worker: every engine event is handled, and the window runs what the CLI runs."""

import sys
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


GUI = Path(__file__).resolve().parents[2] / "lmstudio_app" / "gui"


def test_only_the_session_emits_its_signals_and_writes_its_state():
    """Views ask the session to tell or refuse; the controller applies events and requests; neither writes."""
    writers = [f"{path.name}:{number}: {line.strip()}" for path in sorted(GUI.glob("*.py")) if path.name != "session.py"
               for number, line in enumerate(path.read_text().splitlines(), 1)
               if ".errorRaised.emit" in line or ".noticed.emit" in line or "set_state(" in line]
    assert writers == []


def test_start_and_stop_are_state_changes_the_session_makes_from_what_it_is_applied(qtbot, window, monkeypatch):
    """Each write of the run state happens inside ``SessionModel.apply``, whether the worker reported an event or
    the window asked for a run or its stop."""
    from PySide6.QtCore import QObject

    import lmstudio_app.gui.session as session_module

    changes, entries = [], []
    window.session.stateChanged.connect(changes.append)

    def recording(model, name, value):
        if name == "state":
            frame, entry = sys._getframe(1), None
            while frame is not None and frame.f_code.co_filename == session_module.__file__:
                entry, frame = frame.f_code.co_name, frame.f_back
            entries.append(entry)
        QObject.__setattr__(model, name, value)

    monkeypatch.setattr(SessionModel, "__setattr__", recording)
    window.session.set_field("training", "steps", 5000)
    window.start_action.trigger()
    qtbot.waitUntil(lambda: window.session.status.step >= 2, timeout=120_000)
    window.stop_action.trigger()
    qtbot.waitUntil(lambda: window.session.state == RunState.IDLE, timeout=60_000)
    assert changes == ["preparing", "running", "stopping", "idle"]
    assert entries == ["apply"] * 4
    step = window.session.status.step
    assert window.step_label.text() == f"step {step:,}/5,000" and window.device_label.text() == "idle"


def test_a_rename_and_a_language_switch_in_the_window_leave_the_session_consistent(qtbot, window, tmp_path):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QPushButton

    from lmstudio_app.engine.application.training import train
    from lmstudio_app.gui.i18n import language

    from .driving import answering, click, listed, typed

    run_dir = tmp_path / "run"
    train(tiny_gui_config("training.steps=3", "training.eval_every=3"), run_dir)
    listed(qtbot, window)
    runs = window.runs_view
    window.show_view("runs")
    runs.select([str(run_dir)])
    with qtbot.waitSignal(window.session.runsChanged, timeout=30_000), answering(qtbot, typed("my first run")):
        click(qtbot, runs.findChild(QPushButton, "renameRunButton"))
    qtbot.waitUntil(lambda: [run.name for run in window.session.runs] == ["my first run"], timeout=30_000)
    assert runs.table.item(0, 0).text() == "my first run"
    try:
        window.findChild(QAction, "language_zh_CN").trigger()
        assert [run.name for run in window.session.runs] == ["my first run"]
        assert window.session.state == RunState.IDLE and window.session.status.total == 0
        assert runs.table.item(0, 0).text() == "my first run" and window.device_label.text() == "空闲"
    finally:
        language().set("en")
