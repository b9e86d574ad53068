"""The run book's actions, driven as a person drives them."""

from PySide6.QtWidgets import QComboBox, QInputDialog, QPushButton

from lmstudio_app.engine.application.training import train
from lmstudio_app.engine.checkpoint import find_checkpoint, step_of

from .conftest import tiny_gui_config
from .driving import Answer, answering, click, listed


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
