"""Training throughput of the presets on this machine: tokens/s, model FLOP/s, probe cost.

Each preset trains a few dozen real steps (its own data, objective and
optimizer) in a temporary run folder; the first log interval is left out as
warm-up. Figures are ratios and rates measured in one process, never asserted.
"""

from __future__ import annotations

import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import problem
from lmstudio_app.config.model_stats import parameter_count, training_flops_per_token
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.errors import ConfigError, TrainingError
from lmstudio_app.events import Failed, Finished, Started, StepMetrics


@dataclass(frozen=True)
class BenchResult:
    preset: str
    device: str
    parameters: int
    tokens_per_second: float
    flops_per_second: float
    probe_fraction: float  # share of training time the attention probe took
    probe_seconds: float  # per probe
    layer_stats_fraction: float  # per-layer signals (at the default interval) over the training steps' time

    def row(self) -> str:
        return (f"{self.preset:<26}{self.parameters:>12,}{self.tokens_per_second:>14,.0f}"
                f"{self.flops_per_second / 1e9:>12.2f}{self.probe_seconds * 1000:>11.1f}{self.probe_fraction:>10.1%}"
                f"{self.layer_stats_fraction:>10.1%}")


HEADER = (f"{'preset':<26}{'parameters':>12}{'tokens/s':>14}{'GFLOP/s':>12}{'probe ms':>11}{'probe %':>10}"
          f"{'layers %':>10}")


def benchmark_preset(name: str, steps: int = 40, probe_every: int = 10, progress: Progress = no_progress,
                     extra: list[str] | None = None) -> BenchResult:
    if not 10 <= steps <= 100_000:
        raise ConfigError(problem("--steps", refusals.BENCH_STEPS, steps=steps))
    config = apply_overrides(load_preset(name), [
        f"training.steps={steps}", "training.log_every=5", "training.eval_every=0", "training.checkpoint_every=0",
        f"training.probe_every={probe_every}", f"training.warmup_steps={min(10, steps)}", *(extra or [])])
    with tempfile.TemporaryDirectory(prefix="lmstudio-bench-") as folder:
        trainer = Trainer(config, Path(folder) / "run", progress=progress)
        rates, device, probes, finished = [], "", 0, None
        for event in trainer.events():
            if isinstance(event, Started):
                device = event.device.english()
            elif isinstance(event, StepMetrics) and event.step > 5:
                rates.append(event.tokens_per_second)
            elif isinstance(event, Finished):
                finished = event
            elif isinstance(event, Failed):
                raise TrainingError(refusals.BENCHMARK_FAILED, name=name, failure=event.message)
        probes = steps // probe_every if probe_every else 0
    tokens_per_second = statistics.median(rates)
    return BenchResult(
        preset=name, device=device, parameters=parameter_count(config), tokens_per_second=tokens_per_second,
        flops_per_second=tokens_per_second * training_flops_per_token(config),
        probe_fraction=finished.probe_seconds / max(finished.elapsed + finished.probe_seconds, 1e-9),
        probe_seconds=finished.probe_seconds / probes if probes else 0.0,
        layer_stats_fraction=finished.layer_stats_seconds / max(finished.elapsed, 1e-9))
