"""How responsive the window stays while it trains, and what the window costs in throughput.

Trains a preset inside the window while a 10 ms QTimer measures how late the GUI
thread's event loop runs it (lateness = actual interval - 10 ms), then trains the
same experiment headlessly in this process. Reports p99 and max lateness and the
GUI's training throughput as a ratio of the headless one (same thread policy).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_responsiveness.py [--preset gpt-nano] [--steps 400]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LMSTUDIO_HOME", tempfile.mkdtemp(prefix="lmstudio-gui-bench-"))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from lmstudio_app.config import apply_overrides, load_preset  # noqa: E402
from lmstudio_app.engine.train.loop import Trainer  # noqa: E402
from lmstudio_app.events import StepMetrics  # noqa: E402
from lmstudio_app.gui.app import application  # noqa: E402
from lmstudio_app.gui.main_window import MainWindow  # noqa: E402


def gui_run(config) -> tuple[list[float], list[float]]:
    app = application()
    window = MainWindow(config, restore=False)
    window.resize(1400, 900)
    window.show()
    lateness: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        lateness.append(max(0.0, (now - last[0]) * 1000 - 10.0))
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    rates: list[float] = []
    window.session.statusChanged.connect(
        lambda status: "tokens_per_second" in status and rates.append(status["tokens_per_second"]))
    done = QEventLoop()
    window.session.runFinished.connect(done.quit)
    window.session.errorRaised.connect(lambda message: (print(message), done.quit()))
    window.session.runStarted.connect(lambda info: (last.__setitem__(0, time.perf_counter()), timer.start()))
    window.controller.start()
    done.exec()
    timer.stop()
    window.close()
    app.processEvents()
    return lateness, rates[2:]


def headless_rates(config) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        return [e.tokens_per_second for e in Trainer(config, folder + "/run").events()
                if isinstance(e, StepMetrics)][2:]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", default="gpt-nano")
    parser.add_argument("--steps", type=int, default=400)
    args = parser.parse_args()
    config = apply_overrides(load_preset(args.preset), [
        f"training.steps={args.steps}", "training.eval_every=100", "training.probe_every=50",
        "training.checkpoint_every=0", "training.log_every=10"])
    headless_rates(apply_overrides(config, ["training.steps=20"]))  # warm the data caches first
    # Headless before and after the window run: this machine's speed drifts by ±15 % between runs.
    headless = headless_rates(config)
    lateness, gui = gui_run(config)
    headless += headless_rates(config)
    lateness.sort()
    p99 = lateness[int(0.99 * (len(lateness) - 1))]
    print(f"{args.preset}, {args.steps} steps: {len(lateness)} timer ticks")
    print(f"event-loop lateness: median {statistics.median(lateness):.1f} ms, p99 {p99:.1f} ms, "
          f"max {lateness[-1]:.1f} ms (targets: p99 < 30 ms, max < 100 ms)")
    print(f"throughput: window {statistics.median(gui):,.0f} tok/s, headless {statistics.median(headless):,.0f} "
          f"tok/s, ratio {statistics.median(gui) / statistics.median(headless):.2f} (target ≥ 0.9)")


if __name__ == "__main__":
    main()
