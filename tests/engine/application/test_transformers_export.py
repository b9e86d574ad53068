"""A run exported for transformers loads there with no custom code and computes what our model computes."""

import pytest
import torch

from lmstudio_app.cli import main
from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.config.framing import task_framing
from lmstudio_app.engine.application.export import export_run
from lmstudio_app.engine.application.training import train
from lmstudio_app.engine.generate import generate_ids
from lmstudio_app.engine.runs import load_run
from lmstudio_app.errors import ConfigError
from tests.engine.application.answers import lmstudio_answers, transformers_answers

transformers = pytest.importorskip("transformers")  # the test extra, installed by the README's commands

MIXED = "Return the sum of items: 总和 🙂 for x in range(3)"


def gpt2_shaped(*extra: str):
    return apply_overrides(load_preset("gpt-nano"), [
        "tokenizer.kind=byte-bpe", "tokenizer.vocab_size=400", "model.d_model=32", "model.n_heads=2",
        "training.steps=30", "training.batch_size=8", "training.eval_every=0", "training.probe_every=0",
        "training.checkpoint_every=0", "model.tie_embeddings=false", *extra])


LLAMA = ["model.position=rotary", "model.norm=rmsnorm", "model.activation=swiglu", "model.bias=false"]
BERT = ["model.family=encoder", "objective.name=mlm", "model.norm_position=post", "tokenizer.kind=wordpiece",
        "model.n_segments=2"]
BART = ["model.family=encoder-decoder", "objective.name=denoising", "model.norm_position=post",
        "model.n_decoder_layers=2"]
T5 = ["model.family=encoder-decoder", "objective.name=span-corruption", "model.position=relative",
      "model.norm=rmsnorm", "model.activation=geglu", "model.bias=false", "model.tie_embeddings=true",
      "model.n_decoder_layers=2", "model.relative_buckets=16", "model.relative_max_distance=24",
      "tokenizer.kind=unigram", "tokenizer.sentinels=8"]
SHAPES = {"GPT2LMHeadModel": [], "LlamaForCausalLM": LLAMA, "BertForMaskedLM": BERT,
          "BertForPreTraining": BERT + ["objective.next_sentence_prediction=true"],
          "BartForConditionalGeneration": BART, "T5ForConditionalGeneration": T5,
          "BertForSequenceClassification": BERT + ["finetune.task=sequence-classification",
                                                   "finetune.dataset=docstring-family", "finetune.max_examples=200"],
          "BertForTokenClassification": BERT + ["finetune.task=token-classification",
                                                "finetune.dataset=python-token-types", "finetune.max_examples=100"]}
SEQ2SEQ = ("BartForConditionalGeneration", "T5ForConditionalGeneration")
CAUSAL = ("GPT2LMHeadModel", "LlamaForCausalLM")
AUTO = {"GPT2LMHeadModel": "AutoModelForCausalLM", "LlamaForCausalLM": "AutoModelForCausalLM",
        "BertForMaskedLM": "AutoModelForMaskedLM", "BertForPreTraining": "AutoModelForPreTraining",
        "BartForConditionalGeneration": "AutoModelForSeq2SeqLM", "T5ForConditionalGeneration": "AutoModelForSeq2SeqLM",
        "BertForSequenceClassification": "AutoModelForSequenceClassification",
        "BertForTokenClassification": "AutoModelForTokenClassification"}
FINE_TUNED = {"BertForSequenceClassification": "classifier", "BertForTokenClassification": "tagger"}


@pytest.fixture(scope="module", params=sorted(SHAPES))
def exported(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    last = train(gpt2_shaped(*SHAPES[request.param]), folder / "run")
    assert last.reason == "completed", last
    export_run(folder / "run", folder / "hf", format="transformers")
    return load_run(folder / "run", "best"), folder / "hf", request.param


@torch.no_grad()
def test_the_exported_model_loads_in_transformers_and_gives_our_logits(exported):
    ours, folder, architecture = exported
    theirs = getattr(transformers, AUTO[architecture]).from_pretrained(folder).eval()
    assert type(theirs).__name__ == architecture
    ids = torch.tensor([ours.tokenizer.encode(MIXED)[:30]] * 2)
    model = ours.model.eval()
    if architecture in CAUSAL:
        expected = model.heads["lm"](model(ids).hidden)
        difference = (theirs(ids).logits - expected).abs().max().item()
    elif architecture in FINE_TUNED:  # the fine-tuned head, and its labels by name
        mask = torch.ones_like(ids)
        mask[1, -5:] = 0
        hidden = model(ids, mask).hidden
        head = model.heads[FINE_TUNED[architecture]]
        expected = head(hidden, mask) if architecture == "BertForSequenceClassification" else head(hidden)
        difference = (theirs(ids, attention_mask=mask).logits - expected).abs().max().item()
        labels = ours.config.finetune.labels
        assert len(labels) >= 3 and [theirs.config.id2label[i] for i in range(len(labels))] == labels
    elif architecture in SEQ2SEQ:
        mask = torch.ones_like(ids)
        mask[1, -5:] = 0  # padding in the source
        target = torch.tensor([[ours.tokenizer.special.bos, *ours.tokenizer.encode("sum of")[:6]]] * 2)
        expected = model.heads["lm"](model(ids, mask, decoder_input_ids=target).hidden)
        logits = theirs(ids, attention_mask=mask, decoder_input_ids=target).logits
        difference = (logits - expected).abs().max().item()
    else:  # padding included: the second sequence's last 5 tokens are padding
        mask = torch.ones_like(ids)
        mask[1, -5:] = 0
        hidden = model(ids, mask).hidden
        out = theirs(ids, attention_mask=mask)
        logits = out.prediction_logits if architecture == "BertForPreTraining" else out.logits
        difference = (logits - model.heads["mlm"](hidden)).abs().max().item()
        if architecture == "BertForPreTraining":
            nsp = (out.seq_relationship_logits - model.heads["nsp"](hidden, mask)).abs().max().item()
            difference = max(difference, nsp)
    assert difference <= 1e-4, difference


def test_the_exported_tokenizer_encodes_like_ours(exported):
    """Called normally (special tokens on), transformers' tokenizer frames text as the app does: [CLS] … [SEP]
    for an encoder, … [EOS] for an encoder-decoder, nothing added for a decoder."""
    ours, folder, _ = exported
    theirs = transformers.AutoTokenizer.from_pretrained(folder)
    assert theirs.encode(MIXED, add_special_tokens=False) == ours.tokenizer.encode(MIXED)
    family = ours.config.model.family
    framing = task_framing(ours.tokenizer.framing_for(family), family, ours.config.finetune.task)
    assert theirs(MIXED)["input_ids"] == framing.frame(ours.tokenizer.encode(MIXED)).ids
    pair = theirs(MIXED, "sum of")
    framed = framing.frame(ours.tokenizer.encode(MIXED), ours.tokenizer.encode("sum of"))
    assert pair["input_ids"] == framed.ids and pair.get("token_type_ids", framed.segments) == framed.segments
    assert theirs.eos_token_id == ours.tokenizer.special.eos and theirs.pad_token_id == ours.tokenizer.special.pad


QUESTIONS = {"generate": ["def ", "Return the"], "fill-mask": ["Return the [MASK] of items", "for x in [MASK]:"],
             "classify": ["Return the sum of items.", "Open the file and read it."]}


def test_transformers_answers_an_exported_run_as_lmstudio_does(exported):
    """What a person sees: generated text, the top tokens for a mask, labels and tags, from transformers'
    generate and pipelines with the tokenizer called normally, and from the lmstudio commands."""
    ours, folder, architecture = exported
    asked = QUESTIONS["generate" if architecture in CAUSAL + SEQ2SEQ else
                      "classify" if architecture in FINE_TUNED else "fill-mask"]
    assert lmstudio_answers(ours.run_dir, architecture, asked) == transformers_answers(folder, architecture, asked)


@torch.no_grad()
def test_greedy_generation_matches_transformers_token_for_token(exported):
    ours, folder, architecture = exported
    if architecture not in CAUSAL + SEQ2SEQ:
        pytest.skip("encoders do not generate")
    theirs = getattr(transformers, AUTO[architecture]).from_pretrained(folder).eval()
    prompt = ours.tokenizer.encode("def ")
    mine = [t.token_id for t in generate_ids(ours.model, ours.tokenizer, prompt, max_new_tokens=30, temperature=0)]
    special = ours.tokenizer.special
    # the decoder's own start token leads a seq2seq answer; a decoder's answer follows its prompt
    skip = 1 if architecture in SEQ2SEQ else len(prompt)
    generated = theirs.generate(torch.tensor([prompt]), attention_mask=torch.ones(1, len(prompt), dtype=torch.long),
                                do_sample=False, max_new_tokens=30, eos_token_id=special.eos,
                                pad_token_id=special.pad, forced_eos_token_id=None)[0, skip:].tolist()
    assert mine == generated[:len(mine)] and len(mine) == len(generated)


def test_a_config_without_a_counterpart_is_refused_with_the_knob_named(tmp_path, capsys):
    train(gpt2_shaped("model.position=alibi", "training.steps=2"), tmp_path / "alibi")
    with pytest.raises(ConfigError, match=r"model.position = 'alibi' \(GPT2LMHeadModel has 'learned'\)"):
        export_run(tmp_path / "alibi", tmp_path / "out", format="transformers")
    assert not (tmp_path / "out").exists()  # refused before anything was written
    assert main(["export", str(tmp_path / "alibi"), "--out", str(tmp_path / "out"), "--format", "transformers"]) == 2
    assert "no exact transformers counterpart" in capsys.readouterr().err
