"""The lessons at test size: every run a tiny model for a few dozen steps, so all thirteen run within the CI budget.
The verdicts need not hold at this size; they must be computed, from the runs' files."""

import dataclasses

from lmstudio_app.config import lessons

# Added to every run of a lesson (``lmstudio lesson NAME --set …``); the presets keep their objective, family and
# position scheme, so the lesson still tests what it is about.
TINY = ("model.d_model=16", "model.n_heads=2", "model.n_layers=2", "model.max_seq_len=32", "training.batch_size=4",
        "training.steps=12", "training.eval_every=6", "training.eval_batches=2", "training.layer_stats_every=3",
        "training.warmup_steps=2", "tokenizer.vocab_size=300", "data.max_documents=30",
        "data.synthetic_examples=120", "finetune.max_examples=300")


def tiny_lesson(name: str) -> lessons.Lesson:
    """The lesson with its test size written into its experiments (both variants), for the window, which runs a
    lesson as the catalogue says."""
    lesson = lessons.LESSONS_BY_NAME[name]

    def shrunk(experiment: lessons.Experiment | None) -> lessons.Experiment | None:
        return experiment and dataclasses.replace(experiment, short=experiment.short + TINY,
                                                  long=experiment.long + TINY)

    return dataclasses.replace(lesson, experiment=shrunk(lesson.experiment), pretraining=shrunk(lesson.pretraining))
