"""The training loop: exact resume, control, failures surfaced as events, checkpoints and the index."""

import json

import pytest
import torch

from lmstudio_app.config import apply_overrides
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.application.training import TrainingRun
from lmstudio_app.engine.control import Control
from lmstudio_app.engine.runs import load_run, read_run_config
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.errors import CheckpointError
from lmstudio_app.events import (
    AttentionSnapshot,
    CheckpointSaved,
    EvalMetrics,
    Failed,
    Finished,
    Paused,
    Started,
    StepMetrics,
)

from .conftest import tiny


def run(trainer, on_event=None):
    events = []
    for event in trainer.events():
        events.append(event)
        if on_event:
            on_event(trainer, event)
    return events


def losses(events):
    return {e.step: e.metrics["loss"] for e in events if isinstance(e, StepMetrics)}


def weights(run_dir):
    return {k: v.clone() for k, v in load_run(run_dir).model.state_dict().items()}


@pytest.mark.parametrize("objective", ["clm", "plm"])  # plm: its factorisation orders are drawn again alike
def test_stop_and_resume_reproduces_an_uninterrupted_run_exactly(tmp_path, objective):
    config = tiny(f"objective.name={objective}")
    straight = run(Trainer(config, tmp_path / "straight"))
    assert isinstance(straight[-1], Finished) and straight[-1].reason == "completed"

    def stop_at_six(trainer, event):
        if isinstance(event, StepMetrics) and event.step == 6:
            trainer.control.stop()

    first_half = run(Trainer(tiny(f"objective.name={objective}"), tmp_path / "split"), stop_at_six)
    assert first_half[-1].reason == "stopped" and first_half[-1].step == 6
    resumed_config = read_run_config(tmp_path / "split")
    second_half = run(Trainer(resumed_config, tmp_path / "split", resume=True))
    started = next(e for e in second_half if isinstance(e, Started))
    assert started.start_step == 6
    assert losses(first_half) | losses(second_half) == losses(straight)
    a, b = weights(tmp_path / "straight"), weights(tmp_path / "split")
    assert all(torch.equal(a[k], b[k]) for k in a)


def logged_rows(run_dir):
    """metrics.jsonl without the timings, which no two runs share."""
    timings = {"tokens_per_second", "elapsed", "eta"}
    return [{k: v for k, v in json.loads(line).items() if k not in timings}
            for line in (run_dir / "metrics.jsonl").read_text().splitlines()]


def test_a_run_resumed_between_two_logged_rows_logs_the_rows_of_an_uninterrupted_run(tmp_path, isolated_home):
    """Rows average the steps since the last row: a checkpoint at step 28 cuts the window of row 30, and the
    layer signals measured at step 28 wait for row 30 too."""
    config = tiny("training.steps=40", "training.log_every=10", "training.checkpoint_every=14",
                  "training.layer_stats_every=7", "training.eval_every=0")
    for _ in TrainingRun(config, tmp_path / "straight").events():
        pass
    interrupted = TrainingRun(config, tmp_path / "split")
    for event in interrupted.events():
        if isinstance(event, CheckpointSaved) and event.step == 28:
            interrupted.control.stop()
    assert ckpt.step_of(ckpt.latest_checkpoint(tmp_path / "split")) == 28
    assert [row["step"] for row in logged_rows(tmp_path / "split")] == [10, 20]
    for _ in TrainingRun.resume(tmp_path / "split").events():
        pass
    straight, split = logged_rows(tmp_path / "straight"), logged_rows(tmp_path / "split")
    assert [row["step"] for row in split] == [10, 20, 30, 40]
    assert "grad_norm/decoder.0" in straight[2]  # measured at step 28
    assert split == straight


def test_loss_falls_and_events_arrive_in_order(tmp_path):
    events = run(Trainer(tiny("training.steps=40", "training.probe_every=20"), tmp_path / "run"))
    kinds = [type(e).__name__ for e in events]
    assert kinds[0] == "Started" and kinds[-1] == "Finished"
    steps = losses(events)
    assert steps[40] < 0.8 * steps[1]
    evals = [e for e in events if isinstance(e, EvalMetrics)]
    assert [e.step for e in evals] == [6, 12, 18, 24, 30, 36, 40]
    snapshots = [e for e in events if isinstance(e, AttentionSnapshot)]
    assert [s.step for s in snapshots] == [20, 40]
    layers = snapshots[0].attention["decoder"]
    assert len(layers) == 2 and layers[0].shape == (2, len(snapshots[0].tokens), len(snapshots[0].tokens))
    assert layers[0].dtype.name == "float32"
    metric = next(e for e in events if isinstance(e, StepMetrics))
    assert {"loss", "accuracy", "perplexity"} <= set(metric.metrics)
    assert metric.tokens_per_second > 0 and metric.eta >= 0 and metric.grad_norm > 0
    assert events[-1].best_validation_loss == min(e.metrics["loss"] for e in evals)


def test_pause_serves_probe_requests_and_resume_continues(tmp_path):
    seen = []

    def control(trainer, event):
        seen.append(event)
        if isinstance(event, StepMetrics) and event.step == 3:
            trainer.control.pause()
        if isinstance(event, Paused):  # while paused, the loop still serves requests
            trainer.control.request_probe("a new probe text")
            trainer.control.request_checkpoint()
        if isinstance(event, CheckpointSaved) and trainer.control.paused:
            trainer.control.resume()

    run(Trainer(tiny(), tmp_path / "run"), control)
    kinds = [type(e).__name__ for e in seen]
    paused = kinds.index("Paused")
    assert kinds[paused + 1:paused + 4] == ["AttentionSnapshot", "CheckpointSaved", "Resumed"]
    snapshot = seen[paused + 1]
    assert snapshot.step == 3 and "".join(snapshot.tokens) == "a new probe text"
    assert seen[-1].step == 12


def test_stop_while_paused_saves_and_finishes(tmp_path):
    control = Control()

    def pause_then_stop(trainer, event):
        if isinstance(event, StepMetrics) and event.step == 2:
            control.pause()
        if isinstance(event, Paused):
            control.stop()

    events = run(Trainer(tiny(), tmp_path / "run", control=control), pause_then_stop)
    assert isinstance(events[-1], Finished) and events[-1].reason == "stopped" and events[-1].step == 2
    assert ckpt.latest_checkpoint(tmp_path / "run").name == "step-0000002"


def test_non_finite_loss_stops_before_the_update_and_keeps_good_weights(tmp_path):
    before = {}

    def poison_after_step_five(trainer, event):
        if isinstance(event, StepMetrics) and event.step == 5:
            before.update({k: v.clone() for k, v in trainer.model.state_dict().items()})
            # From now on one feed-forward block outputs NaN, as an overflow would.
            trainer.model.decoder.layers[1].ffn.register_forward_hook(lambda module, args, out: out * float("nan"))

    events = run(Trainer(tiny("training.eval_every=0"), tmp_path / "run"), poison_after_step_five)
    failure = events[-1]
    assert isinstance(failure, Failed) and not failure.bad_input and failure.step == 5
    assert failure.message.english().startswith("step 6: the loss became nan")
    assert "training.learning_rate" in failure.message.english() and "training.grad_clip" in failure.message.english()
    saved = load_run(tmp_path / "run")
    assert saved.step == 5
    assert all(torch.equal(v, before[k]) for k, v in saved.model.state_dict().items())


def test_out_of_memory_is_reported_with_the_batch_size(tmp_path, monkeypatch):
    trainer = Trainer(tiny(), tmp_path / "run")
    from lmstudio_app.engine.objectives.causal import CausalLM

    def exhausted(self, model, batch):
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(CausalLM, "loss", exhausted)
    failure = run(trainer)[-1]
    assert isinstance(failure, Failed) and "out of memory" in failure.message.english()
    assert "batch of 8 sequences" in failure.message.english() and "training.batch_size" in failure.message.english()


def test_bad_input_is_a_failed_event_not_an_exception(tmp_path):
    config = tiny("data.corpus=files", f"data.paths=['{tmp_path / 'missing.txt'}']")
    failure = run(Trainer(config, tmp_path / "run"))[-1]
    assert isinstance(failure, Failed) and failure.bad_input and "no such file" in failure.message.english()


def test_keeps_the_last_checkpoints_and_the_best(tmp_path):
    config = tiny("training.steps=24", "training.checkpoint_every=4", "training.keep_checkpoints=2")
    events = run(Trainer(config, tmp_path / "run"))
    best = events[-1]
    names = [p.name for p in ckpt.checkpoints(tmp_path / "run")]
    best_step = json.loads((ckpt.latest_checkpoint(tmp_path / "run") / ckpt.STATE_FILE).read_text())["best_step"]
    assert names[-2:] == ["step-0000020", "step-0000024"]
    assert ckpt.step_name(best_step) in names and len(names) <= 3
    assert best.best_validation_loss is not None


def test_tampered_and_foreign_checkpoints_are_refused(tmp_path):
    run(Trainer(tiny("training.steps=2"), tmp_path / "run"))
    latest = ckpt.latest_checkpoint(tmp_path / "run")
    weights_file = latest / ckpt.MODEL_FILE
    data = bytearray(weights_file.read_bytes())
    data[-5] ^= 0x55
    weights_file.write_bytes(bytes(data))
    with pytest.raises(CheckpointError, match="does not match its recorded checksum"):
        load_run(tmp_path / "run")


def test_a_pickle_bomb_in_optimizer_state_is_never_executed(tmp_path):
    import hashlib

    run(Trainer(tiny("training.steps=2"), tmp_path / "run"))
    latest = ckpt.latest_checkpoint(tmp_path / "run")
    marker = tmp_path / "pwned"

    class Bomb:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    torch.save({"optimizer": Bomb()}, latest / ckpt.OPTIMIZER_FILE)
    record = json.loads((latest / ckpt.MANIFEST).read_text())
    record["sha256"][ckpt.OPTIMIZER_FILE] = hashlib.sha256((latest / ckpt.OPTIMIZER_FILE).read_bytes()).hexdigest()
    (latest / ckpt.MANIFEST).write_text(json.dumps(record))
    failure = run(Trainer(read_run_config(tmp_path / "run"), tmp_path / "run", resume=True))[-1]
    assert isinstance(failure, Failed) and "cannot be loaded safely" in failure.message.english()
    assert not marker.exists()


def test_resume_cleans_leftovers_of_an_interrupted_save(tmp_path):
    run(Trainer(tiny("training.steps=4"), tmp_path / "run"))
    leftover = ckpt.checkpoint_dir(tmp_path / "run") / ".tmp-step-0000008-abc"
    leftover.mkdir()
    (leftover / ckpt.MODEL_FILE).write_bytes(b"half written")
    incomplete = ckpt.checkpoint_dir(tmp_path / "run") / "step-0000006"
    incomplete.mkdir()
    config = apply_overrides(read_run_config(tmp_path / "run"), ["training.steps=6"])
    events = run(Trainer(config, tmp_path / "run", resume=True))
    assert events[-1].reason == "completed" and events[-1].step == 6
    assert not leftover.exists()
    assert ckpt.is_complete(incomplete)


def test_a_stop_during_data_preparation_ends_the_run_at_once(tmp_path):
    control = Control()
    seen = []

    def progress(phase, fraction):
        seen.append(phase)
        control.stop()  # as if the window's Stop button were pressed while the corpus is read

    trainer = Trainer(tiny("data.corpus=python-source", "data.max_documents=400"), tmp_path / "run",
                      control=control, progress=progress)
    events = list(trainer.events())
    assert len(seen) == 1
    assert [type(e).__name__ for e in events] == ["Finished"] and events[0].reason == "stopped"
    assert not (tmp_path / "run").exists()
