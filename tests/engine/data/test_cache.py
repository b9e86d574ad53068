"""The tokenized cache: hits, invalidation, corruption, and exact agreement with the tokenizer."""

import json
import os

import numpy as np
import pytest

from lmstudio_app.config import ExperimentConfig, apply_overrides
from lmstudio_app.engine.data import cache
from lmstudio_app.engine.data.prepare import plan_corpus, prepare_data

pytestmark = pytest.mark.usefixtures("isolated_home")


def files_config(path, *more):
    return apply_overrides(ExperimentConfig(), ["data.corpus=files", f"data.paths={json.dumps([str(path)])}",
                                                "tokenizer.kind=byte-bpe", "tokenizer.vocab_size=300",
                                                "data.validation_fraction=0.25", *more])


@pytest.fixture
def corpus_file(tmp_path):
    path = tmp_path / "corpus.txt"
    paragraphs = [f"Paragraph {i}. It has two sentences! 第{i}段。" for i in range(40)]
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return path


def test_second_run_hits_the_cache_and_tokens_match_the_tokenizer(corpus_file):
    config = files_config(corpus_file)
    first = prepare_data(config)
    second = prepare_data(config)
    assert (first.cache_hit, second.cache_hit) == (False, True)
    assert np.array_equal(first.train.tokens, second.train.tokens)
    assert first.train.num_documents == 30 and first.validation.num_documents == 10
    plan = plan_corpus(config)
    train_texts = list(plan.texts("train"))
    for index, text in enumerate(train_texts):
        ids = first.train.document_tokens(index).tolist()
        assert first.tokenizer.decode(ids) == text
        start, end = first.train.document_span(index)
        assert first.train.tokens[end] == first.tokenizer.special.eos
        assert [first.tokenizer.decode(s.tolist()) for s in first.train.document_sentences(index)] == [
            text[: text.index("! ") + 2].split(". ")[0] + ". ", "It has two sentences! ", text.split("! ")[1]]


def test_same_seed_gives_same_split_and_ids_and_another_seed_does_not(corpus_file):
    a = prepare_data(files_config(corpus_file, "data.seed=1"))
    b = prepare_data(files_config(corpus_file, "data.seed=1"))
    c = prepare_data(files_config(corpus_file, "data.seed=2"))
    assert np.array_equal(a.validation.tokens, b.validation.tokens)
    assert not np.array_equal(a.validation.tokens, c.validation.tokens)


def test_changed_corpus_or_tokenizer_invalidates(corpus_file):
    config = files_config(corpus_file)
    prepare_data(config)
    corpus_file.write_text(corpus_file.read_text(encoding="utf-8") + "\n\nOne more paragraph.", encoding="utf-8")
    assert prepare_data(config).cache_hit is False
    assert prepare_data(config).cache_hit is True
    assert prepare_data(files_config(corpus_file, "tokenizer.kind=char")).cache_hit is False


def _cache_folder():
    (folder,) = [p for p in cache.cache_root().iterdir() if not p.name.startswith(".")]
    return folder


@pytest.mark.parametrize("damage", ["flip a token", "truncate tokens", "delete meta", "garbage meta",
                                    "delete sentences"])
def test_corrupt_or_partial_cache_is_rebuilt(corpus_file, damage):
    config = files_config(corpus_file)
    good = prepare_data(config)
    expected = np.array(good.train.tokens)
    folder = _cache_folder()
    tokens = folder / "train.tokens"
    if damage == "flip a token":
        data = bytearray(tokens.read_bytes())
        data[10] ^= 0xFF
        tokens.write_bytes(bytes(data))
    elif damage == "truncate tokens":
        os.truncate(tokens, tokens.stat().st_size // 2)
    elif damage == "delete meta":
        (folder / "meta.json").unlink()
    elif damage == "garbage meta":
        (folder / "meta.json").write_text("{not json")
    else:
        (folder / "train.sentences.npy").unlink()
    rebuilt = prepare_data(config)
    assert rebuilt.cache_hit is False
    assert np.array_equal(np.array(rebuilt.train.tokens), expected)
    assert prepare_data(config).cache_hit is True


def test_interrupted_build_leaves_no_cache(corpus_file, monkeypatch):
    config = files_config(corpus_file)

    def exploding_progress(phase, fraction):
        if phase.english() == "tokenizing the corpus":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        prepare_data(config, exploding_progress)
    assert not any(cache.cache_root().iterdir())
    assert prepare_data(config).cache_hit is False


def test_chinese_corpus_end_to_end_with_every_kind(tmp_path):
    path = tmp_path / "zh.txt"
    path.write_text("\n\n".join(["床前明月光，疑是地上霜。举头望明月，低头思故乡。"] * 12), encoding="utf-8")
    for kind in ["char", "byte-bpe", "bpe", "wordpiece", "unigram"]:
        data = prepare_data(apply_overrides(files_config(path), [f"tokenizer.kind={kind}",
                                                                 "tokenizer.vocab_size=120",
                                                                 "tokenizer.min_frequency=1"]))
        ids = data.train.document_tokens(0).tolist()
        assert len(ids) > 5
        assert data.tokenizer.special.unk not in ids
        assert "明月" in data.tokenizer.decode(ids).replace(" ", "")
