"""The window through its real widgets and signals: compose, run, pause, stop, close, errors."""

import threading

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QMessageBox, QPushButton, QToolButton, QWidget

from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.gui.session import RunState
from lmstudio_app.run_index import RunIndex

from .conftest import tiny_gui_config
from .driving import menu_actions, type_into_field


def button(window, name) -> QToolButton:
    return window.findChild(QToolButton, name)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def wait_for_state(qtbot, window, state: RunState, timeout=120_000) -> None:
    qtbot.waitUntil(lambda: window.session.state == state, timeout=timeout)


def test_start_pause_resume_stop_through_the_buttons(qtbot, window):
    start, pause, stop = button(window, "startButton"), button(window, "pauseButton"), button(window, "stopButton")
    assert start.isEnabled() and not pause.isEnabled() and not stop.isEnabled()
    with qtbot.waitSignal(window.session.runStarted, timeout=120_000):
        click(qtbot, start)
    assert not start.isEnabled()
    qtbot.waitUntil(lambda: window.session.train.rows >= 5, timeout=60_000)
    qtbot.waitUntil(lambda: window.loss_view.loss_raw.getData()[0] is not None
                    and len(window.loss_view.loss_raw.getData()[0]) >= 5, timeout=10_000)

    click(qtbot, pause)
    wait_for_state(qtbot, window, RunState.PAUSED)
    assert pause.text() == "Resume" and stop.isEnabled() and not start.isEnabled()
    frozen = window.session.status.step
    qtbot.wait(300)
    assert window.session.status.step == frozen
    assert window.step_label.text().startswith(f"step {frozen:,}/")

    click(qtbot, pause)
    wait_for_state(qtbot, window, RunState.RUNNING)
    qtbot.waitUntil(lambda: window.session.status.step > frozen, timeout=30_000)

    with qtbot.waitSignal(window.session.runFinished, timeout=120_000) as finished:
        click(qtbot, stop)
    assert finished.args[0].reason == "stopped"
    assert start.isEnabled() and not pause.isEnabled() and not stop.isEnabled()
    assert ckpt.latest_checkpoint(window.session.run_dir) is not None


def test_stop_reaches_a_run_that_is_still_preparing(qtbot, isolated_home):
    """The n-gram baselines of 25 million evaluation examples would take hours; Stop ends them at once."""
    from lmstudio_app.gui.main_window import MainWindow

    window = MainWindow(tiny_gui_config("training.batch_size=256", "training.eval_batches=100000"))
    window.show()
    try:
        with qtbot.waitSignal(window.session.progressChanged, timeout=120_000,
                              check_params_cb=lambda phase, fraction: phase.english() == "fitting n-gram baselines"):
            click(qtbot, button(window, "startButton"))
        assert window.session.state == RunState.PREPARING
        with qtbot.waitSignal(window.session.runFinished, timeout=5_000) as finished:
            click(qtbot, button(window, "stopButton"))
        assert finished.args[0].reason == "stopped" and finished.args[0].step == 0
        assert window.session.state == RunState.IDLE and button(window, "startButton").isEnabled()
    finally:
        if window.controller.training:
            window.controller.stop()
            window.wait_until_idle()
        window.close()


def test_a_second_start_while_running_is_impossible(qtbot, window):
    with qtbot.waitSignal(window.session.runStarted, timeout=120_000):
        window.start_training()
    assert not window.start_action.isEnabled()
    assert window.controller.start() is False
    window.controller.stop()
    wait_for_state(qtbot, window, RunState.IDLE)


def test_invalid_experiment_disables_start_and_shows_the_message_inline(qtbot, window):
    heads = window.architecture_page.form.editors["n_heads"]
    heads.control.setValue(3)
    assert not window.start_action.isEnabled()
    assert heads.error.isVisibleTo(window) or heads.error.text()
    assert "does not divide model.d_model=32" in heads.error.text()
    heads.control.setValue(4)
    assert window.start_action.isEnabled() and not heads.error.text()


def test_objective_picker_offers_only_fitting_objectives(qtbot, window):
    family = window.findChild(QComboBox, "familyCombo")
    objective = window.findChild(QComboBox, "objectiveCombo")

    def offered():
        model = objective.model()
        return {objective.itemData(i) for i in range(objective.count()) if model.item(i).isEnabled()}

    assert offered() == {"clm", "prefix-lm", "plm"}
    family.setCurrentIndex(family.findData("encoder"))
    assert offered() == {"mlm", "electra"} and window.session.config.objective.name == "mlm"
    family.setCurrentIndex(family.findData("encoder-decoder"))
    assert offered() == {"span-corruption", "denoising"}
    assert window.session.valid


def test_engine_error_becomes_a_dialog_and_the_window_stays_usable(qtbot, window, tmp_path):
    window.session.set_field("data", "corpus", "files")
    window.session.set_field("data", "paths", [str(tmp_path / "missing.txt")])
    with qtbot.waitSignal(window.session.errorRaised, timeout=60_000) as error:
        window.start_training()
    assert "missing.txt: no such file" in error.args[0]
    qtbot.waitUntil(lambda: window.error_dialog is not None and window.error_dialog.isVisible())
    assert "no such file" in window.error_dialog.text()
    assert window.session.state == RunState.IDLE and window.start_action.isEnabled()
    window.error_dialog.close()
    window.session.set_field("data", "corpus", "python-docs")
    window.session.set_field("training", "steps", 5)
    with qtbot.waitSignal(window.session.runFinished, timeout=120_000) as finished:
        window.start_training()
    assert finished.args[0].reason == "completed"


def test_closing_while_training_stops_saves_and_exits_cleanly(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.session.runStarted, timeout=120_000):
        window.start_training()
    qtbot.waitUntil(lambda: window.session.train.rows >= 3, timeout=60_000)
    run_dir = window.session.run_dir
    assert window.close()
    assert not window.controller.thread.isRunning()
    assert ckpt.latest_checkpoint(run_dir) is not None
    record = RunIndex().get(run_dir)
    assert record.status == "stopped" and record.step > 0


def test_declining_to_close_keeps_training(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.No)
    with qtbot.waitSignal(window.session.runStarted, timeout=120_000):
        window.start_training()
    assert not window.close()
    assert window.controller.training


def test_settings_persist_window_and_experiment(qtbot, isolated_home):
    from lmstudio_app.gui.main_window import MainWindow

    first = MainWindow(tiny_gui_config("name=remembered"))
    qtbot.addWidget(first)
    first.resize(701, 503)  # within the offscreen screen, which clamps restored geometry
    first.show()
    first.steps.setCurrentIndex(4)
    size = first.size()  # the offscreen screen may clamp the requested size
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert second.session.config.name == "remembered"
    assert second.steps.currentIndex() == 4
    assert second.size() == size
    second.close()


def test_every_interactive_control_has_a_name_and_accessible_name(qtbot, window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QCheckBox, QLineEdit

    for kind in (QComboBox, QAbstractSpinBox, QCheckBox, QLineEdit):
        for widget in window.findChildren(kind):
            if widget.parent() and type(widget.parent()).__name__ in ("QAbstractSpinBox", "QSpinBox",
                                                                      "QDoubleSpinBox", "QComboBox"):
                continue  # the line edit inside a spin box or combo box
            assert widget.objectName(), widget
            assert widget.accessibleName() or kind is QLineEdit and widget.parent().accessibleName(), widget
    for name in ("startButton", "pauseButton", "stopButton", "familyCombo", "objectiveCombo"):
        assert window.findChild(QAbstractButton, name) or window.findChild(QComboBox, name), name


def test_screenshot_command_renders_a_png(tmp_path, isolated_home):
    import subprocess
    import sys

    out = tmp_path / "window.png"
    result = subprocess.run([sys.executable, "-m", "lmstudio_app", "gui", "--screenshot", str(out), "--preset",
                             "t5-mini", "--view", "architecture"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000


def test_overrides_without_a_preset_apply_to_the_default_experiment(tmp_path, isolated_home):
    import subprocess
    import sys

    out = tmp_path / "window.png"  # once a traceback: --set without --preset had no experiment to apply to
    result = subprocess.run([sys.executable, "-m", "lmstudio_app", "gui", "--screenshot", str(out), "--set",
                             "model.n_layers=3", "--size", "1024x700"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and out.stat().st_size > 20_000


def test_objective_preview_colours_tokens_and_follows_changes(qtbot, window):
    page = window.objective_page
    preview = page.findChild(QPushButton, "previewButton")
    with qtbot.waitSignal(window.session.previewReady, timeout=120_000):
        preview.click()
    assert "model input" in page.preview.toPlainText() and "#e8f4d9" in page.preview.toHtml()  # target tokens
    family = window.findChild(QComboBox, "familyCombo")
    with qtbot.waitSignal(window.session.previewReady, timeout=120_000):
        family.setCurrentIndex(family.findData("encoder"))  # the preview follows: now masked tokens
    assert "#f4a6a6" in page.preview.toHtml()  # masked tokens


class WorkerHold(QObject):
    """Keeps the worker thread busy until released: requests queue behind it as they do behind a long job."""

    hold = Signal()

    def __init__(self, thread):
        super().__init__()
        self.released = threading.Event()
        self.holder = Holder(self.released)
        self.holder.moveToThread(thread)
        self.hold.connect(self.holder.wait)


class Holder(QObject):
    def __init__(self, released):
        super().__init__()
        self.released = released

    @Slot()
    def wait(self) -> None:
        self.released.wait(60)


def test_editing_while_the_worker_previews_changes_nothing_it_reads(qtbot, window):
    errors, previews = [], []
    window.session.errorRaised.connect(errors.append)
    window.session.previewReady.connect(previews.append)
    busy = WorkerHold(window.controller.thread)
    busy.hold.emit()
    window.show_view("objective")  # opening the step asks for a preview: it waits behind the busy worker
    type_into_field(qtbot, window.findChild(QWidget, "model_max_seq_len"), "-5")
    assert window.session.config.model.max_seq_len == -5 and not window.session.valid
    busy.released.set()
    qtbot.waitUntil(lambda: bool(previews or errors), timeout=120_000)
    assert errors == []  # once: "unexpected error: ValueError: negative dimensions are not allowed"
    assert "model input" in window.objective_page.preview.toPlainText() and previews[0].inspection.inputs


def test_data_page_summarizes_and_trains_the_tokenizer(qtbot, window, tmp_path):
    corpus = tmp_path / "notes.txt"
    corpus.write_text("\n\n".join(f"Paragraph {i} about attention and tokens." for i in range(30)))
    window.data_page.add_paths([str(corpus)])
    assert window.session.config.data.corpus == "files"
    with qtbot.waitSignal(window.session.tokenizerReported, timeout=120_000):
        window.data_page.prepare.click()
    report = window.data_page.report.toPlainText()
    assert "files: 30 documents" in report and "tokens per word" in report


def test_the_status_bar_says_what_the_run_is_doing(qtbot, window):
    window.start_training()
    assert window.device_label.text() == "preparing…"
    qtbot.waitUntil(lambda: window.session.train.rows >= 2, timeout=120_000)
    assert window.device_label.text().startswith("training on CPU") and window.speed_label.text().endswith("tok/s")
    window.controller.pause()
    wait_for_state(qtbot, window, RunState.PAUSED)
    assert window.device_label.text().startswith("paused · CPU")
    with qtbot.waitSignal(window.session.runFinished, timeout=120_000):
        window.controller.stop()
    assert window.device_label.text() == "idle"
    assert window.speed_label.text() == "" and window.eta_label.text() == ""  # no ETA for a run that ended


def test_long_progress_text_is_shortened_and_kept_whole_in_the_tooltip(qtbot, window):
    from lmstudio_app.config.engine_messages import READING
    from lmstudio_app.config.messages import Message
    from lmstudio_app.events import Preparing

    folder = "/very/long/folder" * 30 + "/corpus.txt"
    window.session.apply([Preparing(Message(READING, {"name": folder}), 0.25)])
    assert window.phase_label.toolTip() == "reading " + folder
    assert window.phase_label.fontMetrics().horizontalAdvance(window.phase_label.text()) <= 320
    assert window.phase_label.text().endswith("corpus.txt")
    window.session.apply([Preparing(Message(READING, {"name": folder}), 1.0)])
    assert window.progress.isHidden() and window.phase_label.text() == ""


def test_a_problem_in_a_collapsed_step_is_counted_on_its_header_and_one_click_away(qtbot, window):
    window.session.set_field("model", "family", "encoder")
    window.session.set_field("objective", "name", "mlm")
    window.session.set_field("model", "n_segments", 0)
    window.steps.setCurrentIndex(2)
    window.session.set_field("objective", "next_sentence_prediction", True)  # needs 2 segment embeddings
    assert not window.start_action.isEnabled()
    assert window.steps.itemText(1) == "Architecture   (1 to fix)"
    assert "model.n_segments" in window.steps.itemToolTip(1)
    assert window.steps.itemText(2) == "Objective"
    assert "model.n_segments" in window.start_action.toolTip()
    assert window.problems_action.isVisible() and window.problems_action.text() == "1 problem"
    window.problems_action.trigger()
    assert window.steps.currentIndex() == 1
    segments = window.findChild(QWidget, "model_n_segments")
    qtbot.waitUntil(segments.hasFocus, timeout=2_000)
    window.session.set_field("model", "n_segments", 2)
    assert window.steps.itemText(1) == "Architecture" and not window.problems_action.isVisible()


def test_run_controls_name_their_shortcuts(window):
    assert window.start_action.toolTip() == "train this experiment (Ctrl+R)"
    assert window.pause_action.toolTip().startswith("pause or resume training (Ctrl+P)")
    assert window.stop_action.shortcut().toString() == "Ctrl+."
    assert "(Ctrl+.)" in window.stop_action.toolTip()


def test_the_objective_preview_fills_itself_when_the_step_is_opened(qtbot, window):
    page = window.objective_page
    assert page.preview.toPlainText() == ""
    with qtbot.waitSignal(window.session.previewReady, timeout=120_000):
        window.show_view("objective")
    assert "model input" in page.preview.toPlainText()


def test_a_fine_tunes_objective_step_says_what_it_trains(qtbot, window):
    preset = next(a for a in menu_actions(window.presets_menu) if a.text() == "bert-mini-docstring-family")
    preset.trigger()
    page = window.objective_page
    with qtbot.waitSignal(window.session.previewReady, timeout=120_000) as ready:
        window.show_view("objective")
    preview = ready.args[0]
    shown = page.preview.toPlainText()
    assert shown.startswith("sequence-classification · docstring-family: ")  # the task, on its data
    assert "head a classifier over 8 labels, reading the first token ([CLS]) of the last layer" in shown
    assert "input framing [CLS] text [SEP]" in shown  # how the text is framed
    example = shown.split("model input\n", 1)[1].split("\nanswer", 1)[0]
    assert example.startswith("[CLS] ") and example.rstrip().endswith("[SEP]")  # one example as the model reads it
    assert f"answer\n{preview.answer[0].text}" in shown and preview.answer[0].text in preview.labels
    assert not page.gallery.isVisibleTo(page) and not page.name_form.isVisibleTo(page)  # no clm, no mask gallery
    assert "clm" not in shown and "causal" not in shown
    window.new_action.trigger()  # back to pretraining: the task's example is not what that run trains on
    assert page.name_form.isVisibleTo(page) and "sequence-classification" not in page.preview.toPlainText()


def test_the_mask_gallery_marks_the_experiments_objective(qtbot, window):
    window.session.set_field("objective", "name", "plm")
    with qtbot.waitSignal(window.session.previewReady, timeout=120_000) as ready:
        window.show_view("objective")
    gallery = window.objective_page.gallery
    pictures = ready.args[0].gallery
    assert len(pictures) == 5 == len(gallery.pictures)
    titles = [plot.titleLabel.text for plot in gallery.plots]
    marked = [t for t in titles if t.startswith("▶")]
    assert marked == ["▶ permutation LM (XLNet)"]
    plm = gallery.current("plm")
    drawn = gallery.images[[p.objectives for p in pictures].index(("plm",))].image
    np.testing.assert_array_equal(drawn[..., 2] == 167, plm.allowed)  # blue where a query may attend
    assert "never itself" in gallery.caption.text() and "of the example above" in gallery.caption.text()
    ranks = np.array(ready.args[0].inspection.permutation_ranks)  # the example's own order, not a sample one
    expected = ranks[None, :] < ranks[:, None]
    expected[ranks == 0, ranks == 0] = True
    np.testing.assert_array_equal(plm.allowed, expected)


def test_every_mask_picture_can_be_seen_at_1024x700(qtbot, window):
    window.resize(1024, 700)
    window.split_evenly()
    with qtbot.waitSignal(window.session.previewReady, timeout=120_000):
        window.steps.setCurrentIndex(2)
    gallery = window.objective_page.gallery
    area = window.steps.widget(2)
    area.ensureWidgetVisible(gallery)
    qtbot.wait(50)
    assert not area.horizontalScrollBar().isVisible()
    for plot in gallery.plots:  # inside the gallery's width: vertical scrolling alone brings each into view
        shown = plot.sceneBoundingRect()
        assert 0 <= shown.left() and shown.right() <= gallery.graphics.viewport().width(), plot.titleLabel.text
        assert shown.bottom() <= gallery.graphics.viewport().height(), plot.titleLabel.text


def test_switching_family_twice_names_the_experiment_after_the_family_it_has(qtbot, window):
    from lmstudio_app.config import load_preset

    from .test_dashboard import choose

    window.session.set_config(load_preset("bert-mini"))
    window.steps.setCurrentIndex(1)
    family = window.architecture_page.form.editors["family"].control
    choose(qtbot, family, "decoder")
    choose(qtbot, family, "encoder-decoder")
    assert window.session.config.name == "my-encoder-decoder"
    assert "train <b>my-encoder-decoder</b>" in window.loss_view.empty.text()


def test_the_toolbar_offers_every_preset(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMenu

    from lmstudio_app.config import preset_names

    presets = window.toolbar.findChild(QToolButton, "presetsButton")
    assert presets.isVisible() and presets.text() == "Presets"
    listed = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, pick)
            return
        listed.extend(action.text() for action in menu.actions())
        chosen = next(action for action in menu.actions() if action.text() == "t5-mini")
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(chosen).center())

    QTimer.singleShot(0, pick)
    click(qtbot, presets)
    assert listed == list(preset_names())
    assert window.session.config.name == "t5-mini" and window.session.config.model.family == "encoder-decoder"


def answer_the_next_message_box(button: QMessageBox.StandardButton) -> None:
    """Click ``button`` in the message box the window is about to open, as a person would."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    def answer() -> None:
        box = QApplication.activeModalWidget()  # the question, not a dialog left open by something else
        if not isinstance(box, QMessageBox) or box.button(button) is None:
            QTimer.singleShot(20, answer)
            return
        QTest.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def test_a_run_closed_mid_training_and_resumed_in_a_new_window_draws_its_whole_history(qtbot, isolated_home):
    from lmstudio_app.gui.main_window import MainWindow

    first = MainWindow(tiny_gui_config("training.eval_every=10"), restore=False)
    first.show()
    with qtbot.waitSignal(first.session.runStarted, timeout=120_000):
        click(qtbot, button(first, "startButton"))
    qtbot.waitUntil(lambda: first.session.train.rows >= 25, timeout=60_000)
    run_dir = first.session.run_dir
    answer_the_next_message_box(QMessageBox.StandardButton.Yes)  # "Stop training and close?"
    assert first.close()
    saved = ckpt.latest_checkpoint(run_dir)
    resumed_from = int(saved.name.split("-")[1])
    assert resumed_from >= 25

    second = MainWindow(tiny_gui_config(), restore=False)
    second.show()
    try:
        runs = second.runs_view
        runs.select([run_dir])
        with qtbot.waitSignal(second.session.runStarted, timeout=120_000):
            runs.resumeRequested.emit(run_dir, "latest")  # what Resume… asks once its checkpoint is chosen
        qtbot.waitUntil(lambda: second.session.train.get("step").max(initial=0) >= resumed_from + 5, timeout=60_000)
        second.controller.stop()
        second.wait_until_idle()
        drawn = second.loss_view.loss_raw
        qtbot.waitUntil(lambda: drawn.getData()[0] is not None and drawn.getData()[0][-1] >= resumed_from + 5)
        steps = drawn.getData()[0]
        assert steps[0] == 1 and resumed_from in steps and steps[-1] >= resumed_from + 5
        assert np.all(np.diff(steps) == 1)  # every logged step once, before and after the resume
        assert second.loss_view.loss_validation.getData()[0].tolist()[:2] == [10, 20]
    finally:
        second.controller.stop()
        second.wait_until_idle()
        second.close()
