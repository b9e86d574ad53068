"""What a person asks the application to do: one frozen dataclass per action, plain data (no torch, no Qt).

Both front ends say the same thing by building these: the command line from its
arguments, the window's controller from what was clicked and answered. The
engine's application layer answers every one with a stream of events that ends
in its outcome (``engine.application.requests.handle``). An option a front end
chooses (the window leaves a core free for itself) is a field of the request,
so the two cannot drift apart.

The requests to a model (generate, fill masks, classify, probe…) are in
``model_requests``: they are answered by the model in use, which ``OpenRun``,
``Import`` (with ``use``) and a finished ``Train`` or ``Resume`` set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lmstudio_app.config import ExperimentConfig
from lmstudio_app.model_requests import ModelRequest


@dataclass(frozen=True)
class Train:
    """A new run of ``config`` (a pretraining or, with ``finetune.task``, a fine-tune), in ``run_dir`` or a new
    folder; its outcome is ``Finished`` or ``Failed``."""

    config: ExperimentConfig
    run_dir: str = ""  # "": a new folder in the user data folder
    leave_a_core: bool = False  # with training.threads = 0, one core stays free (a window shares the machine)


@dataclass(frozen=True)
class Resume:
    """The run in ``run_dir`` continued from a checkpoint, its config changed by ``overrides`` (training.* only)."""

    run_dir: str
    checkpoint: str = "latest"  # "latest", "best" or a step
    overrides: tuple[str, ...] = ()  # "training.steps=5000", …
    leave_a_core: bool = False


@dataclass(frozen=True)
class CompareInit:
    """The fine-tune of ``config`` from the ``pretrained`` run and from scratch (or once per strategy), each run in
    ``out_dir/<label>``; its outcome is ``Compared``."""

    config: ExperimentConfig
    pretrained: str
    out_dir: str = ""  # "": beside the experiment's default run folder
    strategies: tuple[str, ...] = ()  # (): full fine-tuning only
    leave_a_core: bool = False


@dataclass(frozen=True)
class Variant:
    """One arm of ``CompareVariants``: a label and the dotted fields it changes (``{"model.position": "none"}``)."""

    label: str
    overrides: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CompareVariants:
    """Ablations and alternatives of one experiment, trained one after another as ordinary runs in
    ``out_dir/<label>``; its outcome is ``VariantsCompared``."""

    config: ExperimentConfig
    variants: tuple[Variant, ...]
    out_dir: str = ""  # "": beside the experiment's default run folder
    leave_a_core: bool = False


@dataclass(frozen=True)
class Sweep:
    """A data-efficiency sweep: ``CompareInit`` at each training-set size (0 = all); its outcome is
    ``SweepFinished``."""

    config: ExperimentConfig
    pretrained: str
    sizes: tuple[int, ...]
    out_dir: str = ""
    strategies: tuple[str, ...] = ()
    leave_a_core: bool = False


@dataclass(frozen=True)
class Evaluate:
    """A saved run's metrics on its validation split, or (fine-tuned runs) on a task file; its outcome is
    ``Evaluated``, with each example's prediction."""

    run_dir: str
    data_file: str = ""  # "": the run's own validation split
    checkpoint: str = "best"  # "latest" or "best"


@dataclass(frozen=True)
class Export:
    """A self-contained copy of a run's model in a new folder; its outcome is ``Exported``."""

    run_dir: str
    out: str
    format: str = "lmstudio"  # or "transformers"
    checkpoint: str = "best"
    replace: bool = False  # an earlier export in ``out`` may be replaced (never a run)


@dataclass(frozen=True)
class Import:
    """A transformers checkpoint folder (or a model id in the local Hugging Face cache) read into a new run; its
    outcome is ``Imported``. With ``use``, the imported model becomes the model in use (``ModelReady`` first)."""

    source: str
    out: str = ""  # "": a new folder under the runs folder, named after the checkpoint
    use: bool = False


@dataclass(frozen=True)
class OpenRun:
    """A saved run's model becomes the model in use; the outcome is ``ModelReady``."""

    run_dir: str
    checkpoint: str = "latest"  # "latest" or "best"


@dataclass(frozen=True)
class PreviewObjective:
    """One example of what a run of ``config`` trains on (``ObjectivePreview`` or, for a fine-tune,
    ``TaskPreview``)."""

    config: ExperimentConfig
    seed: int = 0
    split: str = "train"  # or "validation"


@dataclass(frozen=True)
class PrepareTokenizer:
    """Train (or load) the experiment's tokenizer and measure it on held-out text (``TokenizerReport``); saved to
    ``save_to`` when given."""

    config: ExperimentConfig
    save_to: str = ""


@dataclass(frozen=True)
class RunLesson:
    """A lesson's experiment (``config/lessons.py``): its pretraining first when it needs one and none of another
    lesson can be reused, then its runs, each an ordinary run; its outcome is ``LessonJudged``, the verdict on the
    runs' files, which the lesson book keeps."""

    lesson: str
    long: bool = False  # the longer, more reliable variant
    overrides: tuple[str, ...] = ()  # "training.steps=20", …: applied to every run of the lesson, last
    leave_a_core: bool = False


@dataclass(frozen=True)
class JudgeLesson:
    """The verdict again, on the files of the lesson's last runs (as the lesson book remembers them); its outcome
    is ``LessonJudged``."""

    lesson: str


Request = (Train | Resume | CompareInit | CompareVariants | Sweep | Evaluate | Export | Import | OpenRun
           | PreviewObjective | PrepareTokenizer | RunLesson | JudgeLesson | ModelRequest)
# requests that train runs: their events are a run's (Started…)
TRAINS = (Train, Resume, CompareInit, CompareVariants, Sweep, RunLesson)
