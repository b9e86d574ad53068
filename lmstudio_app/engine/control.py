"""How a front end steers a running training loop from another thread: pause, resume, stop, requests.

Plain threading, no torch: the window's controller holds one before the engine
is even imported.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProbeText:
    """Show the attention of the live model on this text (and keep it as the run's probe text)."""

    text: str


@dataclass(frozen=True)
class SaveCheckpoint:
    """Save a checkpoint of the step the run is at."""


@dataclass(frozen=True)
class CallWithModel:
    """Run ``function(model_handle)`` in the loop's thread, between steps or while paused."""

    function: Callable[[Any], None]


Request = ProbeText | SaveCheckpoint | CallWithModel


class Control:
    """Thread-safe requests to a running loop: pause, resume, stop, probe, save."""

    def __init__(self):
        self._running = threading.Event()
        self._running.set()
        self._stop = threading.Event()
        self.stop_reason = "stopped"
        self._requests: queue.SimpleQueue = queue.SimpleQueue()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def stop(self, reason: str = "stopped") -> None:
        self.stop_reason = reason
        self._stop.set()
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def wait_while_paused(self, timeout: float) -> None:
        self._running.wait(timeout)

    def request_probe(self, text: str) -> None:
        self._requests.put(ProbeText(text))

    def request_checkpoint(self) -> None:
        self._requests.put(SaveCheckpoint())

    def request_call(self, function: Callable[[Any], None]) -> None:
        """Run ``function(model_handle)`` in the loop's thread between steps (or while paused): how a
        window uses the live model (generation, fill-mask) without touching it from another thread."""
        self._requests.put(CallWithModel(function))

    def take_requests(self) -> list[Request]:
        taken = []
        while True:
            try:
                taken.append(self._requests.get_nowait())
            except queue.Empty:
                return taken
