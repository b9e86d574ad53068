"""The one-line "what am I looking at" under each view."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from lmstudio_app.gui.i18n import texts, translatable

LOSS = translatable(
    "Thin line: the training loss at each logged step; thick line: the same smoothed (an exponential moving "
    "average, debiased; the slider sets its factor); dots: validation loss; dashed: what unigram, bigram and "
    "trigram token counts of the same data reach on the same validation batches. Lower plot: task and "
    "objective scores on a 0 to 1 scale, the optimizer's view, or a line per layer (dark at the bottom, light "
    "at the top) of gradient norm, update size, weight norm or attention entropy. Click a legend entry's line "
    "to hide it.")
ATTENTION = translatable(
    "Rows: the query tokens, the positions that attend; columns: the key tokens they attend to. Each row "
    "holds one softmax and sums to 1; brighter is more weight. The scrubber replays the snapshots taken "
    "during training.")
PLAYGROUND = translatable(
    "Decoders continue the prompt; encoder-decoders and seq2seq fine-tunes answer it below it; masked-LM "
    "encoders fill each [MASK]; classifiers and taggers label the text. The bars show the probabilities "
    "behind the last choice.")


def caption(text: str, name: str) -> QLabel:
    label = QLabel()
    texts(label, setText=text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #666666;")
    return label
