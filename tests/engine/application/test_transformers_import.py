"""A transformers checkpoint read from disk computes, attends and generates exactly as transformers does, and
everything that is not such a checkpoint is refused with a sentence."""

import json
import os
import pickle
import re

import pytest
import torch
from tokenizers import Tokenizer, models, pre_tokenizers, trainers
from tokenizers import decoders as token_decoders

from lmstudio_app.cli import main
from lmstudio_app.config.schema import TokenizerConfig
from lmstudio_app.engine.application.transformers_import import import_transformers
from lmstudio_app.engine.data.tokenizer import train_tokenizer
from lmstudio_app.engine.generate import generate_ids
from lmstudio_app.engine.runs import load_run
from lmstudio_app.errors import CheckpointError, ConfigError
from lmstudio_app.run_index import RunIndex

transformers = pytest.importorskip("transformers")  # the test extra, installed by the README's commands

TEXTS = [f"def item_{i}(x): return x * {i}  # 第{i}个 🙂 the quick brown fox jumps over the lazy dog"
         for i in range(300)]
SMALL = {"GPT2LMHeadModel": dict(n_positions=64, n_embd=32, n_layer=2, n_head=4),
         "LlamaForCausalLM": dict(hidden_size=32, intermediate_size=48, num_hidden_layers=2, num_attention_heads=4,
                                  max_position_embeddings=64),
         "BertForMaskedLM": dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=48,
                                 max_position_embeddings=64),
         "BertForPreTraining": dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=48,
                                    max_position_embeddings=64, hidden_act="gelu_new"),
         "BartForConditionalGeneration": dict(d_model=32, encoder_layers=2, decoder_layers=2, encoder_attention_heads=4,
                                              decoder_attention_heads=4, encoder_ffn_dim=48, decoder_ffn_dim=48,
                                              max_position_embeddings=64),
         "T5ForConditionalGeneration": dict(d_model=32, d_kv=8, d_ff=48, num_layers=2, num_decoder_layers=2,
                                            num_heads=4, feed_forward_proj="gated-gelu",
                                            relative_attention_num_buckets=8, relative_attention_max_distance=20)}
CONFIGS = {"GPT2LMHeadModel": "GPT2Config", "LlamaForCausalLM": "LlamaConfig", "BertForMaskedLM": "BertConfig",
           "BertForPreTraining": "BertConfig", "BartForConditionalGeneration": "BartConfig",
           "T5ForConditionalGeneration": "T5Config"}
SEQ2SEQ = ("BartForConditionalGeneration", "T5ForConditionalGeneration")
ENCODERS = ("BertForMaskedLM", "BertForPreTraining")


def gpt2_style_tokenizer() -> Tokenizer:
    """Byte-level BPE whose only special token is <|endoftext|>, as GPT-2's: the roles it lacks get added."""
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = token_decoders.ByteLevel()
    tokenizer.train_from_iterator(TEXTS, trainers.BpeTrainer(
        vocab_size=400, special_tokens=["<|endoftext|>"], initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    return tokenizer


def write_checkpoint(folder, architecture: str, seed: int = 0, weights: str = "safetensors", **config):
    """A random transformers model of ``architecture`` saved as transformers saves it, with a tokenizer."""
    folder.mkdir(parents=True)
    if architecture.startswith("Bert"):
        tokenizer = train_tokenizer(TokenizerConfig(kind="wordpiece", vocab_size=300), TEXTS).backend
    elif architecture.startswith("T5"):
        tokenizer = train_tokenizer(TokenizerConfig(kind="unigram", vocab_size=300), TEXTS, sentinels=8).backend
    else:
        tokenizer = gpt2_style_tokenizer()
    tokenizer.save(str(folder / "tokenizer.json"))
    hf_config = getattr(transformers, CONFIGS[architecture])(
        vocab_size=tokenizer.get_vocab_size(), **SMALL[architecture] | config)
    torch.manual_seed(seed)
    model = getattr(transformers, architecture)(hf_config).eval()
    with torch.no_grad():  # far from the initialisation, so that a wrong mapping cannot hide
        for parameter in model.parameters():
            parameter.add_(torch.randn_like(parameter) * 0.1)
    if weights == "safetensors":
        model.save_pretrained(folder)
    else:
        hf_config.architectures = [architecture]
        hf_config.save_pretrained(folder)
        torch.save(model.state_dict(), folder / "pytorch_model.bin")
    return model


@pytest.fixture(scope="module", params=sorted(SMALL))
def imported(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    weights = "bin" if request.param == "LlamaForCausalLM" else "safetensors"  # both ways of storing weights
    write_checkpoint(folder / "hf", request.param, weights=weights)
    report = import_transformers(folder / "hf", folder / "run")
    theirs = getattr(transformers, request.param).from_pretrained(folder / "hf", attn_implementation="eager").eval()
    return report, load_run(folder / "run"), theirs, request.param


def inputs(ours, architecture):
    ids = torch.tensor([ours.tokenizer.encode(TEXTS[7])[:24]] * 2)
    mask = torch.ones_like(ids)
    mask[1, -6:] = 0  # the second sequence ends in padding
    return ids, mask


@torch.no_grad()
def test_the_imported_model_gives_transformers_logits_padding_included(imported):
    report, ours, theirs, architecture = imported
    ids, mask = inputs(ours, architecture)
    model, vocab = ours.model, theirs.config.vocab_size
    real = mask.bool()
    if architecture in SEQ2SEQ:
        target = ids[:, :10]
        expected = theirs(ids, attention_mask=mask, decoder_input_ids=target).logits
        got = model.heads["lm"](model(ids, mask, decoder_input_ids=target).hidden)[..., :vocab]
        real = torch.ones_like(target, dtype=torch.bool)
    elif architecture in ENCODERS:
        out = theirs(ids, attention_mask=mask)
        hidden = model(ids, mask).hidden
        expected = out.logits if architecture == "BertForMaskedLM" else out.prediction_logits
        got = model.heads["mlm"](hidden)[..., :vocab]
        if architecture == "BertForPreTraining":
            nsp = model.heads["nsp"](hidden, mask)
            assert (nsp - out.seq_relationship_logits).abs().max() <= 1e-4
    else:
        expected = theirs(ids, attention_mask=mask).logits
        got = model.heads["lm"](model(ids, mask).hidden)[..., :vocab]
    assert expected.abs().max() > 1.0  # logits of a model that is not at its initialisation
    difference = (got - expected)[real].abs().max().item()
    assert difference <= 1e-4, difference


@torch.no_grad()
def test_our_attention_weights_equal_transformers_output_attentions(imported):
    _, ours, theirs, architecture = imported
    ids, mask = inputs(ours, architecture)
    real = mask.bool()[:, None, :, None]  # (B, 1, T_q, 1): rows of real queries
    if architecture in SEQ2SEQ:
        target = ids[:, :10]
        out = theirs(ids, attention_mask=mask, decoder_input_ids=target, output_attentions=True)
        mine = ours.model(ids, mask, decoder_input_ids=target, need_weights=True).attentions
        pairs = [(mine["encoder"], out.encoder_attentions, real), (mine["decoder"], out.decoder_attentions, None),
                 (mine["cross"], out.cross_attentions, None)]
    else:
        out = theirs(ids, attention_mask=mask, output_attentions=True)
        mine = ours.model(ids, mask, need_weights=True).attentions
        pairs = [(mine["encoder" if architecture in ENCODERS else "decoder"], out.attentions, real)]
    for our_layers, their_layers, rows in pairs:
        assert len(our_layers) == len(their_layers) == 2
        for our, their in zip(our_layers, their_layers):
            difference = (our - their).abs()
            if rows is not None:
                difference = difference.masked_select(rows.expand_as(difference))
            assert difference.max() <= 1e-5


@torch.no_grad()
def test_greedy_generation_matches_transformers_for_30_tokens(imported):
    _, ours, theirs, architecture = imported
    if architecture in ENCODERS:
        pytest.skip("encoders do not generate")
    prompt = ours.tokenizer.encode("def item_")
    mine = [t.token_id for t in generate_ids(ours.model, ours.tokenizer, prompt, max_new_tokens=30, temperature=0)]
    special = ours.tokenizer.special
    extra = {"decoder_start_token_id": special.bos} if architecture in SEQ2SEQ else {}
    generated = theirs.generate(torch.tensor([prompt]), attention_mask=torch.ones(1, len(prompt), dtype=torch.long),
                                do_sample=False, max_new_tokens=30, min_new_tokens=30, pad_token_id=special.pad,
                                forced_eos_token_id=None, **extra)
    skip = 1 if architecture in SEQ2SEQ else len(prompt)
    theirs_ids = generated[0, skip:].tolist()
    assert mine == theirs_ids[:len(mine)] and (len(mine) == 30 or mine[-1] == special.eos)


def test_the_import_is_a_run_the_index_knows_and_the_tokenizer_roles_are_there(imported):
    report, ours, _, architecture = imported
    record = RunIndex().get(report.run_dir)
    assert record is not None and record.status == "imported" and record.step == 0
    special = ours.tokenizer.special
    assert len(set([special.pad, special.mask, special.cls, special.sep, special.eos])) == 5
    if architecture in ("GPT2LMHeadModel", "LlamaForCausalLM", "BartForConditionalGeneration"):
        assert set(report.added_tokens) == {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}  # GPT-2's tokenizer
        assert ours.tokenizer.backend.id_to_token(special.eos) == "<|endoftext|>"
    if architecture.startswith("T5"):
        assert len(special.sentinels) == 8 and ours.config.model.position == "relative"


def test_refusals_are_sentences_with_exit_2(tmp_path, capsys):
    cases = {}
    cases["hub id"] = "openai-community/gpt2"
    write_checkpoint(tmp_path / "alibi-bloom", "GPT2LMHeadModel")
    config = json.loads((tmp_path / "alibi-bloom" / "config.json").read_text())
    (tmp_path / "alibi-bloom" / "config.json").write_text(json.dumps(config | {"architectures": ["BloomForCausalLM"]}))
    cases["unsupported class"] = tmp_path / "alibi-bloom"
    write_checkpoint(tmp_path / "no-weights", "GPT2LMHeadModel")
    (tmp_path / "no-weights" / "model.safetensors").unlink()
    cases["no weights"] = tmp_path / "no-weights"
    write_checkpoint(tmp_path / "payload", "LlamaForCausalLM", weights="bin")
    marker = tmp_path / "payload-ran"

    class Payload:
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    (tmp_path / "payload" / "pytorch_model.bin").write_bytes(pickle.dumps({"model.norm.weight": Payload()}))
    cases["pickle payload"] = tmp_path / "payload"
    expected = {"hub id": "reads like a Hugging Face hub id, and lmstudio never downloads",
                "unsupported class": "BloomForCausalLM: not a class lmstudio reads. Supported: GPT2LMHeadModel",
                "no weights": "no weights (model.safetensors or pytorch_model.bin)",
                "pickle payload": "would run code to load"}
    for case, source in cases.items():
        with pytest.raises((ConfigError, CheckpointError), match=re.escape(expected[case])):
            import_transformers(source, tmp_path / f"run-{case}")
        assert main(["import", str(source), "--out", str(tmp_path / f"run-{case}")]) == 2, case
        assert expected[case] in capsys.readouterr().err
        assert not (tmp_path / f"run-{case}").exists()
    assert not marker.exists()  # the payload never ran


def test_a_config_knob_without_a_counterpart_is_named(tmp_path):
    write_checkpoint(tmp_path / "gqa", "LlamaForCausalLM", num_key_value_heads=2)
    with pytest.raises(ConfigError, match="num_key_value_heads = 2: grouped-query attention"):
        import_transformers(tmp_path / "gqa", tmp_path / "run")
