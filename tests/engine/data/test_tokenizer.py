"""Tokenizers: every kind trains, byte-level kinds round-trip exactly, roles are found, errors are ours."""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tokenizers import Tokenizer, models, pre_tokenizers

from lmstudio_app.config import TokenizerConfig
from lmstudio_app.config.schema import TOKENIZER_KINDS
from lmstudio_app.engine.data.builtin import python_docs
from lmstudio_app.engine.data.tokenizer import (
    BYTE_OF_CHAR,
    ROLES,
    SENTINEL,
    TextTokenizer,
    byte_level_label,
    diagnose,
    library_errors,
    train_tokenizer,
)
from lmstudio_app.errors import TokenizerError

MIXED = ["Python's for statement iterates over a sequence.", "多语言文本：中文、日本語、한국어。", "emoji 🙂🚀 and ✓ ok",
         "tabs\tand\nnewlines  double  spaces"]


@pytest.fixture(scope="module")
def corpus_texts():
    return [d.text for d in python_docs()][:40] + MIXED * 3


@pytest.mark.parametrize("kind", TOKENIZER_KINDS)
def test_every_kind_trains_with_all_roles_and_reports_progress(kind, corpus_texts):
    reports = []
    tokenizer = train_tokenizer(TokenizerConfig(kind=kind, vocab_size=600, min_frequency=1), corpus_texts,
                                total_chars=sum(map(len, corpus_texts)), sentinels=4,
                                progress=lambda phase, fraction: reports.append(fraction))
    ids = [getattr(tokenizer.special, role) for role in ROLES]
    assert len(set(ids)) == len(ROLES)
    assert len(tokenizer.special.sentinels) == 4
    assert tokenizer.backend.id_to_token(tokenizer.special.sentinels[2]) == SENTINEL.format(2)
    assert tokenizer.backend.id_to_token(tokenizer.special.mask) == "[MASK]"
    assert reports[-1] == 1.0 and 0 < reports[len(reports) // 2] < 1
    assert tokenizer.vocab_size <= 600 + 11 or kind == "char"
    encoded = tokenizer.encode("The for statement")
    assert encoded and not any(tokenizer.is_special(i) for i in encoded)


@pytest.mark.parametrize("kind", ["byte-bpe", "char"])
def test_round_trip_is_exact_including_chinese_and_emoji(kind, corpus_texts):
    tokenizer = train_tokenizer(TokenizerConfig(kind=kind, vocab_size=800, min_frequency=1,
                                                normalization="none"), corpus_texts)
    for text in MIXED + ["  leading and trailing  ", "a" * 300]:
        ids = tokenizer.encode(text)
        assert tokenizer.decode(ids) == text
        assert tokenizer.special.unk not in ids


def test_byte_level_never_needs_unknown_tokens(corpus_texts):
    tokenizer = train_tokenizer(TokenizerConfig(kind="byte-bpe", vocab_size=400), corpus_texts)
    text = "完全没见过的字符 ☃ ꙮ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"
    assert tokenizer.decode(tokenizer.encode(text)) == text


def test_char_tokenizer_keeps_the_most_frequent_characters():
    tokenizer = train_tokenizer(TokenizerConfig(kind="char", vocab_size=7 + 3), ["aaaa bbb cc d"] * 5)
    assert tokenizer.vocab_size == 10
    assert tokenizer.token_texts(tokenizer.encode("abd")) == ["a", "b", "[UNK]"]


def test_save_and_load_round_trip(tmp_path, corpus_texts):
    tokenizer = train_tokenizer(TokenizerConfig(kind="wordpiece", vocab_size=500, lowercase=True), corpus_texts,
                                sentinels=2)
    tokenizer.save(tmp_path / "tokenizer.json")
    loaded = TextTokenizer.load(tmp_path / "tokenizer.json", sentinels=2)
    assert loaded.special == tokenizer.special
    assert loaded.encode("Iterates OVER a sequence") == tokenizer.encode("iterates over a sequence")


def test_foreign_tokenizer_json_gets_missing_roles_added(tmp_path):
    foreign = Tokenizer(models.WordLevel(vocab={"<unk>": 0, "<s>": 1, "</s>": 2, "hello": 3, "world": 4},
                                         unk_token="<unk>"))
    foreign.pre_tokenizer = pre_tokenizers.Whitespace()
    foreign.add_special_tokens(["<unk>", "<s>", "</s>"])
    path = tmp_path / "foreign.json"
    path.write_text(foreign.to_str())
    tokenizer = TextTokenizer.load(path)
    assert (tokenizer.special.unk, tokenizer.special.bos, tokenizer.special.eos) == (0, 1, 2)
    assert tokenizer.backend.id_to_token(tokenizer.special.mask) == "[MASK]"
    assert tokenizer.backend.id_to_token(tokenizer.special.pad) == "[PAD]"
    assert tokenizer.encode("hello world") == [3, 4]


def test_bad_tokenizer_files_are_tokenizer_errors(tmp_path):
    with pytest.raises(TokenizerError, match="no such tokenizer file"):
        TextTokenizer.load(tmp_path / "missing.json")
    garbage = tmp_path / "garbage.json"
    garbage.write_text(json.dumps({"model": {"type": "Nonsense"}}))
    with pytest.raises(TokenizerError, match="garbage.json: not a tokenizer"):
        TextTokenizer.load(garbage)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(TokenizerError, match="binary.json"):
        TextTokenizer.load(binary)


def test_training_failures_are_tokenizer_errors():
    with pytest.raises(TokenizerError, match="training a unigram tokenizer"):
        train_tokenizer(TokenizerConfig(kind="unigram", vocab_size=16), ["every letter of the alphabet: "
                                                                          "abcdefghijklmnopqrstuvwxyz"] * 5)
    with pytest.raises(TokenizerError, match="no tokens"):
        train_tokenizer(TokenizerConfig(kind="char", vocab_size=300), [])


def test_rust_panics_become_tokenizer_errors():
    # Every PyO3 extension (tokenizers, safetensors) defines its own pyo3_runtime.PanicException.
    panic = next(c for c in BaseException.__subclasses__() if c.__name__ == "PanicException")
    assert not issubclass(panic, Exception)
    with pytest.raises(TokenizerError, match="the tokenizers library failed"):
        with library_errors("encoding"):
            raise panic("called `Option::unwrap()` on a `None` value")
    with pytest.raises(KeyboardInterrupt):
        with library_errors("encoding"):
            raise KeyboardInterrupt


def test_diagnostics(corpus_texts):
    tokenizer = train_tokenizer(TokenizerConfig(kind="bpe", vocab_size=500), corpus_texts)
    report = diagnose(tokenizer, ["the for statement and the while statement ☃"])
    assert report.vocab_size == tokenizer.vocab_size
    assert 0 < report.unknown_rate < 0.2  # the snowman is unknown to a BPE trained without it
    assert report.tokens_per_word >= 1 and 0 < report.tokens_per_character <= 1
    assert len(report.longest_tokens) == 10
    assert report.most_frequent[0][1] >= report.most_frequent[-1][1]
    assert "tokens per word" in report.describe()


@pytest.fixture(scope="module")
def tokenizers_of_every_kind(corpus_texts):
    return {kind: train_tokenizer(TokenizerConfig(kind=kind, vocab_size=600, min_frequency=1), corpus_texts)
            for kind in TOKENIZER_KINDS}


PIECES = ["the", " for", " statement", "语言", "模型", "注意力", "🙂", "👍🏽", "🚀", " ", "\n", "é", "iterates", "。"]


@pytest.mark.parametrize("kind", TOKENIZER_KINDS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(PIECES), min_size=1, max_size=30), split=st.floats(0, 1))
def test_streamed_text_adds_up_to_the_decoded_sequence(kind, tokenizers_of_every_kind, words, split):
    """Generation streams text as tokens arrive: the pieces must be exactly what decoding all tokens gives,
    and never show half a character when the whole text has none."""
    tokenizer = tokenizers_of_every_kind[kind]
    ids = tokenizer.encode("".join(words))
    cut = int(split * len(ids))
    context, generated = ids[:cut], ids[cut:]
    stream = tokenizer.stream(context)
    assert tokenizer.decode(context).startswith(stream.start)
    pieces = [stream.push(token) for token in generated] + [stream.flush()]
    whole = tokenizer.decode(ids)
    assert stream.start + "".join(pieces) == whole
    if not context:
        assert "".join(pieces) == tokenizer.decode(generated)
    if "\ufffd" not in whole:
        assert not any("\ufffd" in piece for piece in pieces)


def test_byte_level_tokens_read_as_characters_or_hex_bytes(tokenizers_of_every_kind):
    tokenizer = tokenizers_of_every_kind["byte-bpe"]
    text = "注意力 and 🙂"
    ids = tokenizer.encode(text)
    labels = tokenizer.token_texts(ids)
    assert not any("\ufffd" in label for label in labels)
    # Every label is its token's bytes: characters where whole, <0xNN> for the bytes of split characters.
    restored = b"".join(bytes.fromhex(part[3:5]) if part.startswith("<0x") else part.encode()
                        for label in labels for part in re.split(r"(<0x[0-9A-F]{2}>)", label) if part)
    assert restored.decode("utf-8") == text


def test_byte_level_alphabet_matches_the_pre_tokenizer():
    every_byte = bytes(range(256)).decode("latin-1")  # one character per byte value below 256
    for char in every_byte:
        (mapped, _), = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False).pre_tokenize_str(char)
        assert byte_level_label(mapped) == char
        assert bytes(BYTE_OF_CHAR[c] for c in mapped) == char.encode("utf-8")


CHINESE = "自回归语言模型的训练目标是预测下一个词。"
MIXED_CHINESE = "掩码语言模型预测被遮住的词。 Return the sum of items 🙂"
CHINESE_CORPUS = [CHINESE, MIXED_CHINESE, "判别式微调与逐层学习率衰减。"] * 200


def test_wordpiece_isolates_each_chinese_character_as_chinese_bert_does():
    isolating = train_tokenizer(TokenizerConfig(kind="wordpiece", vocab_size=300, min_frequency=1), CHINESE_CORPUS)
    assert isolating.token_texts(isolating.encode("自回归语言模型")) == list("自回归语言模型")
    runs = train_tokenizer(TokenizerConfig(kind="wordpiece", vocab_size=300, min_frequency=1, isolate_cjk="off"),
                           CHINESE_CORPUS)
    assert max(len(t) for t in runs.token_texts(runs.encode("自回归语言模型"))) > 1  # what it did before


@pytest.mark.parametrize("kind", ["wordpiece", "byte-bpe", "bpe", "unigram", "char"])
def test_chinese_english_and_emoji_decode_exactly_and_label_without_replacement_characters(kind):
    tokenizer = train_tokenizer(TokenizerConfig(kind=kind, vocab_size=300, min_frequency=1), CHINESE_CORPUS)
    for text in (CHINESE, MIXED_CHINESE):
        ids = tokenizer.encode(text)
        assert tokenizer.decode(ids) == text  # no space put between Chinese characters
        assert "\ufffd" not in "".join(tokenizer.token_texts(ids))


def test_isolating_chinese_characters_can_be_asked_of_any_kind():
    tokenizer = train_tokenizer(TokenizerConfig(kind="unigram", vocab_size=300, isolate_cjk="on"), CHINESE_CORPUS)
    pieces = [t.strip() for t in tokenizer.token_texts(tokenizer.encode(CHINESE)) if t.strip()]
    assert all(len(piece) == 1 for piece in pieces) and "".join(pieces) == CHINESE


def test_a_chinese_character_counts_as_a_word_in_the_tokens_per_word_diagnostic():
    from lmstudio_app.engine.data.tokenizer import word_count

    assert word_count("自回归 model 🙂") == 5
    tokenizer = train_tokenizer(TokenizerConfig(kind="wordpiece", vocab_size=300, min_frequency=1), CHINESE_CORPUS)
    assert diagnose(tokenizer, [CHINESE]).tokens_per_word == pytest.approx(1.0)  # one token per character
