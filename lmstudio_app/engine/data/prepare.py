"""From an experiment config to a tokenizer and tokenized train/validation splits.

This is the one entry point training uses. Each slow step (reading the
corpus, training the tokenizer, tokenizing) reports progress, and the two
expensive results are cached by content hash in the user data folder.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from lmstudio_app.config.schema import ExperimentConfig
from lmstudio_app.engine.data import cache
from lmstudio_app.engine.data.corpora import (
    Corpus,
    CorpusScan,
    open_corpus,
    scan_corpus,
    summarize,
    validation_indices,
)
from lmstudio_app.engine.data.documents import CorpusSummary
from lmstudio_app.engine.data.tokenizer import (
    TextTokenizer,
    required_sentinels,
    train_tokenizer,
)
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.errors import TokenizerError
from lmstudio_app.fsutil import user_data_dir


@dataclass
class PreparedData:
    tokenizer: TextTokenizer
    train: cache.TokenizedSplit
    validation: cache.TokenizedSplit
    summary: CorpusSummary
    cache_hit: bool
    cache_key: str = ""  # the tokenized corpus's key: what is computed from it can be cached with it

    def describe(self) -> str:
        return self.summary.describe()


@dataclass
class CorpusPlan:
    """A corpus after its first pass: what it holds and which documents are held out."""

    corpus: Corpus
    scan: CorpusScan
    held_out: frozenset[int]

    @property
    def summary(self) -> CorpusSummary:
        return summarize(self.corpus, self.scan, self.held_out)

    def texts(self, split: str):
        want_validation = split == "validation"
        return (doc.text for index, doc in enumerate(self.corpus.documents())
                if (index in self.held_out) == want_validation)


def plan_corpus(config: ExperimentConfig, progress: Progress = no_progress) -> CorpusPlan:
    corpus = open_corpus(config.data, progress)
    scan = scan_corpus(corpus, progress)
    return CorpusPlan(corpus, scan, validation_indices(scan.documents, config.data.validation_fraction,
                                                       config.data.seed))


def obtain_tokenizer(config: ExperimentConfig, plan: CorpusPlan, progress: Progress = no_progress) -> TextTokenizer:
    """The configured tokenizer.json, or one trained on the train split (cached by content)."""
    sentinels = required_sentinels(config)
    if config.tokenizer.path:
        return TextTokenizer.load(config.tokenizer.path, sentinels)
    settings = asdict(config.tokenizer) | {"sentinels": sentinels}
    key = hashlib.sha256(repr((plan.scan.fingerprint, sorted(plan.held_out), sorted(settings.items())))
                         .encode()).hexdigest()[:32]
    path = user_data_dir() / "cache" / "tokenizers" / f"{key}.json"
    if path.exists():
        try:
            return TextTokenizer.load(path, sentinels)
        except TokenizerError:
            path.unlink(missing_ok=True)
    train_chars = plan.scan.characters if not plan.held_out else None
    tokenizer = train_tokenizer(config.tokenizer, plan.texts("train"), total_chars=train_chars,
                                sentinels=sentinels, progress=progress)
    tokenizer.save(path)
    # Reload what was saved: a fresh tokenizer's JSON can differ from its saved form
    # (float formatting), and the token cache is keyed by the JSON.
    return TextTokenizer.load(path, sentinels)


def prepare_data(config: ExperimentConfig, progress: Progress = no_progress,
                 tokenizer: TextTokenizer | None = None) -> PreparedData:
    plan = plan_corpus(config, progress)
    tokenizer = tokenizer or obtain_tokenizer(config, plan, progress)
    segmentation = plan.scan.segmentation
    key = cache.cache_key(plan.scan.fingerprint, plan.held_out, tokenizer, segmentation)
    result = cache.load_or_build(key, plan.corpus.documents(), plan.held_out, tokenizer, progress,
                                 plan.scan.characters, segmentation)
    return PreparedData(tokenizer, result.splits["train"], result.splits["validation"], plan.summary, result.hit,
                        key)
