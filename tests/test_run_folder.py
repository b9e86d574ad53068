"""A run folder's layout, read by the one module that knows it: which checkpoints count, in which order, and
which one "best" names."""

import json

from lmstudio_app import run_folder
from lmstudio_app.engine import checkpoint as ckpt


def saved(run, folder_name: str, complete: bool, best_step=None) -> None:
    step = run / "checkpoints" / folder_name
    step.mkdir(parents=True)
    (step / "trainer_state.json").write_text(json.dumps({"best_step": best_step}))
    if complete:
        (step / "COMPLETE").write_text('{"format": 1}')


def test_only_complete_step_folders_count_in_the_order_of_their_steps(tmp_path):
    run = tmp_path / "run"
    saved(run, "step-0000004", complete=True)
    saved(run, "step-0000008", complete=False)  # a save that never finished
    saved(run, "step-12345678", complete=True, best_step=4)  # past seven digits: after step 4, not before
    saved(run, "step-latest", complete=True)  # copied in by hand: no step of the run
    saved(run, ".tmp-step-0000009-x", complete=True)
    assert run_folder.checkpoint_steps(run) == [4, 12345678]
    assert ckpt.checkpoints(run) == [run / "checkpoints" / "step-0000004", run / "checkpoints" / "step-12345678"]
    assert run_folder.best_checkpoint_step(run) == 4


def test_best_is_the_latest_when_the_recorded_best_is_gone(tmp_path):
    run = tmp_path / "run"
    saved(run, "step-0000004", complete=False)
    saved(run, "step-0000006", complete=True, best_step=4)
    assert run_folder.best_checkpoint_step(run) == 6
    assert run_folder.best_checkpoint_step(tmp_path / "never-trained") is None
