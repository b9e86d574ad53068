"""The session model: the one place the window's state lives. Widgets observe it; none own state.

It holds the experiment being edited, its validation problems, the run state,
and the live run's metric series and attention snapshots. Everything here is
plain Python and numpy; the controller feeds it from the worker's signals.
"""

from __future__ import annotations

import copy
from collections import deque
from dataclasses import dataclass, field
from enum import Enum

import numpy as np
from PySide6.QtCore import QObject, Signal

from lmstudio_app.config import ExperimentConfig, problems_of
from lmstudio_app.config.registry import objectives_for
from lmstudio_app.config.validate import from_dict
from lmstudio_app.errors import ConfigError


class RunState(str, Enum):
    IDLE = "idle"
    PREPARING = "preparing"  # reading data, training the tokenizer, building the model
    RUNNING = "running"
    PAUSED = "paused"
    STOPPING = "stopping"


class Series:
    """A growable float64 column (amortized O(1) appends; views without copies for plotting)."""

    def __init__(self, capacity: int = 1024):
        self._data = np.empty(capacity)
        self.size = 0

    def append(self, value: float) -> None:
        if self.size == len(self._data):
            grown = np.empty(2 * len(self._data))
            grown[: self.size] = self._data
            self._data = grown
        self._data[self.size] = value
        self.size += 1

    @property
    def values(self) -> np.ndarray:
        return self._data[: self.size]


@dataclass
class MetricTable:
    """Columns of one split's logged metrics, aligned by row; missing values are NaN."""

    columns: dict[str, Series] = field(default_factory=dict)
    rows: int = 0

    def add(self, row: dict[str, float]) -> None:
        for name in row.keys() - self.columns.keys():
            column = Series()
            for _ in range(self.rows):
                column.append(np.nan)
            self.columns[name] = column
        for name, column in self.columns.items():
            column.append(row.get(name, np.nan))
        self.rows += 1

    def get(self, name: str) -> np.ndarray:
        column = self.columns.get(name)
        return column.values if column is not None else np.empty(0)


MAX_SNAPSHOTS = 200  # attention snapshots kept for the time scrubber (oldest dropped first)


class SessionModel(QObject):
    configChanged = Signal()
    problemsChanged = Signal(list)
    stateChanged = Signal(str)
    runStarted = Signal(dict)
    metricsChanged = Signal()  # new training or validation rows
    snapshotAdded = Signal(object)  # an AttentionSnapshot
    progressChanged = Signal(str, float)  # phase, fraction (-1 when unknown)
    statusChanged = Signal(dict)  # step, total, tokens/s, ETA, device
    runFinished = Signal(dict)
    errorRaised = Signal(str)

    def __init__(self, config: ExperimentConfig | None = None):
        super().__init__()
        self.config = config or ExperimentConfig()
        self.problems: list[str] = problems_of(self.config)
        self.state = RunState.IDLE
        self.run_dir = ""
        self.run_info: dict = {}
        self.train = MetricTable()
        self.validation = MetricTable()
        self.snapshots: deque = deque(maxlen=MAX_SNAPSHOTS)
        self.status: dict = {}
        self.last_evaluation: dict = {}

    # --------------------------------------------------------------- the experiment

    def set_config(self, config: ExperimentConfig) -> None:
        self.config = copy.deepcopy(config)
        self.configChanged.emit()
        self._revalidate()

    def set_field(self, section: str, name: str, value) -> None:
        """Change one field; the config stays editable even when the value makes it invalid."""
        target = getattr(self.config, section) if section else self.config
        if getattr(target, name) == value:
            return
        setattr(target, name, value)
        if (section, name) == ("model", "family"):
            self._follow_family()
        self.configChanged.emit()
        self._revalidate()

    def _follow_family(self) -> None:
        """A new family keeps the experiment sensible: a fitting objective, no stray decoder depth."""
        model, objective = self.config.model, self.config.objective
        if model.family != "encoder-decoder":
            model.n_decoder_layers = 0
        fitting = objectives_for(model.family)
        if objective.name not in fitting:
            objective.name = fitting[0]
        if objective.name != "mlm":
            objective.next_sentence_prediction = False

    def update_from_dict(self, raw: dict) -> None:
        """Replace the config from a mapping, keeping the old one when the mapping is not a config."""
        try:
            self.set_config(from_dict(raw))
        except ConfigError as error:
            self.errorRaised.emit(str(error))

    def _revalidate(self) -> None:
        problems = problems_of(self.config)
        if problems != self.problems:
            self.problems = problems
            self.problemsChanged.emit(problems)

    @property
    def valid(self) -> bool:
        return not self.problems

    def problems_for(self, section: str, name: str) -> list[str]:
        prefix = f"{section}.{name}:" if section else f"{name}:"
        return [p for p in self.problems if p.startswith(prefix)]

    # --------------------------------------------------------------- the run

    def set_state(self, state: RunState) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state.value)

    def begin_run(self, info: dict) -> None:
        self.train = MetricTable()
        self.validation = MetricTable()
        self.snapshots.clear()
        self.last_evaluation = {}
        self.run_dir = info.get("run_dir", "")
        self.run_info = info
        self.runStarted.emit(info)

    def add_training_rows(self, rows: list[dict]) -> None:
        for row in rows:
            self.train.add(row)
        if rows:
            last = rows[-1]
            self.status = {**self.status, "step": last["step"], "tokens_per_second": last["tokens_per_second"],
                           "eta": last["eta"]}
            self.statusChanged.emit(self.status)
            self.metricsChanged.emit()

    def add_evaluation(self, row: dict) -> None:
        self.validation.add({k: v for k, v in row.items() if isinstance(v, (int, float))})
        self.last_evaluation = row
        self.metricsChanged.emit()

    def add_snapshot(self, snapshot) -> None:
        self.snapshots.append(snapshot)
        self.snapshotAdded.emit(snapshot)
