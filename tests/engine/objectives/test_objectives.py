"""Objectives: statistics match their settings, invariants hold, specials and padding are never targets."""

import numpy as np
import pytest
import torch

from lmstudio_app.engine.objectives import IGNORE, Tag, example_rngs
from lmstudio_app.engine.objectives.batch import collate

from .conftest import make


def examples(objective, split, count, seed=0):
    rng = np.random.default_rng(seed)
    return [objective.example(split, rng) for _ in range(count)]


def test_mlm_selection_and_80_10_10_split(docs_wordpiece):
    config, data, objective = docs_wordpiece
    maskable = selected = masked = replaced = kept = 0
    for example in examples(objective, data.train, 500):
        special = np.isin(example.original, list(data.tokenizer.special.all()))
        maskable += int((~special).sum())
        chosen = example.labels != IGNORE
        assert not (chosen & special).any()
        assert (example.labels[chosen] == example.original[chosen]).all()
        selected += int(chosen.sum())
        masked += int((example.input_tags == Tag.MASKED).sum())
        replaced += int((example.input_tags == Tag.REPLACED).sum())
        kept += int((example.input_tags == Tag.KEPT).sum())
        assert (example.input_ids[example.input_tags == Tag.MASKED] == data.tokenizer.special.mask).all()
    assert maskable > 30_000
    assert abs(selected / maskable - 0.15) < 0.01
    assert abs(masked / selected - 0.8) < 0.02
    assert abs(replaced / selected - 0.1) < 0.02
    assert abs(kept / selected - 0.1) < 0.02


def test_mlm_batch_pads_without_targets_and_uses_separators(docs_wordpiece, tmp_path):
    _, data, objective = docs_wordpiece
    batch = objective.batch(data.train, example_rngs(1, indices=range(16)))
    assert batch.input_ids.shape == (16, 64)
    real = torch.ones_like(batch.input_ids, dtype=torch.bool) if batch.attention_mask is None \
        else batch.attention_mask == 1
    assert ((batch.labels != IGNORE) <= real).all()
    short = tmp_path / "short.txt"
    short.write_text("\n\n".join(f"Sentence {i} is short. So is the next one." for i in range(40)))
    _, short_data, nsp = make("files", "wordpiece", "mlm", "objective.next_sentence_prediction=true",
                              f"data.paths=['{short}']")
    data = short_data
    pairs = nsp.batch(data.train, example_rngs(1, indices=range(16)))
    padded = pairs.attention_mask == 0
    assert padded.any() and not (pairs.labels[padded] != IGNORE).any()
    assert (pairs.input_ids[padded] == data.tokenizer.special.pad).all()
    assert (batch.input_ids[:, 0] == data.tokenizer.special.cls).all()
    assert not (batch.input_ids == data.tokenizer.special.eos).any()


def test_whole_word_masking_selects_whole_words():
    """Words are read off the vocabulary itself: a word is a token without "##" and the "##" pieces after it.
    (A tokenizer loaded from disk once made every example one word: nothing, or everything, was masked.)"""
    _, data, objective = make("python-docs", "wordpiece", "mlm", "objective.whole_word_masking=true")
    special = data.tokenizer.special.all()
    partial_words = continuation_selected = words_seen = words_selected = some_but_not_all = 0
    for example in examples(objective, data.train, 200):
        raw = [data.tokenizer.backend.id_to_token(int(t)) for t in example.original]
        chosen = example.labels != IGNORE
        some_but_not_all += 0 < chosen.sum() < len(example.original) - 2
        starts = [i for i, (r, t) in enumerate(zip(raw, example.original))
                  if t not in special and not r.startswith("##")]
        for begin, end in zip(starts, starts[1:] + [len(raw)]):
            while end - 1 > begin and example.original[end - 1] in special:
                end -= 1
            words_seen += 1
            words_selected += bool(chosen[begin])
            partial_words += int(chosen[begin:end].any() and not chosen[begin:end].all())
        continuation_selected += sum(1 for r, c in zip(raw, chosen) if c and r.startswith("##"))
    assert partial_words == 0
    assert continuation_selected > 0  # "##" pieces are selected, always together with their word
    assert words_seen > 5000 and abs(words_selected / words_seen - 0.15) < 0.015
    assert some_but_not_all > 190


def test_nsp_pairs_are_balanced_and_true_pairs_are_contiguous():
    _, data, objective = make("python-docs", "wordpiece", "mlm", "objective.next_sentence_prediction=true")
    special = data.tokenizer.special
    labels = []
    for example in examples(objective, data.train, 1500):
        labels.append(example.sequence_label)
        ids, segments = example.original, example.segment_ids
        assert ids[0] == special.cls and ids[-1] == special.sep and (segments[:2] == 0).all() and segments[-1] == 1
        assert (example.labels[[0, -1]] == IGNORE).all()
        first = ids[1:np.flatnonzero(ids == special.sep)[0]]
        second = ids[len(first) + 2:-1]
        if example.sequence_label == 0:
            joined = np.concatenate([first, second]).tobytes()
            assert any(joined in data.train.document_tokens(d).astype(np.int64).tobytes()
                       for d in range(data.train.num_documents))
    assert abs(np.mean(labels) - 0.5) < 0.04


def reconstruct_span_corruption(inputs, target, sentinels, eos):
    """Rebuild the original from a T5 (input, target) pair."""
    assert target[-1] == eos
    spans, current = {}, None
    for token in target[:-1]:
        if token in sentinels:
            current = token
            spans[current] = []
        else:
            spans[current].append(token)
    out = []
    for token in inputs[:-1]:
        out.extend(spans[token] if token in sentinels else [token])
    return np.array(out)


def test_span_corruption_reconstructs_and_matches_density_and_span_length():
    _, data, objective = make("python-docs", "byte-bpe", "span-corruption", seq_len=128)
    special = data.tokenizer.special
    sentinels = set(special.sentinels)
    noise = total = spans = 0
    for example in examples(objective, data.train, 300):
        inputs, target = example.input_ids, example.labels
        assert len(inputs) <= objective.seq_len and len(target) == objective.target_len
        assert inputs[-1] == special.eos and target[-1] == special.eos
        assert np.array_equal(reconstruct_span_corruption(inputs.tolist(), target.tolist(), sentinels, special.eos),
                              example.original)
        assert np.array_equal(example.decoder_input_ids[1:], target[:-1])
        span_count = int((example.input_tags == Tag.SENTINEL).sum())
        noise += len(target) - 1 - span_count
        spans += span_count
        total += len(example.original)
    assert abs(noise / total - 0.15) < 0.01
    assert abs(noise / spans - 3.0) < 0.3


@pytest.mark.parametrize("permute", [True, False])
def test_denoising_target_is_the_original_and_masking_matches_settings(permute):
    _, data, objective = make("python-docs", "byte-bpe", "denoising", f"objective.permute_sentences={str(permute).lower()}",
                              seq_len=128)
    special = data.tokenizer.special
    masked_tokens = total = 0
    span_lengths = []
    for example in examples(objective, data.train, 300):
        assert np.array_equal(example.labels, np.concatenate([example.original, [special.eos]]))
        assert np.array_equal(example.decoder_input_ids, np.concatenate([[special.bos], example.original]))
        assert example.input_ids[0] == special.bos and example.input_ids[-1] == special.eos
        lengths = [int(x) for x in example.notes[1].params["lengths"]]
        span_lengths += lengths
        masked_tokens += sum(lengths)
        total += len(example.original)
        assert (example.input_tags == Tag.MASKED).sum() + (example.input_tags == Tag.INSERTED).sum() == len(lengths)
        if not permute:
            kept = example.input_ids[example.input_tags == Tag.PLAIN]
            position = 0
            for token in kept:  # the kept tokens appear in order within the original
                position = int(np.flatnonzero(example.original[position:] == token)[0]) + position + 1
    assert abs(masked_tokens / total - 0.3) < 0.01
    assert abs(np.mean(span_lengths) - 3.0) < 0.3
    assert any(length == 0 for length in span_lengths)


def test_clm_and_prefix_lm_targets():
    _, data, clm = make("python-docs", "char", "clm")
    example = clm.example(data.train, np.random.default_rng(0))
    assert np.array_equal(example.input_ids[1:], example.labels[:-1])
    batch = clm.batch(data.train, example_rngs(0, indices=range(8)))
    assert batch.attention_mask is None or bool(batch.attention_mask.all())
    one_by_one = collate([clm.example(data.train, rng) for rng in example_rngs(0, indices=range(8))], clm.seq_len,
                         clm.special.pad)  # the vectorized batch is exactly the examples' batch
    assert torch.equal(batch.input_ids, one_by_one.input_ids) and torch.equal(batch.labels, one_by_one.labels)
    _, data, prefix = make("python-docs", "char", "prefix-lm")
    for example in examples(prefix, data.train, 100):
        p = example.prefix_length
        assert 1 <= p < prefix.seq_len
        assert (example.labels[: p - 1] == IGNORE).all() and (example.labels[p - 1:] != IGNORE).all()
        assert (example.input_tags[:p] == Tag.PREFIX).all()
        assert np.array_equal(example.input_ids, example.original[:-1])  # labels are not a view of inputs


def test_seeded_batches_are_reproducible(docs_wordpiece):
    _, data, objective = docs_wordpiece
    a = objective.batch(data.train, example_rngs(7, 3, indices=range(8)))
    b = objective.batch(data.train, example_rngs(7, 3, indices=range(8)))
    c = objective.batch(data.train, example_rngs(7, 4, indices=range(8)))
    halves = [objective.batch(data.train, example_rngs(7, 3, indices=r)) for r in (range(4), range(4, 8))]
    assert (torch.cat([h.input_ids for h in halves]) == a.input_ids).all()
    assert (a.input_ids == b.input_ids).all() and (a.labels == b.labels).all()
    assert not (a.input_ids == c.input_ids).all()


def test_inspector_renders_every_objective():
    from lmstudio_app.engine.objectives.inspector import inspect_example

    for corpus, kind, name, extra in [("python-docs", "char", "clm", ()), ("python-docs", "char", "prefix-lm", ()),
                                      ("python-docs", "wordpiece", "mlm", ("objective.next_sentence_prediction=true",)),
                                      ("python-docs", "unigram", "span-corruption", ()),
                                      ("python-docs", "byte-bpe", "denoising", ())]:
        _, data, objective = make(corpus, kind, name, *extra)
        shown = inspect_example(objective, data.train, seed=1)
        text = shown.render()
        assert shown.objective.startswith(name) and "model input:" in text
        tags = {t.tag for t in shown.inputs}
        expected = {"clm": "target", "prefix-lm": "prefix", "mlm": "masked", "span-corruption": "sentinel",
                    "denoising": "masked"}[name]
        assert expected in tags
        if name == "mlm":
            assert shown.segments is not None and "next-sentence label" in shown.notes[0].english()
        assert ("\033[" in shown.render(color=True)) == (name != "clm")
