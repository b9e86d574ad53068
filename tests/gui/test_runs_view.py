"""The run book's actions, driven as a person drives them."""

from PySide6.QtWidgets import QComboBox, QInputDialog, QPushButton

from lmstudio_app.engine.application.training import train
from lmstudio_app.engine.checkpoint import find_checkpoint, step_of

from .conftest import tiny_gui_config
from .driving import Answer, answering, chosen, click, listed, path_entered, typed


def test_resume_offers_the_best_checkpoint_with_its_step(qtbot, window, tmp_path):
    """"best (lowest validation loss)" gave no step where "latest (step 8)" did: it names the step it resumes from.
    A learning rate too high for the model makes the validation loss at step 8 worse than at step 4."""
    train(tiny_gui_config("training.steps=8", "training.checkpoint_every=4", "training.eval_every=4",
                          "training.keep_checkpoints=3", "training.learning_rate=0.5"), tmp_path / "run")
    best = step_of(find_checkpoint(tmp_path / "run", "best"))
    assert best == 4
    listed(qtbot, window)
    window.runs_view.select([str(tmp_path / "run")])
    offered = []

    def read_and_cancel(dialog):
        combo = dialog.findChild(QComboBox)
        offered.extend(combo.itemText(i) for i in range(combo.count()))
        dialog.reject()

    with answering(qtbot, Answer(QInputDialog, read_and_cancel, "read the checkpoints offered, then cancel")):
        click(qtbot, window.runs_view.findChild(QPushButton, "resumeRunButton"))
    assert offered == ["latest (step 8)", "best (lowest validation loss, step 4)", "step 4"]


def test_a_renamed_run_is_exported_into_a_folder_named_as_the_person_named_it(qtbot, window, tmp_path):
    """The export folder was named after the run's folder (gui-tiny-…-transformers) whatever the run was renamed
    to; now after its name, made safe for a folder name."""
    train(tiny_gui_config("training.steps=2", "training.eval_every=0"), tmp_path / "run")
    runs = window.runs_view
    listed(qtbot, window)
    runs.select([str(tmp_path / "run")])
    with qtbot.waitSignal(window.session.runsChanged, timeout=30_000):  # the run book renames, then lists
        with answering(qtbot, typed("Copy task: 2 layers / 8 heads")):
            click(qtbot, runs.findChild(QPushButton, "renameRunButton"))
    runs.select([str(tmp_path / "run")])
    (tmp_path / "exports").mkdir()
    with qtbot.waitSignal(window.session.noticed, timeout=60_000), \
            answering(qtbot, chosen("this app's format"), path_entered(tmp_path / "exports")):
        click(qtbot, runs.findChild(QPushButton, "exportRunButton"))
    assert [p.name for p in (tmp_path / "exports").iterdir()] == ["Copy-task-2-layers-8-heads-lmstudio"]


def test_a_run_evaluated_once_shows_its_one_validation_point(qtbot, window, tmp_path):
    """A short run has one validation loss: drawn as a line of one point, the plot showed its name and nothing."""
    from PySide6.QtGui import QColor

    from .driving import overlaid
    from .test_run_book import trained

    run = tmp_path / "run"
    trained(run)  # 3 steps, evaluated at step 3 only
    listed(qtbot, window)
    window.dashboard.setCurrentWidget(window.runs_view)
    overlaid(qtbot, window, [run])
    runs = window.runs_view
    assert runs.metric.currentData() == "validation/loss"
    qtbot.wait(200)
    image = runs.overlay_graphics.grab().toImage()
    plotted = runs.overlay_graphics.mapFromScene(runs.overlay.vb.sceneBoundingRect()).boundingRect()
    blue = QColor("#4e79a7")  # the first run's colour
    marked = [(x, y) for x in range(plotted.left(), plotted.right()) for y in range(plotted.top(), plotted.bottom())
              if max(abs(image.pixelColor(x, y).red() - blue.red()), abs(image.pixelColor(x, y).green() - blue.green()),
                     abs(image.pixelColor(x, y).blue() - blue.blue())) < 40]
    assert len(marked) > 10
