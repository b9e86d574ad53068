"""What a fine-tune trains, shown before it does: one example as the model reads it, with its answer."""

from tokenizers import Tokenizer

from lmstudio_app.config import apply_overrides
from lmstudio_app.engine.application.data import training_preview
from lmstudio_app.events import ObjectivePreview, TaskPreview

from .conftest import encoder_config, task_config
from .test_tasks import write_rows


def test_an_encoder_classifier_reads_cls_text_sep_and_answers_the_rows_label(tmp_path):
    rows = [{"text": f"good movie number {i}", "label": "pos"} if i % 2 else
            {"text": f"bad film number {i}", "label": "neg"} for i in range(40)]
    write_rows(tmp_path / "reviews.jsonl", rows)
    config = apply_overrides(encoder_config(), ["finetune.task=sequence-classification", "finetune.dataset=files",
                                                f"finetune.paths=['{tmp_path / 'reviews.jsonl'}']"])
    preview = training_preview(config, seed=3)
    assert isinstance(preview, TaskPreview)
    assert preview.framing == (("special", "[CLS]"), ("field", "text"), ("special", "[SEP]"))
    assert (preview.head.kind, preview.head.outputs, preview.head.pooling) == ("sequence", 2, "cls")
    assert preview.labels == ("neg", "pos") and not preview.start
    words = "".join(t.text for t in preview.inputs[1:-1]).replace("##", "")
    (row,) = [r for r in rows if r["text"].replace(" ", "") == words]  # the example is one of the rows, whole
    assert [a.text for a in preview.answer] == [row["label"]]
    assert preview.train_examples + preview.validation_examples == 40


def test_a_fine_tune_reads_with_the_tokenizer_and_family_of_the_run_it_starts_from(pretrained_encoder):
    config = apply_overrides(task_config(pretrained_encoder), ["model.family=decoder", "objective.name=clm"])
    preview = training_preview(config)
    assert preview.family == "encoder" and preview.start == str(pretrained_encoder)  # adopted, as a run would
    assert preview.task == "sequence-classification" and preview.dataset == "docstring-family"
    assert len(preview.labels) == 8 and preview.answer[0].text in preview.labels
    pretrained = Tokenizer.from_file(str(pretrained_encoder / "tokenizer.json"))
    assert all(pretrained.token_to_id(t.text) is not None for t in preview.inputs)  # that run's vocabulary
    assert preview.inputs[0].text == "[CLS]" and preview.inputs[0].tag == "special"


def test_a_decoder_answers_after_the_prompt_and_a_tagger_tags_every_token(tmp_path):
    config = apply_overrides(encoder_config(), [
        "model.family=decoder", "objective.name=clm", "tokenizer.kind=char", "finetune.task=seq2seq",
        "finetune.dataset=synthetic-reverse", "data.synthetic_examples=50"])
    generated = training_preview(config)
    assert generated.framing == (("field", "prompt"), ("special", "[SEP]"), ("field", "answer"), ("special", "[EOS]"))
    assert generated.head.kind == "lm" and generated.labels == ()
    prompt = "".join(t.text for t in generated.inputs[:generated.inputs.index(next(
        t for t in generated.inputs if t.tag == "special"))])
    assert "".join(t.text for t in generated.answer[:-1]) == prompt[::-1]  # the reverse task's answer
    assert generated.answer[-1].text == "[EOS]"

    tagging = apply_overrides(encoder_config(), [
        "finetune.task=token-classification", "finetune.dataset=python-token-types", "finetune.max_examples=40"])
    tagged = training_preview(tagging, seed=1)
    assert tagged.aligned and len(tagged.answer) == len(tagged.inputs)
    assert tagged.answer[0].text == "" == tagged.answer[-1].text  # [CLS] and [SEP] carry no tag
    assert {a.text for a in tagged.answer[1:-1]} <= set(tagged.labels) and "KEYWORD" in tagged.labels


def test_without_a_task_the_preview_is_the_pretraining_objectives():
    assert isinstance(training_preview(encoder_config()), ObjectivePreview)
