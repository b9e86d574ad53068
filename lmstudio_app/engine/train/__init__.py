"""Training: the loop, checkpoints, runs on disk, probes and sinks."""
