"""What changes while a run trains, besides its weights and its checkpointed ``TrainerState``.

The loop and its step hooks share it through ``TrainingSetup.running``; the trainer reads it to save
before leaving when a run stops unexpectedly.
"""

from __future__ import annotations

from dataclasses import dataclass

from lmstudio_app.engine.progress import Progress
from lmstudio_app.engine.train.log_window import LogWindow


@dataclass
class Running:
    window: LogWindow  # the steps since the last logged row
    probe_text: str  # a ProbeText request replaces it
    trainable_groups: dict[str, bool]  # which layer groups a fine-tune's plan trains now; {} without a plan
    last_saved_step: int  # -1 until the run has a checkpoint
    progress: Progress  # where saving a checkpoint reports
    probe_seconds: float = 0.0
    layer_stats_seconds: float = 0.0
    updating: bool = False  # the optimizer is changing the weights: they are not whole
    stop_reason: str = ""  # set by the hook that hears a stop: the loop ends before the next step
