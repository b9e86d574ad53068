"""One corrupted example in a form a person can read: what the model sees and must predict."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.engine.objectives.batch import IGNORE, Tag
from lmstudio_app.engine.objectives.objectives import Objective


@dataclass(frozen=True)
class ShownToken:
    text: str
    tag: str  # a Tag name in lower case: "plain", "masked", "replaced", "kept", "sentinel", …


@dataclass(frozen=True)
class Inspection:
    objective: str
    original: list[str]
    inputs: list[ShownToken]
    targets: list[ShownToken]  # per input position for encoders/decoders, the target sequence for seq2seq
    aligned: bool  # targets line up with inputs
    segments: list[int] | None
    notes: list[str]
    joiner: str = ""  # between token texts: a space for WordPiece, else nothing

    def render(self, color: bool = False) -> str:
        def show(tokens: list[ShownToken]) -> str:
            return self.joiner.join(_styled(t, color) for t in tokens)

        lines = [f"objective: {self.objective}", "", "original:", "  " + self.joiner.join(self.original), "",
                 "model input:", "  " + show(self.inputs)]
        if self.segments is not None:
            lines += ["segments:", "  " + " ".join(str(s) for s in self.segments)]
        if self.aligned:
            predicted = [(i, t) for i, t in enumerate(self.inputs) if self.targets[i].text]
            lines += ["", "predicted at:"]
            lines += [f"  {i:>4}  {t.text!r:>14} -> {self.targets[i].text!r}  ({t.tag})" for i, t in predicted[:60]]
            if len(predicted) > 60:
                lines.append(f"  … {len(predicted) - 60} more")
        else:
            lines += ["", "target (decoder):", "  " + show(self.targets)]
        lines += [""] + [f"note: {n}" for n in self.notes]
        legend = "legend: [MASK]=masked  ~x~=replaced by random  =x==kept but predicted  <…>=sentinel  {x}=special"
        return "\n".join(lines + [legend])


_COLORS = {"masked": "41", "replaced": "43", "kept": "44", "sentinel": "45", "inserted": "41", "special": "2",
           "prefix": "36"}


def _styled(token: ShownToken, color: bool) -> str:
    text = token.text
    if color and token.tag in _COLORS:
        return f"\033[{_COLORS[token.tag]}m{text}\033[0m"
    return {"replaced": f"~{text}~", "kept": f"={text}=", "special": f"{{{text}}}"}.get(token.tag, text)


def inspect_example(objective: Objective, split: TokenizedSplit, seed: int = 0) -> Inspection:
    example = objective.example(split, np.random.default_rng(seed))
    texts = objective.tokenizer.token_texts
    inputs = [ShownToken(t, Tag(tag).name.lower()) for t, tag in zip(texts(example.input_ids.tolist()),
                                                                     example.input_tags)]
    aligned = example.decoder_input_ids is None
    if aligned:
        targets = [ShownToken(texts([label])[0] if label != IGNORE else "", "target" if label != IGNORE else "")
                   for label in example.labels.tolist()]
    else:
        sentinels = set(objective.special.sentinels)
        targets = [ShownToken(text, "sentinel" if token in sentinels else
                              "special" if objective.tokenizer.is_special(token) else "plain")
                   for token, text in zip(example.labels.tolist(), texts(example.labels.tolist()))]
    return Inspection(
        objective=objective.name + (" + nsp" if example.sequence_label is not None else ""),
        original=texts(example.original.tolist()),
        inputs=inputs,
        targets=targets,
        aligned=aligned,
        segments=None if example.segment_ids is None else example.segment_ids.tolist(),
        notes=list(example.notes),
        joiner=objective.tokenizer.display_joiner,
    )
