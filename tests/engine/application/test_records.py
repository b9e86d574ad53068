"""A run's records: metrics.jsonl and the index agree with the run folder, whoever started the run."""

import json
import math
import threading

from lmstudio_app.config import apply_overrides, load_config, to_toml
from lmstudio_app.engine.application.compare import compare_init
from lmstudio_app.engine.application.training import TrainingRun, train
from lmstudio_app.engine.runs import read_run_config
from lmstudio_app.events import Finished, Notice, Started
from lmstudio_app.run_index import RunIndex
from tests.engine.finetune.conftest import encoder_config
from tests.engine.train.conftest import tiny


def index_agrees_with_folder(run_dir) -> None:
    """The index row's name and config are the run folder's config.toml, field for field."""
    record = RunIndex().get(str(run_dir))
    on_disk = load_config(run_dir / "config.toml")
    assert record.name == on_disk.name
    assert record.config == to_toml(on_disk)
    assert record.family == on_disk.model.family and record.task == on_disk.finetune.task


def test_metrics_file_and_index_with_a_concurrent_reader(tmp_path, isolated_home):
    config = tiny("training.steps=30")
    stop_reading = threading.Event()
    reads, errors = [], []

    def reader():
        index = RunIndex()
        while not stop_reading.is_set():
            try:
                for record in index.runs():
                    reads.append(len(index.series(record.run_dir, "loss")[0]))
            except Exception as error:  # any error here is what the test is about
                errors.append(error)
        index.close()

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        last = train(config, tmp_path / "run")
    finally:
        stop_reading.set()
        thread.join()
    assert isinstance(last, Finished) and not errors and reads
    lines = [json.loads(line) for line in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()]
    train_steps = [line["step"] for line in lines if line["split"] == "train"]
    assert train_steps == list(range(1, 31))
    assert all(math.isfinite(line["loss"]) for line in lines if line["split"] != "baseline")
    assert [line["step"] for line in lines if line["split"] == "baseline"] == [0]  # the n-gram models, once
    index = RunIndex()
    record = index.get(str(tmp_path / "run"))
    assert record.status == "completed" and record.step == 30 and record.best_validation_loss is not None
    steps, values = index.series(str(tmp_path / "run"), "loss", "validation")
    assert steps == [6, 12, 18, 24, 30] and len(values) == 5


def test_started_carries_the_config_the_trainer_filled_in(tmp_path, isolated_home):
    config = tiny("training.steps=2")
    assert config.model.vocab_size == 0  # the tokenizer decides it
    started = next(e for e in TrainingRun(config, tmp_path / "run").events() if isinstance(e, Started))
    assert started.config.model.vocab_size == read_run_config(tmp_path / "run").model.vocab_size > 0
    assert config.model.vocab_size == 0  # the caller's copy is left alone
    index_agrees_with_folder(tmp_path / "run")


def test_index_follows_a_resume_that_raises_the_step_count(tmp_path, isolated_home):
    train(tiny("training.steps=4"), tmp_path / "run")
    resumed = apply_overrides(read_run_config(tmp_path / "run"), ["training.steps=6"])
    assert train(resumed, tmp_path / "run", resume=True).step == 6
    index_agrees_with_folder(tmp_path / "run")
    assert RunIndex().get(str(tmp_path / "run")).total_steps == 6


def test_a_fine_tune_is_indexed_with_the_adopted_architecture(tmp_path, pretrained_encoder, isolated_home):
    task = apply_overrides(encoder_config(), [
        "finetune.task=sequence-classification", "finetune.dataset=docstring-family",
        f"finetune.from_run={pretrained_encoder}", "finetune.max_examples=120", "training.steps=2",
        "model.max_seq_len=24", "tokenizer.vocab_size=99"])  # both replaced by the pretrained run's
    train(task, tmp_path / "tuned")
    index_agrees_with_folder(tmp_path / "tuned")
    indexed = RunIndex().get(str(tmp_path / "tuned"))
    assert "max_seq_len = 48" in indexed.config and "vocab_size = 400" in indexed.config


def test_every_compared_variant_is_indexed_as_its_own_folder_says(tmp_path, pretrained_encoder, isolated_home):
    task = apply_overrides(encoder_config(), [
        "name=family", "finetune.task=sequence-classification", "finetune.dataset=docstring-family",
        "finetune.max_examples=120", "training.steps=2"])
    *events, compared = compare_init(task, pretrained_encoder, tmp_path / "compare", ["full", "bitfit"])
    results = compared.variants
    assert [r.label for r in results] == ["pretrained-full", "pretrained-bitfit", "scratch-full"]
    # the scratch twin trains the pretrained run's architecture too: no notice that the runs differ
    assert not [e for e in events if isinstance(e, Notice) and "differ in more than their start" in e.message]
    for result in results:
        run_dir = tmp_path / "compare" / result.label
        index_agrees_with_folder(run_dir)
        assert RunIndex().get(str(run_dir)).name == f"family · {result.label}"
