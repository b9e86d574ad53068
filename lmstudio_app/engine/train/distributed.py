"""Data parallelism across processes started by ``torchrun`` (gloo on CPU, NCCL on CUDA).

Every rank draws the same global batch from the same seed and trains on its
own slice of it, so K processes follow a single-process run with the same
global batch (up to floating-point summation order). Only rank 0 logs,
probes, evaluates and writes checkpoints.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.distributed as dist

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import problem
from lmstudio_app.errors import ConfigError


@dataclass(frozen=True)
class Distributed:
    rank: int
    world_size: int
    local_rank: int

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    def barrier(self) -> None:
        dist.barrier()

    def broadcast(self, value):
        """Rank 0's ``value`` on every rank (any picklable object)."""
        holder = [value]
        dist.broadcast_object_list(holder, src=0)
        return holder[0]

    def slice(self, batch_size: int) -> slice:
        if batch_size % self.world_size:
            raise ConfigError(problem("training.batch_size", refusals.NOT_DIVISIBLE, size=batch_size,
                                      processes=self.world_size))
        share = batch_size // self.world_size
        return slice(self.rank * share, (self.rank + 1) * share)

    def mean(self, value: torch.Tensor) -> torch.Tensor:
        value = value.detach().clone()
        dist.all_reduce(value)
        return value / self.world_size

    def close(self) -> None:
        if dist.is_initialized():
            dist.destroy_process_group()


def from_environment(device_type: str) -> Distributed | None:
    """The process group torchrun set up for this process, or None for a single process."""
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    if world_size <= 1:
        return None
    rank, local_rank = int(os.environ["RANK"]), int(os.environ.get("LOCAL_RANK", "0"))
    if not dist.is_initialized():
        dist.init_process_group(backend="nccl" if device_type == "cuda" else "gloo")
    return Distributed(rank, world_size, local_rank)
