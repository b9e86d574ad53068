"""Where a run trains, as a person reads it."""

import pytest
import torch

from lmstudio_app.engine.train.device import Placement


@pytest.mark.parametrize(("threads", "said"), [(1, "CPU, 1 thread (fp32)"), (2, "CPU, 2 threads (fp32)")])
def test_the_cpu_says_how_many_threads_in_plain_english(threads, said):
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        assert Placement(torch.device("cpu"), "fp32").describe().english() == said
    finally:
        torch.set_num_threads(before)
