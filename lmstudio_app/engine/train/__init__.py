"""Training: the loop (a generator of events), the optimizer and schedule, devices and data parallelism."""
