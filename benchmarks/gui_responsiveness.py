"""How responsive the window stays while it trains, and what the window costs in throughput.

Trains a preset inside the window while a 10 ms QTimer measures how late the GUI
thread's event loop runs it (lateness = actual interval - 10 ms), then trains the
same experiment headlessly in this process. Reports p99 and max lateness and the
GUI's training throughput as a ratio of the headless one (same thread policy: one
core left free, as the window does). Headless runs come before and after the
window's, since this machine's speed drifts between runs. Every preset by default,
one table at the end.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_responsiveness.py [--preset gpt-nano] [--steps 400]
(all presets take ~25 minutes here; the encoder-decoders are the slow ones)
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

from lmstudio_app.config import apply_overrides, load_preset, preset_names  # noqa: E402
from lmstudio_app.engine.train.trainer import Trainer  # noqa: E402
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
        return [e.tokens_per_second for e in Trainer(config, folder + "/run", leave_a_core=True).events()
                if isinstance(e, StepMetrics)][2:]


def measure(preset: str, steps: int) -> tuple[str, int, float, float, float, float, float]:
    """(preset, steps, p99 lateness, max lateness, window tok/s, headless tok/s, ratio)"""
    config = apply_overrides(load_preset(preset), [
        f"training.steps={steps}", f"training.eval_every={max(steps // 4, 1)}",
        f"training.probe_every={max(steps // 8, 1)}", "training.checkpoint_every=0", "training.log_every=10"])
    headless_rates(apply_overrides(config, ["training.steps=20"]))  # warm the data caches first
    headless = headless_rates(config)
    lateness, gui = gui_run(config)
    headless += headless_rates(config)
    lateness.sort()
    p99 = lateness[int(0.99 * (len(lateness) - 1))]
    window, alone = statistics.median(gui), statistics.median(headless)
    return preset, steps, p99, lateness[-1], window, alone, window / alone


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", default="all", help="a preset's name, or all (the default)")
    parser.add_argument("--steps", type=int, default=0, help="steps per run (default: 400 for gpt-nano, else 100)")
    args = parser.parse_args()
    presets = preset_names() if args.preset == "all" else [args.preset]
    rows = []
    for preset in presets:
        steps = args.steps or (400 if preset == "gpt-nano" else 100)
        rows.append(measure(preset, steps))
        print(f"{preset}: window/headless {rows[-1][-1]:.2f}, lateness max {rows[-1][3]:.0f} ms", flush=True)
    print("\n| preset, steps | event loop p99 / max lateness | window vs headless tokens/s |\n|---|---|---|")
    for preset, steps, p99, worst, window, alone, ratio in rows:
        print(f"| {preset}, {steps} | {p99:.1f} / {worst:.1f} ms | {window / 1000:.1f}k vs {alone / 1000:.1f}k = "
              f"{ratio:.2f} |")
    print("targets: p99 < 30 ms, max < 100 ms, ratio ≥ 0.95")


if __name__ == "__main__":
    main()
