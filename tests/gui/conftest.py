import pytest
from PySide6.QtCore import Qt

from lmstudio_app.config import ExperimentConfig, apply_overrides

from .driving import runs_listed


def tiny_gui_config(*extra: str) -> ExperimentConfig:
    return apply_overrides(ExperimentConfig(), [
        "name=gui-tiny", "data.corpus=python-docs", "tokenizer.kind=char", "tokenizer.vocab_size=128",
        "model.d_model=32", "model.n_heads=2", "model.n_layers=1", "model.max_seq_len=32",
        "training.steps=400", "training.batch_size=4", "training.log_every=1", "training.eval_every=50",
        "training.eval_batches=2", "training.probe_every=25", "training.checkpoint_every=0",
        "training.warmup_steps=5", *extra])


@pytest.fixture(autouse=True)
def qt_dialogs(qapp):
    """Qt's own dialogs, never the platform's: tests find them, fill them in and press their buttons."""
    qapp.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


@pytest.fixture
def window(qtbot, isolated_home):
    from lmstudio_app.gui.main_window import MainWindow

    main = MainWindow(tiny_gui_config())
    main.show()
    runs_listed(qtbot, main)  # the run book lists the runs off the GUI thread: a test starts from its answer
    yield main
    # Not qtbot.addWidget: it closes windows before fixtures end, and closing while training asks a question.
    if main.controller.training:
        main.controller.stop()
        main.wait_until_idle()
    main.close()
