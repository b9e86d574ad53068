"""The worker: a QObject living in a QThread that runs engine work and reports plain data.

It is one of the two GUI modules that touch engine objects. Every signal
carries floats, strings, dicts of them, or frozen engine events holding numpy
copies, never tensors. Step metrics are batched so that at most ~20 signals a
second reach the window however fast training runs.
"""

from __future__ import annotations

import dataclasses
import time

from PySide6.QtCore import QObject, Signal, Slot

from lmstudio_app.config import ExperimentConfig
from lmstudio_app.errors import LmStudioError

METRICS_INTERVAL = 0.05  # seconds between batches of step metrics (≤ 20 Hz)


class Worker(QObject):
    """Signals are emitted only from the worker's own QThread. Progress is not a signal at all: it can
    be reported from threads Qt does not know (the tokenizers library reads its input on a Rust
    thread), and PySide6 corrupts reference counts when such threads emit. The controller polls
    ``latest_progress`` instead."""

    started = Signal(dict)
    steps = Signal(list)  # rows of step metrics since the last batch
    evaluated = Signal(dict)
    snapshot = Signal(object)  # AttentionSnapshot
    checkpointSaved = Signal(dict)
    paused = Signal(int)
    resumed = Signal(int)
    finished = Signal(dict)
    failed = Signal(str, bool)  # message, bad input (rather than a training failure)
    result = Signal(str, object)  # answers to requests: ("inspection", …), ("tokenizer", …), ("generated", …)
    busy = Signal(bool)  # a non-training job started / ended

    def __init__(self):
        super().__init__()
        self.latest_progress: tuple[str, float] | None = None  # (phase, fraction or -1); set from any thread
        self.trainer = None
        self.control = None  # the controller hands one in before each run
        self.loaded_run = None  # a saved run loaded for the playground
        self._pending: list[dict] = []
        self._last_emit = 0.0

    # --------------------------------------------------------------- training

    @Slot(object, str, bool)
    def train(self, config: ExperimentConfig, run_dir: str, resume: bool) -> None:
        from lmstudio_app.engine.train.events import (
            AttentionSnapshot,
            CheckpointSaved,
            EvalMetrics,
            Failed,
            Finished,
            Paused,
            Resumed,
            Started,
            StepMetrics,
        )
        from lmstudio_app.engine.train.loop import Trainer
        from lmstudio_app.engine.train.sinks import IndexSink, JsonlSink

        self.trainer = Trainer(config, run_dir or None, resume=resume, control=self.control)
        sinks = [JsonlSink(), IndexSink(config)]
        self.trainer.progress = self._progress
        try:
            for event in self.trainer.events():
                for sink in sinks:
                    sink(event)
                if isinstance(event, StepMetrics):
                    self._pending.append({"step": event.step, **event.values()})
                    self._flush_steps(force=False)
                    continue
                self._flush_steps(force=True)
                if isinstance(event, Started):
                    self.started.emit(dataclasses.asdict(event))
                elif isinstance(event, EvalMetrics):
                    self.evaluated.emit({"step": event.step, **event.metrics, "confusion": event.confusion,
                                         "labels": event.labels})
                elif isinstance(event, AttentionSnapshot):
                    self.snapshot.emit(event)
                elif isinstance(event, CheckpointSaved):
                    self.checkpointSaved.emit(dataclasses.asdict(event))
                elif isinstance(event, Paused):
                    self.paused.emit(event.step)
                elif isinstance(event, Resumed):
                    self.resumed.emit(event.step)
                elif isinstance(event, Finished):
                    self.finished.emit(dataclasses.asdict(event))
                elif isinstance(event, Failed):
                    self.failed.emit(event.message, event.bad_input)
        except Exception as error:  # a bug must not kill the thread silently: show it and stay usable
            self.failed.emit(f"unexpected error: {type(error).__name__}: {error}", False)
        finally:
            self._flush_steps(force=True)
            self.latest_progress = None
            self.trainer = None

    def _flush_steps(self, force: bool) -> None:
        now = time.monotonic()
        if self._pending and (force or now - self._last_emit >= METRICS_INTERVAL):
            self.steps.emit(self._pending)
            self._pending = []
            self._last_emit = now

    # --------------------------------------------------------------- jobs between runs

    def _job(self, kind: str, work) -> None:
        """Run ``work()`` and report its result, or the error as a sentence."""
        self.busy.emit(True)
        try:
            self.result.emit(kind, work())
        except LmStudioError as error:
            self.failed.emit(str(error), True)
        except Exception as error:
            self.failed.emit(f"unexpected error: {type(error).__name__}: {error}", False)
        finally:
            self.latest_progress = None
            self.busy.emit(False)

    @Slot(object, int)
    def inspect(self, config: ExperimentConfig, seed: int) -> None:
        def work():
            from lmstudio_app.config.model_stats import training_seq_len
            from lmstudio_app.engine.data.prepare import prepare_data
            from lmstudio_app.engine.objectives import build_objective
            from lmstudio_app.engine.objectives.inspector import inspect_example

            data = prepare_data(config, self._progress)
            objective = build_objective(config.objective, data.tokenizer, training_seq_len(config))
            objective.check(data.train)
            return inspect_example(objective, data.train, seed)

        self._job("inspection", work)

    @Slot(object)
    def prepare_tokenizer(self, config: ExperimentConfig) -> None:
        def work():
            from lmstudio_app.engine.data.prepare import obtain_tokenizer, plan_corpus
            from lmstudio_app.engine.data.tokenizer import diagnose

            plan = plan_corpus(config, self._progress)
            tokenizer = obtain_tokenizer(config, plan, self._progress)
            sample = plan.texts("validation") if plan.held_out else plan.texts("train")
            return {"summary": plan.summary.describe(), "diagnostics": diagnose(tokenizer, sample).describe()}

        self._job("tokenizer", work)

    def _progress(self, phase: str, fraction: float | None) -> None:
        self.latest_progress = (phase, -1.0 if fraction is None else float(fraction))

    @Slot(str)
    def load_run(self, run_dir: str) -> None:
        def work():
            from lmstudio_app.engine.train.runs import load_run

            self.loaded_run = load_run(run_dir)
            config = self.loaded_run.config
            return {"run_dir": run_dir, "family": config.model.family, "task": config.finetune.task,
                    "labels": list(config.finetune.labels), "heads": list(self.loaded_run.model.heads),
                    "step": self.loaded_run.step}

        self._job("run-loaded", work)

    @Slot(dict)
    def use_model(self, request: dict) -> None:
        """Generation, fill-mask, classification or a probe on the loaded run."""
        if self.loaded_run is None:
            self.failed.emit("open a run (or pause training) before using the playground", True)
            return
        run = self.loaded_run
        self._job(request["kind"], lambda: answer(run.model, run.tokenizer, request,
                                                  lambda row: self.result.emit("token", row)))

    def live_request(self, request: dict):
        """The same request as a function the training loop runs on its own model, in its thread."""
        def call(trainer) -> None:
            try:
                self.result.emit(request["kind"], answer(trainer.model, trainer.data.tokenizer, request,
                                                         lambda row: self.result.emit("token", row)))
            except LmStudioError as error:
                self.failed.emit(str(error), True)
        return call


def answer(model, tokenizer, request: dict, on_token) -> dict:
    """Run one playground request on a model (in the thread that owns it)."""
    from lmstudio_app.engine.generate import fill_mask, generate
    from lmstudio_app.engine.train.probe import probe_attention

    kind = request["kind"]
    if kind == "generated":
        tokens = []
        for token in generate(model, tokenizer, request["prompt"], max_new_tokens=request.get("max_tokens", 80),
                              temperature=request.get("temperature", 0.8), top_k=request.get("top_k", 0),
                              top_p=request.get("top_p", 1.0), seed=request.get("seed")):
            tokens.append(token.text)
            on_token({"text": token.text, "candidates": list(token.candidates),
                      "eos": token.token_id == tokenizer.special.eos})
        return {"prompt": request["prompt"], "tokens": tokens}
    if kind == "filled":
        predictions = fill_mask(model, tokenizer, request["text"], request.get("top_k", 5))
        return {"text": request["text"], "masks": [list(p.candidates) for p in predictions]}
    if kind == "classified":
        return classify(model, tokenizer, request)
    if kind == "probed":
        snapshot = probe_attention(model, tokenizer, request["text"], model.max_seq_len, request.get("step", 0))
        return {"snapshot": snapshot}
    raise ValueError(f"unknown playground request {kind!r}")


def classify(model, tokenizer, request: dict) -> dict:
    """Label probabilities of a text (classifier) or a tag per token (tagger)."""
    import torch

    labels = request["labels"]
    ids = tokenizer.encode(request["text"])[: model.max_seq_len - 2]
    special = tokenizer.special
    inputs = [special.cls, *ids, special.sep] if model.family == "encoder" else [*ids, special.eos]
    tensor = torch.tensor([inputs], device=next(model.parameters()).device)
    model.eval()
    with torch.no_grad():
        hidden = model.encode(tensor).hidden if model.family == "encoder-decoder" else model(tensor).hidden
        if "classifier" in model.heads:
            probabilities = torch.softmax(model.heads["classifier"](hidden)[0].float(), -1).tolist()
            return {"labels": sorted(zip(labels, probabilities), key=lambda x: -x[1])}
        tags = torch.softmax(model.heads["tagger"](hidden)[0].float(), -1)
        best = tags.argmax(-1).tolist()
        return {"tokens": [(text, labels[b], float(tags[i, b])) for i, (text, b) in
                           enumerate(zip(tokenizer.token_texts(inputs), best))]}
