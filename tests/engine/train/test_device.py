"""Where a run trains, as a person reads it."""

import os

import pytest
import torch

from lmstudio_app.config.schema import TrainingConfig
from lmstudio_app.engine.train.device import Placement, choose_placement, cpu_threads


@pytest.mark.parametrize(("threads", "said"), [(1, "CPU, 1 thread (fp32)"), (2, "CPU, 2 threads (fp32)")])
def test_the_cpu_says_how_many_threads_in_plain_english(threads, said):
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        assert Placement(torch.device("cpu"), "fp32").describe().english() == said
    finally:
        torch.set_num_threads(before)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="CPU affinity is a Linux feature")
def test_a_process_limited_to_one_core_trains_on_one_thread():
    """`taskset -c 0 lmstudio train …` (or a container's cpuset) leaves the process one core; os.cpu_count() still
    counts the machine's, and torch threads fighting over one core run slower than one thread."""
    before, threads = os.sched_getaffinity(0), torch.get_num_threads()
    os.sched_setaffinity(0, {min(before)})
    try:
        assert cpu_threads(TrainingConfig()) == 1
        assert cpu_threads(TrainingConfig(threads=3)) == 3
        choose_placement(TrainingConfig(device="cpu"))
        assert torch.get_num_threads() == 1
    finally:
        os.sched_setaffinity(0, before)
        torch.set_num_threads(threads)
