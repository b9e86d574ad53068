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


def hub_cache_layout(cache, model_id: str, checkpoint) -> tuple:
    """``checkpoint``'s files laid out as huggingface_hub caches a download: blobs named by their hash, a snapshot
    folder of relative links into them, refs/main naming the snapshot. Returns (repository, snapshot)."""
    import hashlib

    repository = cache / f"models--{model_id.replace('/', '--')}"
    snapshot = repository / "snapshots" / "0123abcd"
    (repository / "blobs").mkdir(parents=True)
    snapshot.mkdir(parents=True)
    for path in checkpoint.iterdir():
        blob = hashlib.sha256(path.read_bytes()).hexdigest()
        (repository / "blobs" / blob).write_bytes(path.read_bytes())
        (snapshot / path.name).symlink_to(f"../../blobs/{blob}")
    (repository / "refs").mkdir()
    (repository / "refs" / "main").write_text("0123abcd")
    return repository, snapshot


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to reach the network fails the test."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError(f"the network was used: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@torch.no_grad()
def test_a_model_is_read_from_the_hugging_face_cache_by_snapshot_folder_or_by_id(tmp_path, monkeypatch, capsys,
                                                                                  no_network):
    from lmstudio_app.engine.application.transformers_import import imported_run_dir

    reference = write_checkpoint(tmp_path / "saved", "GPT2LMHeadModel").eval()
    cache = tmp_path / "hf-home" / "hub"
    _, snapshot = hub_cache_layout(cache, "tiny-org/tiny-gpt2", tmp_path / "saved")
    assert main(["import", str(snapshot), "--out", str(tmp_path / "from-folder")]) == 0
    assert imported_run_dir(snapshot).name.startswith("tiny-gpt2-imported")  # the model's name, not the hash
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    assert main(["import", "tiny-org/tiny-gpt2", "--out", str(tmp_path / "from-id")]) == 0
    assert imported_run_dir("tiny-org/tiny-gpt2").name.startswith("tiny-gpt2-imported")
    monkeypatch.delenv("HF_HUB_CACHE")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    assert main(["import", "tiny-org/tiny-gpt2", "--out", str(tmp_path / "from-hf-home")]) == 0
    monkeypatch.delenv("HF_HOME")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # huggingface_hub's default: ~/.cache/huggingface/hub
    hub_cache_layout(tmp_path / "home" / ".cache" / "huggingface" / "hub", "gpt2", tmp_path / "saved")
    assert main(["import", "gpt2", "--out", str(tmp_path / "from-home")]) == 0
    for run in ("from-folder", "from-id", "from-hf-home", "from-home"):
        ours = load_run(tmp_path / run)
        ids = torch.tensor([ours.tokenizer.encode(TEXTS[2])[:16]])
        expected = reference(ids).logits
        assert (ours.model.heads["lm"](ours.model(ids).hidden)[..., :expected.shape[-1]] - expected).abs().max() \
            <= 1e-4
    capsys.readouterr()
    assert main(["import", "tiny-org/absent", "--out", str(tmp_path / "absent")]) == 2
    error = capsys.readouterr().err
    looked = tmp_path / "home" / ".cache" / "huggingface" / "hub" / "models--tiny-org--absent"
    assert f"looked for {looked}" in error and "never downloads" in error
    assert "Traceback" not in error and not (tmp_path / "absent").exists()


@torch.no_grad()
def test_the_cache_s_repository_folder_reads_its_snapshot(tmp_path, no_network):
    """Browsing the cache, a person picks models--org--name (the snapshot folder inside is a hash): it is read from
    the snapshot refs/main names, and the run is named after the model."""
    from lmstudio_app.engine.application.transformers_import import imported_run_dir

    reference = write_checkpoint(tmp_path / "saved", "GPT2LMHeadModel").eval()
    repository, _ = hub_cache_layout(tmp_path / "hub", "tiny-org/tiny-gpt2", tmp_path / "saved")
    stale = repository / "snapshots" / "ffff0000"  # an older download, not the one refs/main names
    stale.mkdir()
    assert main(["import", str(repository), "--out", str(tmp_path / "run")]) == 0
    assert imported_run_dir(repository).name.startswith("tiny-gpt2-imported")
    ours = load_run(tmp_path / "run")
    ids = torch.tensor([ours.tokenizer.encode(TEXTS[2])[:16]])
    expected = reference(ids).logits
    assert (ours.model.heads["lm"](ours.model(ids).hidden)[..., :expected.shape[-1]] - expected).abs().max() <= 1e-4


def test_a_link_leaving_the_checkpoint_folder_or_the_cache_is_refused(tmp_path, capsys):
    write_checkpoint(tmp_path / "saved", "GPT2LMHeadModel")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "config.json").write_text((tmp_path / "saved" / "config.json").read_text())
    folder = tmp_path / "folder"
    folder.mkdir()
    for path in (tmp_path / "saved").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "config.json").unlink()
    (folder / "config.json").symlink_to(tmp_path / "elsewhere" / "config.json")
    repository, snapshot = hub_cache_layout(tmp_path / "hub", "org/model", tmp_path / "saved")
    (snapshot / "model.safetensors").unlink()
    (snapshot / "model.safetensors").symlink_to(tmp_path / "saved" / "model.safetensors")  # out of the repository
    for source, link in ((folder, folder / "config.json"), (snapshot, snapshot / "model.safetensors")):
        capsys.readouterr()
        assert main(["import", str(source), "--out", str(tmp_path / "run")]) == 2
        error = capsys.readouterr().err
        assert f"{link}: a link to" in error and "refused" in error and "Traceback" not in error
        assert not (tmp_path / "run").exists()


def test_a_model_too_big_for_memory_is_refused_before_anything_is_built(tmp_path, monkeypatch, capsys):
    from lmstudio_app.engine.application import transformers_import

    write_checkpoint(tmp_path / "hf", "GPT2LMHeadModel")
    config = json.loads((tmp_path / "hf" / "config.json").read_text())
    (tmp_path / "hf" / "config.json").write_text(json.dumps(config | {"n_layer": 256, "n_embd": 16384}))

    def never(*args, **kwargs):
        raise AssertionError("the weights were read or the model built before the memory check")

    monkeypatch.setattr(transformers_import, "build_model", never)
    monkeypatch.setattr(transformers_import, "_read_weights", never)
    assert main(["import", str(tmp_path / "hf"), "--out", str(tmp_path / "run")]) == 2
    error = capsys.readouterr().err
    assert "describes a model of 824," in error and "of memory, and this machine has" in error
    assert "Traceback" not in error and not (tmp_path / "run").exists()


@pytest.mark.parametrize("architecture,command", [
    ("GPT2LMHeadModel", ["generate", "--prompt", "def item_", "--max-tokens", "5"]),
    ("T5ForConditionalGeneration", ["generate", "--prompt", "def item_", "--greedy"]),
    ("BertForMaskedLM", ["fill-mask", "--text", "def [MASK]"]),
    ("BertForSequenceClassification", ["classify", "--text", "def item_"]),
])
def test_a_model_whose_weights_are_nan_is_called_broken(tmp_path, capsys, architecture, command):
    from safetensors.torch import load_file, save_file

    write_checkpoint(tmp_path / "hf", architecture)
    weights = load_file(tmp_path / "hf" / "model.safetensors")
    save_file({name: torch.full_like(t, float("nan")) for name, t in weights.items()},
              tmp_path / "hf" / "model.safetensors", metadata={"format": "pt"})
    assert main(["import", str(tmp_path / "hf"), "--out", str(tmp_path / "run")]) == 0
    assert "hold NaN or infinite values" in capsys.readouterr().out
    assert main([command[0], str(tmp_path / "run"), *command[1:]]) == 2
    error = capsys.readouterr().err
    assert "its weights are broken" in error and "Traceback" not in error


@torch.no_grad()
def test_roles_the_checkpoint_lacked_are_never_sampled_or_ranked(tmp_path):
    """GPT-2 lacks [PAD], [CLS], [SEP] and [MASK], BERT lacks [BOS] and [EOS]: the app adds them for its own
    use, and their rows (the mean of the others) would otherwise take probability mass."""
    from lmstudio_app.engine.generate import fill_mask
    from tests.engine.application.hf_trained import train_checkpoint

    for architecture in ("GPT2LMHeadModel", "BertForMaskedLM"):
        train_checkpoint(tmp_path / architecture, architecture, steps=0)  # GPT2Tokenizer's and BertTokenizer's roles
        report = import_transformers(tmp_path / architecture, tmp_path / f"{architecture}-run")
        ours = load_run(tmp_path / f"{architecture}-run")
        lacked = {ours.tokenizer.backend.token_to_id(token) for token in report.added_tokens}
        assert lacked == set(ours.tokenizer.framing.unlearned) and len(lacked) >= 2
        if architecture == "BertForMaskedLM":
            vocabulary = ours.tokenizer.vocab_size
            every = fill_mask(ours.model, ours.tokenizer, "red [MASK] sun", top_k=vocabulary)[0].candidates
            assert len(every) == vocabulary - len(lacked) and not {t for t, _ in every} & set(report.added_tokens)
            continue
        with torch.no_grad():  # their rows now hold the mean embedding: without the mask they would be sampled
            ours.model.heads["lm"].proj.weight[sorted(lacked)] *= 50
        for seed, temperature in enumerate((3.0, 3.0, 3.0, 0.0)):  # greedy: the rest of the candidates at 0 %
            tokens = list(generate_ids(ours.model, ours.tokenizer, ours.tokenizer.encode("red cat"), max_new_tokens=40,
                                       temperature=temperature, seed=seed, candidates=8))
            assert not {t.token_id for t in tokens} & lacked
            assert not {text for t in tokens for text, _ in t.candidates} & set(report.added_tokens)
            assert all(len(t.candidates) == 8 for t in tokens)


@pytest.mark.parametrize("architecture", ["GPT2LMHeadModel", "T5ForConditionalGeneration", "BertForMaskedLM",
                                          "BertForTokenClassification"])
def test_every_command_printed_after_import_runs(tmp_path, capsys, architecture):
    import shlex

    write_checkpoint(tmp_path / "hf", architecture)
    assert main(["import", str(tmp_path / "hf"), "--out", str(tmp_path / "run")]) == 0
    printed = capsys.readouterr().out
    commands = [shlex.split(line) for line in printed.splitlines() if line.startswith("  lmstudio ")]
    assert [c[1] for c in commands][-1] == "train" and len(commands) >= 3, printed
    for command in commands:
        argv = command[1:]
        if argv[0] == "train":  # the same fine-tune, smaller
            argv += [f"--set={setting}" for setting in ("training.steps=2", "finetune.max_examples=40",
                                                         "training.eval_every=0", "training.batch_size=4",
                                                         "training.seq_len=32")] + ["--out", str(tmp_path / "tuned")]
        assert main(argv) == 0, (argv, capsys.readouterr())
