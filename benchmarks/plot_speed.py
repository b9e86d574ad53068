"""Drawing speed of the dashboard: heatmaps and a loss plot with 100,000 points.

Each figure is the mean of several updates, each followed by a full paint (``grab``),
offscreen. Run: .venv/bin/python benchmarks/plot_speed.py
"""

from __future__ import annotations

import os
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LMSTUDIO_HOME", tempfile.mkdtemp(prefix="lmstudio-plot-bench-"))

import numpy as np  # noqa: E402

from lmstudio_app.config import ExperimentConfig  # noqa: E402
from lmstudio_app.events import AttentionSnapshot, StepMetrics  # noqa: E402
from lmstudio_app.gui.app import application  # noqa: E402
from lmstudio_app.gui.main_window import MainWindow  # noqa: E402


def timed(action, repeats: int = 10) -> float:
    action()
    started = time.perf_counter()
    for _ in range(repeats):
        action()
    return (time.perf_counter() - started) / repeats * 1000


def main() -> None:
    app = application()
    window = MainWindow(ExperimentConfig(), restore=False)
    window.resize(1500, 950)
    window.show()
    rng = np.random.default_rng(0)

    def snapshot(layers: int, heads: int, length: int) -> AttentionSnapshot:
        weights = rng.random((layers, heads, length, length)).astype(np.float32)
        weights /= weights.sum(-1, keepdims=True)
        return AttentionSnapshot(step=1, tokens=tuple(f"t{i}" for i in range(length)), target_tokens=(),
                                 attention={"decoder": tuple(weights)}, seconds=0.0)

    view = window.attention_view
    window.dashboard.setCurrentWidget(view)

    def head_update() -> None:
        window.session.apply([snapshot(1, 1, 128)])
        view.refresh()
        view.head_view.grab()

    def grid_update() -> None:
        window.session.apply([snapshot(6, 8, 64)])
        view.refresh()
        view.model_view.grab()

    view.views.setCurrentIndex(0)
    head_ms = timed(head_update)
    view.views.setCurrentIndex(1)
    grid_ms = timed(grid_update)

    window.dashboard.setCurrentWidget(window.loss_view)
    steps = np.arange(1, 100_001)
    def report(step: int) -> StepMetrics:
        return StepMetrics(step=step, metrics={"loss": 3.0 * np.exp(-step / 30000) + 0.1 * rng.random(),
                                               "accuracy": 0.5},
                           learning_rate=1e-3, grad_norm=1.0, tokens_per_second=1e4, tokens_seen=512 * step,
                           elapsed=0.01 * step, eta=0.0)

    rows = [report(int(s)) for s in steps]
    window.session.apply(rows)

    def loss_frame() -> None:
        window.session.apply([report(rows[-1].step + 1)])
        window.loss_view.redraw()
        window.loss_view.graphics.grab()

    loss_ms = timed(loss_frame)
    print(f"head view, one 128×128 head: {head_ms:.1f} ms per update + paint")
    print(f"model view, 6 layers × 8 heads of 64×64: {grid_ms:.1f} ms per update + paint")
    print(f"loss dashboard with {len(rows):,} points: {loss_ms:.1f} ms per frame (update + paint)")
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
