"""Using a model through the application layer: streamed generation, classification as in training, probes."""

import numpy as np
import pytest
import torch

from lmstudio_app.config import TokenizerConfig, apply_overrides
from lmstudio_app.config.schema import TOKENIZER_KINDS
from lmstudio_app.engine.application.models import answer, classify, generate_text, open_model
from lmstudio_app.engine.application.training import train
from lmstudio_app.engine.data.tokenizer import train_tokenizer
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.runs import ModelHandle
from lmstudio_app.errors import DataError
from lmstudio_app.events import AttentionSnapshot, GenerationStarted, MasksFilled, TextGenerated
from lmstudio_app.model_requests import Classify, FillMasks, Generate, Probe
from tests.engine.finetune.conftest import encoder_config
from tests.engine.train.conftest import tiny

MIXED = ["Python's for statement iterates over a sequence.", "自回归语言模型和掩码语言模型。", "emoji 🙂🚀 and ✓ ok",
         "the attention of every head 注意力 👍🏽"] * 20


def random_decoder(kind: str, seed: int) -> ModelHandle:
    """An untrained decoder over a real tokenizer: its samples are arbitrary token sequences."""
    tokenizer = train_tokenizer(TokenizerConfig(kind=kind, vocab_size=400, min_frequency=1), MIXED)
    config = tiny(f"tokenizer.kind={kind}", f"model.vocab_size={tokenizer.vocab_size}")
    torch.manual_seed(seed)
    return ModelHandle("untrained", config, tokenizer, build_model(config).eval(), step=0)


@pytest.mark.parametrize("kind", TOKENIZER_KINDS)
def test_generated_pieces_add_up_to_the_decoded_tokens(kind):
    handle = random_decoder(kind, seed=TOKENIZER_KINDS.index(kind))
    tokenizer = handle.tokenizer
    for sample in range(4):
        events = list(generate_text(handle, Generate("the 语言 🙂", max_tokens=48, temperature=1.5, seed=sample)))
        started, generated = events[0], events[1:]
        assert isinstance(started, GenerationStarted) and started.continues_prompt
        assert all(isinstance(e, TextGenerated) for e in generated) and generated[-1].last
        assert not any(e.last for e in generated[:-1])
        prompt_ids = tokenizer.encode("the 语言 🙂")
        ids = [e.token_id for e in generated if e.token_id != tokenizer.special.eos]
        # the text shown is the tokens' text without the tokens that frame text ([PAD], [CLS], …)
        assert tokenizer.shown_text(prompt_ids) + "".join(e.text for e in generated) == \
            tokenizer.shown_text(prompt_ids + ids)
        assert all(len(e.candidates) == 5 for e in generated)


def test_a_generation_ends_after_the_token_at_which_it_is_stopped():
    """The stop flag is asked between tokens: the token at which it is set is the last, its text made final."""
    handle = random_decoder("char", seed=0)
    generated = []
    for event in generate_text(handle, Generate("the", max_tokens=100_000, temperature=0),
                               stopped=lambda: len(generated) >= 6):  # asked after the 7th token
        if isinstance(event, TextGenerated):
            generated.append(event)
    assert len(generated) == 7 and generated[-1].last and not any(e.last for e in generated[:-1])


def test_an_encoder_decoder_answers_rather_than_continues(tmp_path):
    config = tiny("model.family=encoder-decoder", "objective.name=span-corruption", "training.steps=2",
                  "training.eval_every=0")
    train(config, tmp_path / "run")
    events = list(answer(open_model(tmp_path / "run"), Generate("def f():", max_tokens=5, seed=0)))
    assert not events[0].continues_prompt and events[-1].last


@pytest.mark.parametrize("family", ["decoder", "encoder-decoder"])
def test_a_prompt_longer_than_the_context_says_how_much_was_not_read(family):
    """A decoder reads the last max_seq_len tokens of a long prompt, an encoder the first ones: the answer is
    to a shorter question, and the person is told how many tokens were left out (transformers would refuse)."""
    tokenizer = train_tokenizer(TokenizerConfig(kind="char", vocab_size=400, min_frequency=1), MIXED)
    config = tiny(f"model.family={family}", f"model.vocab_size={tokenizer.vocab_size}",
                  *(["objective.name=span-corruption"] if family == "encoder-decoder" else []))
    handle = ModelHandle("untrained", config, tokenizer, build_model(config).eval(), step=0)
    framing = tokenizer.framing_for(family)
    short, long = "for x in y", "for x in y: " * 10  # 10 and 120 characters, the context being 32 tokens
    started = next(iter(generate_text(handle, Generate(short, max_tokens=1, temperature=0))))
    assert started.unread_tokens == 0
    started = next(iter(generate_text(handle, Generate(long, max_tokens=1, temperature=0))))
    assert started.unread_tokens == len(framing.frame(tokenizer.encode(long)).ids) - 32 > 0


def test_requests_a_model_cannot_answer_are_sentences(tmp_path):
    train(tiny("training.steps=2", "training.eval_every=0"), tmp_path / "decoder")
    decoder = open_model(tmp_path / "decoder")
    with pytest.raises(DataError, match="a model of the decoder family trained for clm pretraining; it cannot fill masks"):
        list(answer(decoder, FillMasks("a [MASK] b")))
    with pytest.raises(DataError, match="it cannot classify"):
        classify(decoder, Classify("text"))
    probe = next(answer(decoder, Probe("for x in y")))
    assert isinstance(probe, AttentionSnapshot) and probe.step == 2


def test_fill_masks_answers_each_mask(tmp_path):
    train(encoder_config("training.steps=2"), tmp_path / "encoder")
    filled = next(answer(open_model(tmp_path / "encoder"), FillMasks("the [MASK] statement [MASK] over", 3)))
    assert isinstance(filled, MasksFilled) and len(filled.masks) == 2 and all(len(m) == 3 for m in filled.masks)


@pytest.mark.parametrize("family", ["encoder", "decoder"])
def test_classification_formats_pairs_and_tags_as_training_does(tmp_path, family):
    """A decoder tagger reads no [EOS] (training never showed it one); pairs reach the model as pairs."""
    rows = tmp_path / "pairs.jsonl"
    rows.write_text("\n".join(f'{{"text": "word{i} a", "second": "other{i}", "label": "{"ab"[i % 2]}"}}'
                              for i in range(40)))
    objective = "mlm" if family == "encoder" else "clm"
    pair = apply_overrides(encoder_config(), [
        f"model.family={family}", f"objective.name={objective}", "finetune.task=pair-classification",
        "finetune.dataset=files", f"finetune.paths=['{rows}']", "finetune.pair_field=second", "training.steps=2"])
    train(pair, tmp_path / "pair")
    handle = open_model(tmp_path / "pair")
    one = classify(handle, Classify("word3 a", "other3"))
    assert {label for label, _ in one.labels} == {"a", "b"}
    assert sum(p for _, p in one.labels) == pytest.approx(1.0, abs=1e-5)
    other = classify(handle, Classify("word3 a", "something else entirely"))
    assert not np.allclose([p for _, p in one.labels], [p for _, p in other.labels])  # the pair is read

    tags = tmp_path / "tags.jsonl"
    tags.write_text("\n".join(f'{{"text": ["def", "f{i}", "(", ")"], "label": ["KW", "NAME", "OP", "OP"]}}'
                              for i in range(40)))
    tagger = apply_overrides(pair, ["finetune.task=token-classification", f"finetune.paths=['{tags}']"])
    train(tagger, tmp_path / "tagger")
    handle = open_model(tmp_path / "tagger")
    tagged = classify(handle, Classify("def f7 ( )"))
    tokens = handle.tokenizer.token_texts(handle.tokenizer.encode("def f7 ( )"))
    assert [text for text, _, _ in tagged.tokens] == tokens
    assert {tag for _, tag, _ in tagged.tokens} <= {"KW", "NAME", "OP", "O"}
