"""A checkpoint trained by transformers answers in lmstudio exactly as it answers in transformers: the same
generated text, the same top tokens for a mask, the same labels and tags, and so again after it went back to
transformers and came back (HF → app → HF → app). The models learn a toy task (hf_trained), so a wrong start
token, input template or special token changes the text; the untrained twins run the same checks fast."""

import json

import numpy as np
import pytest
import torch

from lmstudio_app.cli import main
from lmstudio_app.engine.runs import load_run
from tests.engine.application.answers import GENERATES, lmstudio, lmstudio_answers, transformers_answers
from tests.engine.application.hf_trained import CLASSES, MASKED, PROMPTS, train_checkpoint

transformers = pytest.importorskip("transformers")  # the test extra, installed by the README's commands

STEPS = [pytest.param(0, id="untrained"), pytest.param(300, id="trained", marks=pytest.mark.slow)]
CAUSAL = ("GPT2LMHeadModel", "LlamaForCausalLM")


def questions(architecture: str) -> list[str]:
    if architecture in CAUSAL:
        return [f"{prompt} =" for prompt in PROMPTS]  # the toy task: "red cat sun = sun cat red"
    if architecture in ("BertForMaskedLM", "BertForPreTraining"):
        return MASKED
    return PROMPTS


@pytest.fixture(scope="session")
def checkpoint(tmp_path_factory):
    """(transformers folder, its import into lmstudio) per class and training steps, made once a session."""
    made = {}

    def get(architecture: str, steps: int):
        if (architecture, steps) not in made:
            folder = tmp_path_factory.mktemp(f"{architecture}-{steps}")
            train_checkpoint(folder / "hf", architecture, steps)
            lmstudio("import", folder / "hf", "--out", folder / "run")
            made[architecture, steps] = folder
        return made[architecture, steps]
    return get


@pytest.mark.parametrize("steps", STEPS)
@pytest.mark.parametrize("architecture", CLASSES)
def test_lmstudio_answers_as_transformers_does(checkpoint, architecture, steps):
    folder = checkpoint(architecture, steps)
    asked = questions(architecture)
    theirs = transformers_answers(folder / "hf", architecture, asked)
    assert lmstudio_answers(folder / "run", architecture, asked) == theirs
    if steps and architecture in GENERATES:  # a trained model's answers are text, not one token repeated
        assert len({answer.split("=")[-1] for answer in theirs}) == len(asked), theirs


@pytest.mark.parametrize("steps", STEPS)
@pytest.mark.parametrize("architecture", CLASSES)
def test_a_round_trip_through_lmstudio_keeps_the_answers(checkpoint, architecture, steps, tmp_path):
    folder = checkpoint(architecture, steps)
    asked = questions(architecture)
    lmstudio("export", folder / "run", "--out", tmp_path / "back", "--format", "transformers")
    lmstudio("import", tmp_path / "back", "--out", tmp_path / "again")
    assert transformers_answers(tmp_path / "back", architecture, asked) == \
        transformers_answers(folder / "hf", architecture, asked)
    assert lmstudio_answers(tmp_path / "again", architecture, asked) == \
        lmstudio_answers(folder / "run", architecture, asked)
    original = json.loads((folder / "hf" / "config.json").read_text())
    written = json.loads((tmp_path / "back" / "config.json").read_text())
    for key in ("vocab_size", "bos_token_id", "eos_token_id", "pad_token_id", "decoder_start_token_id",
                "tie_word_embeddings"):  # the vocabulary, the framing and T5's scaled tie went back as they came
        assert written.get(key) == original.get(key), key


@pytest.mark.parametrize("architecture, lost", [("GPT2LMHeadModel", "first"), ("BartForConditionalGeneration", "last")])
def test_a_prompt_longer_than_the_context_is_answered_with_a_note(checkpoint, architecture, lost, capsys):
    """transformers refuses a prompt longer than learned positions reach (an index error); lmstudio answers from
    the part its context holds and says on stderr how many tokens it did not read; the printed text stays clean."""
    folder = checkpoint(architecture, 0)
    tokenizer = transformers.AutoTokenizer.from_pretrained(folder / "hf")
    prompt = " ".join(PROMPTS * 12)
    unread = len(tokenizer(prompt)["input_ids"]) - 64  # n_positions / max_position_embeddings
    capsys.readouterr()
    assert main(["generate", str(folder / "run"), "--prompt", prompt, "--greedy", "--max-tokens", "3"]) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith(prompt)
    assert printed.err == (f"note: the prompt is longer than the model's context: its {lost} {unread:,} tokens were "
                           f"not read\n")
    assert main(["generate", str(folder / "run"), "--prompt", PROMPTS[0], "--greedy", "--max-tokens", "3"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("steps", STEPS)
def test_t5_reads_an_input_longer_than_its_training_context_as_transformers_does(checkpoint, steps, capsys):
    """T5's positions are relative buckets with no end: transformers reads a long input whole, and so does
    lmstudio (it read only the first 512 tokens and answered another question), without a note about unread
    tokens. The words after the 512th differ from those before, so reading fewer changes the answer."""
    folder = checkpoint("T5ForConditionalGeneration", steps)
    prompt = " ".join(["red cat"] * 300 + ["moon fish star"] * 200)
    assert len(transformers.AutoTokenizer.from_pretrained(folder / "hf")(prompt)["input_ids"]) > 1000
    capsys.readouterr()
    ours = lmstudio_answers(folder / "run", "T5ForConditionalGeneration", [prompt])
    assert capsys.readouterr().err == ""
    assert ours == transformers_answers(folder / "hf", "T5ForConditionalGeneration", [prompt])


@pytest.mark.parametrize("architecture", CLASSES)
def test_the_framing_is_read_from_the_checkpoint(checkpoint, architecture):
    """The input template is what transformers' tokenizer puts around a text, the decoder starts where
    transformers' generate starts; the framing travels in the run as framing.json."""
    folder = checkpoint(architecture, 0)
    tokenizer = transformers.AutoTokenizer.from_pretrained(folder / "hf")
    ours = load_run(folder / "run")
    framing = ours.tokenizer.framing_for(ours.config.model.family)
    for text in PROMPTS:
        assert framing.frame(ours.tokenizer.encode(text)).ids == tokenizer(text)["input_ids"]
        framed = framing.frame(ours.tokenizer.encode(text), ours.tokenizer.encode(text[::-1]))
        expected = tokenizer(text, text[::-1])
        assert framed.ids == expected["input_ids"]
        if "token_type_ids" in expected:
            assert framed.segments == expected["token_type_ids"]
    model = getattr(transformers, architecture).from_pretrained(folder / "hf")
    if architecture in ("BartForConditionalGeneration", "T5ForConditionalGeneration"):
        assert framing.decoder_start == model.generation_config.decoder_start_token_id
    assert (folder / "run" / "framing.json").is_file()


def test_a_t5_tokenizer_reads_text_as_transformers_t5tokenizer_does_both_ways(tmp_path):
    """The hub's T5 tokenizer.json keeps a plain Metaspace pre-tokenizer; transformers' T5Tokenizer replaces it
    (whitespace runs and newlines split differently). Import follows transformers; export writes what
    AutoTokenizer then uses as written."""
    train_checkpoint(tmp_path / "hf", "T5ForConditionalGeneration", steps=0)
    written = json.loads((tmp_path / "hf" / "tokenizer.json").read_text())
    written["pre_tokenizer"] = {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": True}
    (tmp_path / "hf" / "tokenizer.json").write_text(json.dumps(written))
    texts = ["red  cat\nsun", " moon\t fish ", "blue\n\ntree  star"]
    theirs = transformers.AutoTokenizer.from_pretrained(tmp_path / "hf")
    assert main(["import", str(tmp_path / "hf"), "--out", str(tmp_path / "run")]) == 0
    ours = load_run(tmp_path / "run").tokenizer
    framing = ours.framing_for("encoder-decoder")
    assert [framing.frame(ours.encode(t)).ids for t in texts] == [theirs(t)["input_ids"] for t in texts]
    assert main(["export", str(tmp_path / "run"), "--out", str(tmp_path / "back"), "--format", "transformers"]) == 0
    exported = transformers.AutoTokenizer.from_pretrained(tmp_path / "back")
    assert [exported(t)["input_ids"] for t in texts] == [theirs(t)["input_ids"] for t in texts]


@pytest.mark.parametrize("architecture", ["BartForConditionalGeneration", "T5ForConditionalGeneration"])
def test_fine_tuning_an_imported_model_frames_its_examples_as_transformers_trains_it(checkpoint, architecture):
    """A seq2seq fine-tune reads the source as the tokenizer frames it, and the decoder learns the answer as
    transformers teaches it (labels framed by the tokenizer, decoder inputs shifted right from the start token);
    the pretraining objectives start the decoder there too."""
    from lmstudio_app.engine.finetune.datasets import TaskRecord
    from lmstudio_app.engine.finetune.task_data import TaskEncoder
    from lmstudio_app.engine.finetune.tasks import Seq2Seq
    from lmstudio_app.engine.objectives.denoising import Denoising
    from lmstudio_app.engine.objectives.span_corruption import SpanCorruption

    folder = checkpoint(architecture, 0)
    tokenizer = transformers.AutoTokenizer.from_pretrained(folder / "hf")
    model = getattr(transformers, architecture).from_pretrained(folder / "hf")
    ours = load_run(folder / "run")
    ours.config.finetune.task = "seq2seq"
    task = Seq2Seq(ours.config, ours.tokenizer, 32, [])
    example = task.to_example(TaskEncoder(ours.config, ours.tokenizer, 32, []).encode(
        TaskRecord("red cat sun", "test", target="sun cat red")))
    expected = tokenizer("red cat sun", text_target="sun cat red", return_tensors="pt")
    assert example.input_ids.tolist() == expected["input_ids"][0].tolist()
    assert example.labels.tolist() == expected["labels"][0].tolist()
    shifted = model.prepare_decoder_input_ids_from_labels(labels=expected["labels"])[0].tolist()
    assert example.decoder_input_ids.tolist() == shifted
    objective = (Denoising if architecture.startswith("Bart") else SpanCorruption)(ours.config.objective,
                                                                                   ours.tokenizer, 32)
    pretraining = objective.example(one_document(ours.tokenizer, PROMPTS * 4), np.random.default_rng(0))
    labels = torch.tensor([pretraining.labels.tolist()])
    assert pretraining.decoder_input_ids.tolist() == model.prepare_decoder_input_ids_from_labels(labels=labels)[0].tolist()
    assert pretraining.labels[-1] == tokenizer.eos_token_id
    if architecture.startswith("Bart"):  # BART rebuilds "<s> text </s>"
        assert pretraining.labels[0] == tokenizer.bos_token_id


def one_document(tokenizer, sentences: list[str]):
    """A tokenized split holding ``sentences`` as one document, as the corpus cache stores it."""
    from lmstudio_app.engine.data.cache import TokenizedSplit

    ids = [tokenizer.encode(f"{sentence}.") for sentence in sentences]
    ends = np.cumsum([len(sentence) for sentence in ids])
    return TokenizedSplit(np.array([token for sentence in ids for token in sentence] + [tokenizer.special.eos]),
                          np.stack([ends - [len(sentence) for sentence in ids], ends], axis=1),
                          np.array([[0, len(ids)]]))
