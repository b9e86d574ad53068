"""The engine's sentences that are not errors, as templates: progress phases, notes, captions, names of things.

Each is a ``Template`` (config/messages.py) that the engine fills into a ``Message``; the command line prints
its ``english()``, the window renders it with ``tr``, the English template being the translation key. Grouped
by the engine module that writes them. ``scripts/translations.py`` hands them to the translators with the
validator's (``messages.catalogue``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lmstudio_app.config.messages import Message, Template
from lmstudio_app.config.schema import STRATEGIES

# ---------------------------------------------------------------- progress phases (events.Preparing)

# engine/data/corpora.py, builtin.py, cache.py and tokenizer.py
READING = Template("reading {name}")
EXTRACTING_DOCSTRINGS = Template("extracting docstrings from the standard library")
TOKENIZING = Template("tokenizing the corpus")
CACHE_UNUSABLE = Template("token cache unusable ({reason}); rebuilding")
TRAINING_TOKENIZER = Template("training a {kind} tokenizer")
# engine/finetune/datasets.py
TAGGING_SOURCE = Template("tagging Python source with tokenize")
# engine/build.py
BUILDING_MODEL = Template("building the model")
# engine/ngram.py and engine/train/setup.py, reports.py
FITTING_BASELINES = Template("fitting n-gram baselines")
SAVING_CHECKPOINT = Template("saving checkpoint")
# engine/representations.py
READING_FEATURES = Template("reading each layer's features of the examples")
TRAINING_PROBE = Template("training a linear probe on layer {layer} of {layers}")
ZEROING_HEAD = Template("the validation loss with one attention head zeroed: head {done} of {heads}")

# ---------------------------------------------------------------- what an objective did to an example
# (engine/objectives/objectives.py: Inspection.notes)

FACTORISATION_ORDER = Template("factorisation order (positions from 1, first to last): {order}")
PREDICTED_LAST = Template("predicted: the last {count} of that order, each from the tokens before it in the order, "
                          "wherever they stand in the text")
IS_NEXT = Template("next-sentence label: IsNext")
NOT_NEXT = Template("next-sentence label: NotNext (B is from another document)")
DOCUMENT_SENTENCES = Template("document {document}, {count} sentences")
INFILLED_SPANS = Template("infilled spans of lengths {lengths}")
SENTENCE_ORDER = Template("sentence order {order}")

# ---------------------------------------------------------------- the mask gallery (engine/objectives/inspector.py)

CAUSAL_TITLE = Template("causal LM (GPT)")
CAUSAL_MASK = Template("each token sees itself and the tokens before it")
PREFIX_TITLE = Template("prefix LM")
PREFIX_MASK = Template("the prefix (here 3 tokens) is read both ways, the rest causally")
MASKED_TITLE = Template("masked LM (BERT)")
MASKED_MASK = Template("every token sees every real token, both ways; no one sees padding (here the last 2 tokens)")
CROSS_TITLE = Template("enc-dec cross (T5, BART)")
CROSS_MASK = Template("each target token (row) sees the whole source (columns) but its padding; the decoder's own "
                      "self-attention is causal")
PERMUTATION_TITLE = Template("permutation LM (XLNet)")
QUERY_STREAM = Template("the query stream, order {order}: each token sees only the tokens before it in that order, "
                        "never itself (the first in the order reads itself; nothing is predicted there)")
QUERY_STREAM_OF_EXAMPLE = Template("the query stream of the example above, order {order}: each token sees only the "
                                   "tokens before it in that order, never itself (the first in the order reads "
                                   "itself; nothing is predicted there)")

# ---------------------------------------------------------------- layers and what they show (engine/representations.py)

EMBEDDINGS = Template("embeddings")
LAYER = Template("layer {number}")
POOLED_EXAMPLES = Template("{count} validation examples, pooled, by label")
PROBE_TOKENS = Template("the {count} tokens of the probe text, by kind")

# ---------------------------------------------------------------- one head at other temperatures (engine/probe.py)

NO_SCALING = Template("no scaling (×√d_k = ×{factor})")
AS_TRAINED = Template("as trained (×1)")
SOFTER = Template("softer (×1/√d_k = ×{factor})")

# ---------------------------------------------------------------- where training runs (engine/train/device.py)

CPU_ONE_THREAD = Template("CPU, 1 thread ({precision})")
CPU_THREADS = Template("CPU, {threads} threads ({precision})")
ACCELERATOR = Template("{device} ({precision})")

# ---------------------------------------------------------------- where a fine-tune started (run_index.RunRecord.start)

FROM_SCRATCH = Template("from scratch")
FROM_RUN = Template("from {run}")

# ---------------------------------------------------------------- the parts compared runs add to their names
# (engine/application/compare.py: "my-task · 50 examples · pretrained")

ALL_EXAMPLES = Template("all examples")
EXAMPLES = Template("{count} examples")
PRETRAINED = Template("pretrained")
SCRATCH = Template("scratch")
PRETRAINED_WITH = Template("pretrained-{strategy}")
SCRATCH_WITH = Template("scratch-{strategy}")


def examples_part(count: int) -> Message:
    """The part a data-efficiency sweep adds to a run's name: its training-set size (0: all examples)."""
    return Message(EXAMPLES, {"count": count}) if count else Message(ALL_EXAMPLES)


def start_part(pretrained: bool, strategy: str | None) -> Message:
    """The part a comparison adds to a run's name: where it started, and with which strategy when several are
    compared (``strategy`` None when they are not)."""
    if strategy is None:
        return Message(PRETRAINED if pretrained else SCRATCH)
    return Message(PRETRAINED_WITH if pretrained else SCRATCH_WITH, {"strategy": strategy})


def name_parts(name: str, finetune: Mapping[str, Any]) -> list[str | Message]:
    """A run's name in parts: the experiment's own name, then each part a comparison added as the ``Message``
    that wrote it, and any other part as it is. A part is known by its English among those a comparison of this
    run's fine-tuning settings (``finetune.train_examples``) can have written: the names on disk stay as the
    command line shows them, and runs named before these templates read the same."""
    first, *parts = name.split(" · ")
    written = [examples_part(finetune.get("train_examples", 0))]
    written += [start_part(pretrained, strategy) for pretrained in (True, False) for strategy in (None, *STRATEGIES)]
    by_english = {message.english(): message for message in written}
    return [first, *(by_english.get(part, part) for part in parts)]


# ---------------------------------------------------------------- a transformers checkpoint read into a run
# (engine/application/transformers_import.py ImportReport; config/framing.py)

IMPORTED = Template("imported {architecture} ({parameters} parameters) as the run {run}")
ADDED_TOKENS = Template("added {tokens} to the tokenizer (their embedding rows start at the mean of the others; the "
                        "model never learned them, so they are never predicted)")
NOT_READ = Template("not read ({count}): {names}")
NOT_APPLIED = Template("not applied by lmstudio's decoding (transformers' generate would use them): {settings}")
BROKEN_WEIGHTS = Template("warning: {count} tensors hold NaN or infinite values ({names}): the model is broken, and "
                          "every answer will say so")
TOKENIZER_AS_WRITTEN = Template("tokenizer_class {name}: read tokenizer.json as written (transformers' own class may "
                                "tokenize some text differently)")
FRAMING_INPUT = Template("input: {tokens}")
DECODER_STARTS = Template("decoder starts from: {token}")
AND_THEN = Template("{first}; {then}")  # two of these sentences in one line

# ---------------------------------------------------------------- notices (events.Notice): what a person should know
# that stops nothing

# engine/runs.py: taking the run folder
REPLACED_START = Template("{folder} held a start that never saved a checkpoint (no process writes it now); this run "
                          "replaces it ({files})")
# engine/checkpoint.py tidy: what an interrupted save left behind
REMOVED_UNFINISHED_SAVE = Template("removed {name}, a checkpoint save that was interrupted before it finished")
NEVER_FINISHED = Template("{name} has neither {marker} nor {manifest}, so its save never finished and nothing says "
                          "what its files should be; moved it to {moved}")
MARKED_COMPLETE = Template("{name} had no {marker} marker, but its files match its {manifest}; it is marked complete "
                           "again and kept")
MARKER_MISSING_DAMAGED = Template("{name} had no {marker} marker and is damaged ({problem}); moved it to {moved}")
# engine/train/setup.py: resuming
DAMAGED_CHECKPOINT = Template("{name} is damaged ({problem}), so the run continues from the newest intact "
                              "checkpoint, {chosen}; moved it to {moved}")
LATER_CHECKPOINT = Template("{name} came after the chosen step {step}; moved it to {moved}")
# engine/application/training.py: side records
METRICS_LOST = Template("metrics.jsonl cannot be written ({why}); training goes on and checkpoints are still saved")
INDEX_LOST = Template("the run index cannot be updated ({why}); training goes on, and the index catches up when the "
                      "run ends")
INDEX_STALE = Template("the run index is still out of date ({why}); 'lmstudio runs --rebuild-index' reads it back "
                       "from the run folders")
# engine/application/compare.py
UNFAIR_COMPARISON = Template("the compared runs differ in more than their start: {differences}; their results are "
                             "not a like-for-like comparison")
# run_index.py and engine/application/runs.py: opening the run index
INDEX_REBUILT_DAMAGED_ONE = Template("the run index {path} was damaged ({error}); it is kept as {aside} and was "
                                     "rebuilt from 1 run folder")
INDEX_REBUILT_DAMAGED = Template("the run index {path} was damaged ({error}); it is kept as {aside} and was rebuilt "
                                 "from {count} run folders")
INDEX_REBUILT_MISSING_ONE = Template("the run index {path} was missing or empty; it was rebuilt from 1 run folder")
INDEX_REBUILT_MISSING = Template("the run index {path} was missing or empty; it was rebuilt from {count} run folders")
INDEX_LOCKED = Template("the run index {path} is locked by another process ({error}); the runs are listed from their "
                        "folders, read-only, until it is free")
