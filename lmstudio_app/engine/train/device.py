"""Where and in what number format training runs, and how many CPU threads it may use."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import torch

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.messages import problem
from lmstudio_app.config.model_stats import memory_estimate
from lmstudio_app.config.schema import ExperimentConfig, TrainingConfig
from lmstudio_app.errors import ConfigError
from lmstudio_app.formatting import human
from lmstudio_app.machine import available_ram, usable_cores

_DTYPES = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}


@dataclass(frozen=True)
class Placement:
    device: torch.device
    precision: str  # "fp32", "bf16" or "fp16"

    @property
    def autocast(self):
        if self.precision == "fp32":
            return contextlib.nullcontext()
        return torch.autocast(self.device.type, dtype=_DTYPES[self.precision])

    def describe(self) -> Message:
        """Where it trains, in words: "CPU, 4 threads (fp32)", "NVIDIA H100 (bf16)"."""
        if self.device.type == "cpu":
            threads = torch.get_num_threads()
            if threads == 1:
                return Message(say.CPU_ONE_THREAD, {"precision": self.precision})
            return Message(say.CPU_THREADS, {"threads": threads, "precision": self.precision})
        name = torch.cuda.get_device_name(self.device) if self.device.type == "cuda" else self.device.type
        return Message(say.ACCELERATOR, {"device": name, "precision": self.precision})


def free_memory(device: torch.device) -> int | None:
    """Bytes the device can still give this process, or None where that cannot be known."""
    if device.type == "cuda":
        free, _ = torch.cuda.mem_get_info(device)
        return int(free)
    return available_ram() if device.type == "cpu" else None


def check_memory(config: ExperimentConfig, placement: Placement) -> None:
    """Refuse, before anything is allocated, a model whose training cannot fit the device."""
    if not config.training.check_memory:
        return
    available = free_memory(placement.device)
    estimate = memory_estimate(config)
    if available is not None and estimate.total > available:
        raise ConfigError(problem("model", refusals.TOO_BIG_TO_TRAIN, total=human(estimate.total, "B"),
                                  weights=human(estimate.parameters, "B"), optimizer=human(estimate.optimizer, "B"),
                                  activations=human(estimate.activations, "B"), device=placement.device.type,
                                  free=human(available, "B")))


def cpu_threads(config: TrainingConfig, leave_a_core: bool = False) -> int:
    """The configured count; else every core, or every core but one when a window shares the machine."""
    cores = usable_cores()
    return config.threads or max(1, cores - 1 if leave_a_core else cores)


def choose_placement(config: TrainingConfig, local_rank: int = 0, leave_a_core: bool = False) -> Placement:
    wanted = config.device
    if wanted == "auto":
        if torch.cuda.is_available():
            wanted = "cuda"
        elif getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            wanted = "mps"
        else:
            wanted = "cpu"
    if wanted == "cuda" and not torch.cuda.is_available():
        raise ConfigError(problem("training.device", refusals.NO_CUDA))
    if wanted == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise ConfigError(problem("training.device", refusals.NO_MPS))
    device = torch.device(f"cuda:{local_rank}" if wanted == "cuda" else wanted)
    precision = config.precision
    if precision == "auto":
        precision = "bf16" if wanted == "cuda" and torch.cuda.is_bf16_supported() else "fp32"
    if precision == "fp16" and wanted == "cpu":
        raise ConfigError(problem("training.precision", refusals.FP16_NEEDS_GPU))
    if wanted == "cpu":
        torch.set_num_threads(cpu_threads(config, leave_a_core))
    return Placement(device, precision)
