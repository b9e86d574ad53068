"""What a person sees when asking a model, on both sides: the text ``lmstudio generate --greedy`` prints and the
text of ``generate(do_sample=False)`` decoded with ``skip_special_tokens``; the top tokens of ``lmstudio
fill-mask`` and of ``pipeline("fill-mask")``; the labels (or tags) of ``lmstudio classify`` and of the
text-classification (token-classification) pipeline. Both sides are written as the same plain strings, so a
test compares them with ``==``. The tokenizer is called normally on the transformers side: special tokens on."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import torch

from lmstudio_app.cli import main

GENERATES = ("GPT2LMHeadModel", "LlamaForCausalLM", "BartForConditionalGeneration", "T5ForConditionalGeneration")
FILLS = ("BertForMaskedLM", "BertForPreTraining")
MAX_TOKENS = 12


def lmstudio(*argv: str) -> str:
    """stdout of the ``lmstudio`` command; it must succeed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([str(a) for a in argv])
    assert code == 0, (argv, out.getvalue())
    return out.getvalue()


def lmstudio_answers(run: Path, architecture: str, questions: list[str]) -> list[str]:
    if architecture in GENERATES:
        answers = []
        for prompt in questions:
            printed = lmstudio("generate", run, "--prompt", prompt, "--greedy", "--max-tokens", MAX_TOKENS)
            answers.append(printed.removesuffix("\n").split("\n→ ")[-1])  # an encoder-decoder's answer follows →
        return answers
    if architecture in FILLS:
        return [", ".join(f"{token} {share}%" for token, share in
                          re.findall(r"'((?:[^'\\]|\\.)*)' ([\d.]+)%", lmstudio("fill-mask", run, "--text", text)))
                for text in questions]
    answers = []
    for text in questions:
        rows = [line.rsplit(None, 1) for line in lmstudio("classify", run, "--text", text).splitlines()]
        if architecture == "BertForSequenceClassification":
            answers.append(", ".join(f"{label} {share}" for label, share in rows))
        else:  # 'token'  TAG  99.1%: the pipeline leaves out the tokens tagged O
            tagged = [re.fullmatch(r"'(.*)'\s+(\S+)", head).groups() + (share,) for head, share in rows]
            answers.append(", ".join(f"{token}/{tag} {share}" for token, tag, share in tagged if tag != "O"))
    return answers


@torch.no_grad()
def transformers_answers(folder: Path, architecture: str, questions: list[str]) -> list[str]:
    import transformers

    tokenizer = transformers.AutoTokenizer.from_pretrained(folder)
    model = getattr(transformers, architecture).from_pretrained(folder).eval()
    if architecture in GENERATES:
        return [tokenizer.decode(model.generate(**tokenizer(prompt, return_tensors="pt"), do_sample=False,
                                                max_new_tokens=MAX_TOKENS)[0], skip_special_tokens=True)
                for prompt in questions]
    if architecture == "BertForMaskedLM":
        fill = transformers.pipeline("fill-mask", model=model, tokenizer=tokenizer)
        return [", ".join(f"{r['token_str']} {r['score']:.1%}" for r in fill(text)) for text in questions]
    if architecture == "BertForPreTraining":  # no pipeline reads its prediction_logits: the pipeline's steps
        answers = []
        for text in questions:
            inputs = tokenizer(text, return_tensors="pt")
            where = inputs["input_ids"][0] == tokenizer.mask_token_id
            top = torch.softmax(model(**inputs).prediction_logits[0, where][0], -1).topk(5)
            answers.append(", ".join(f"{tokenizer.decode([int(i)])} {float(p):.1%}"
                                     for p, i in zip(top.values, top.indices)))
        return answers
    if architecture == "BertForSequenceClassification":
        classify = transformers.pipeline("text-classification", model=model, tokenizer=tokenizer)
        return [", ".join(f"{r['label']} {r['score']:.1%}" for r in classify(text, top_k=None)) for text in questions]
    tag = transformers.pipeline("token-classification", model=model, tokenizer=tokenizer)
    return [", ".join(f"{r['word']}/{r['entity']} {r['score']:.1%}" for r in tag(text)) for text in questions]
