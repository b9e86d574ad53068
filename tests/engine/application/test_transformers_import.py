"""A transformers checkpoint read from disk computes, attends and generates exactly as transformers does, and
everything that is not such a checkpoint is refused with a sentence."""

import json
import os
import pickle
import re

import pytest
import torch

from lmstudio_app.cli import main
from lmstudio_app.engine.application.transformers_import import import_transformers
from lmstudio_app.engine.generate import generate_ids
from lmstudio_app.engine.runs import load_run
from lmstudio_app.errors import CheckpointError, ConfigError
from lmstudio_app.run_index import RunIndex
from tests.engine.application.hf_checkpoints import SMALL, TEXTS, write_checkpoint

transformers = pytest.importorskip("transformers")  # the test extra, installed by the README's commands

SEQ2SEQ = ("BartForConditionalGeneration", "T5ForConditionalGeneration")
ENCODERS = ("BertForMaskedLM", "BertForPreTraining", "BertForSequenceClassification", "BertForTokenClassification")

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
    elif architecture == "BertForSequenceClassification":
        expected = theirs(ids, attention_mask=mask).logits  # (B, labels)
        got = model.heads["classifier"](model(ids, mask).hidden, mask)
        real = torch.ones(len(ids), dtype=torch.bool)
        assert ours.config.finetune.labels == ["negative", "neutral", "positive"]
    elif architecture == "BertForTokenClassification":
        expected = theirs(ids, attention_mask=mask).logits
        got = model.heads["tagger"](model(ids, mask).hidden)
        assert ours.config.finetune.labels == ["O", "NAME", "NUMBER", "OP"]
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
    assert expected.abs().max() > 0.5  # logits of a model that is not at its initialisation
    difference = (got - expected)[real].abs().max().item()
    assert difference <= 1e-4, difference


@torch.no_grad()
def test_our_attention_weights_equal_transformers_output_attentions(imported):
    _, ours, theirs, architecture = imported
    model = ours.model
    ids, mask = inputs(ours, architecture)
    real = mask.bool()[:, None, :, None]  # (B, 1, T_q, 1): rows of real queries
    if architecture in SEQ2SEQ:
        target = ids[:, :10]
        out = theirs(ids, attention_mask=mask, decoder_input_ids=target, output_attentions=True)
        mine = model(ids, mask, decoder_input_ids=target, need_weights=True).attentions
        pairs = [(mine["encoder"], out.encoder_attentions, real), (mine["decoder"], out.decoder_attentions, None),
                 (mine["cross"], out.cross_attentions, None)]
    else:
        out = theirs(ids, attention_mask=mask, output_attentions=True)
        mine = model(ids, mask, need_weights=True).attentions
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
    """Framed and started as the checkpoint says (its tokenizer's template, its decoder start), with nothing told
    to transformers beyond the prompt."""
    _, ours, theirs, architecture = imported
    if architecture in ENCODERS:
        pytest.skip("encoders do not generate")
    prompt = ours.tokenizer.framing_for(ours.model.family).frame(ours.tokenizer.encode("def item_")).ids
    mine = [t.token_id for t in generate_ids(ours.model, ours.tokenizer, prompt, max_new_tokens=30, temperature=0)]
    generated = theirs.generate(torch.tensor([prompt]), attention_mask=torch.ones(1, len(prompt), dtype=torch.long),
                                do_sample=False, max_new_tokens=30)
    skip = 1 if architecture in SEQ2SEQ else len(prompt)
    assert mine == generated[0, skip:].tolist()
    assert len(mine) == 30  # none of these models ends its answer early: all 30 tokens were compared


def test_the_import_is_a_run_the_index_knows_and_the_tokenizer_roles_are_there(imported):
    report, ours, _, architecture = imported
    record = RunIndex().get(report.run_dir)
    assert record is not None and record.status == "imported" and record.step == 0
    special = ours.tokenizer.special
    assert len(set([special.pad, special.mask, special.cls, special.sep, special.eos])) == 5
    if architecture == "GPT2LMHeadModel":  # GPT2Tokenizer's roles: <|endoftext|> is also its unknown token
        assert set(report.added_tokens) == {"[PAD]", "[CLS]", "[SEP]", "[MASK]"}
        assert ours.tokenizer.backend.id_to_token(special.unk) == "<|endoftext|>"
    if architecture == "LlamaForCausalLM":
        assert set(report.added_tokens) == {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}
    if architecture in ("GPT2LMHeadModel", "LlamaForCausalLM"):
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
    expected = {"hub id": "not in the local Hugging Face cache (looked for",
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


def train_losses(run_dir) -> list[float]:
    rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
    return [row["loss"] for row in rows if row.get("split") == "train" and "loss" in row]


FINETUNE = ["finetune.max_examples=200", "training.steps=40", "training.batch_size=8", "training.log_every=1",
            "training.eval_every=0", "training.probe_every=0", "training.checkpoint_every=0",
            "training.warmup_steps=0", "training.learning_rate=3e-3"]


@pytest.mark.parametrize("architecture,task,strategy", [
    ("GPT2LMHeadModel", ["finetune.task=seq2seq", "finetune.dataset=docstring-to-name"],
     ["finetune.strategy=lora", "finetune.lora_targets=['q','v','up']"]),
    ("BertForMaskedLM", ["finetune.task=sequence-classification", "finetune.dataset=docstring-family"],
     ["finetune.strategy=full", "finetune.layer_lr_decay=0.7"]),
])
def test_an_imported_model_fine_tunes_and_the_result_goes_back_to_transformers(tmp_path, architecture, task,
                                                                               strategy):
    from lmstudio_app.config import apply_overrides, load_preset
    from lmstudio_app.engine.application.export import export_run
    from lmstudio_app.engine.application.training import train

    write_checkpoint(tmp_path / "hf", architecture)
    import_transformers(tmp_path / "hf", tmp_path / "imported")
    config = apply_overrides(load_preset("gpt-nano"), [*task, f"finetune.from_run={tmp_path / 'imported'}",
                                                       *strategy, *FINETUNE])
    last = train(config, tmp_path / "tuned")
    assert last.reason == "completed", last
    losses = train_losses(tmp_path / "tuned")
    assert sum(losses[-5:]) / 5 < 0.95 * sum(losses[:5]) / 5, losses
    if architecture == "GPT2LMHeadModel":  # a seq2seq fine-tune keeps the LM head: GPT-2 again, LoRA merged
        export_run(tmp_path / "tuned", tmp_path / "back", format="transformers")
        theirs = transformers.AutoModelForCausalLM.from_pretrained(tmp_path / "back").eval()
        ours = load_run(tmp_path / "tuned", "best")
        ids = torch.tensor([ours.tokenizer.encode(TEXTS[3])[:20]])
        with torch.no_grad():
            expected = ours.model.heads["lm"](ours.model(ids).hidden)
            rows = theirs.config.vocab_size  # without [MASK], added on import; [SEP] frames the prompts
            assert ours.tokenizer.backend.id_to_token(rows) == "[MASK]" and expected.shape[-1] == rows + 1
            assert (theirs(ids).logits - expected[..., :rows]).abs().max() <= 1e-4


@torch.no_grad()
def test_weights_saved_without_the_base_models_prefix_are_read(tmp_path):
    """The hub's gpt2 names its tensors h.0.attn.c_attn.weight, not transformer.h.0…: it was saved bare."""
    from safetensors.torch import load_file, save_file

    reference = write_checkpoint(tmp_path / "hf", "GPT2LMHeadModel")
    weights = load_file(tmp_path / "hf" / "model.safetensors")
    save_file({name.removeprefix("transformer."): t for name, t in weights.items()},
              tmp_path / "hf" / "model.safetensors")
    import_transformers(tmp_path / "hf", tmp_path / "run")
    ours = load_run(tmp_path / "run")
    ids = torch.tensor([ours.tokenizer.encode(TEXTS[1])[:16]])
    expected = reference.eval()(ids).logits
    got = ours.model.heads["lm"](ours.model(ids).hidden)[..., :expected.shape[-1]]
    assert (got - expected).abs().max() <= 1e-4
