"""The architecture step: the model form, a live diagram of the stack, and what the model costs."""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGroupBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from lmstudio_app.config.exports import transformers_class
from lmstudio_app.config.model_stats import (
    decoder_layers,
    ffn_width,
    forward_flops_per_token,
    head_specs,
    memory_estimate,
    parameter_count,
    resolved_vocab_size,
    training_flops_per_token,
)
from lmstudio_app.errors import ConfigError
from lmstudio_app.formatting import human
from lmstudio_app.gui.forms import AdoptedBanner, SectionForm
from lmstudio_app.gui.i18n import retranslated, texts, tr, translatable
from lmstudio_app.gui.session import SessionModel
from lmstudio_app.machine import available_ram

MODEL_FIELDS = ["family", "n_layers", "n_decoder_layers", "d_model", "n_heads", "d_ff", "activation",
                "gelu_approximation", "norm", "norm_position", "residual", "position", "relative_buckets",
                "relative_max_distance", "max_seq_len", "embedding_dropout", "attention_dropout",
                "residual_dropout", "bias", "tie_embeddings", "n_segments", "vocab_size"]
MAX_DRAWN_LAYERS = 6
# Problems in these fields leave the model's size unknown (an unknown LoRA target has no shape to count).
COST_FIELDS = ("model.", "finetune.lora", "training.batch_size", "training.seq_len")

ENCODER_COLOR = QColor("#4e79a7")
DECODER_COLOR = QColor("#f28e2b")
EMBED_COLOR = QColor("#76b7b2")
HEAD_COLOR = QColor("#59a14f")


class StackDiagram(QWidget):
    """Encoder and decoder columns of blocks, cross-attention links, embeddings below, heads above."""

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("architectureDiagram")
        self.setMinimumSize(240, 380)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        session.configChanged.connect(self.update)
        retranslated(self, lambda: (self.setAccessibleName(tr("architecture diagram")), self.update()))

    def stacks(self) -> list[tuple[str, int, QColor]]:
        m = self.session.effective.model
        if m.family == "encoder":
            return [("encoder", m.n_layers, ENCODER_COLOR)]
        if m.family == "decoder":
            return [("decoder", m.n_layers, DECODER_COLOR)]
        return [("encoder", m.n_layers, ENCODER_COLOR), ("decoder", decoder_layers(m), DECODER_COLOR)]

    def paintEvent(self, event) -> None:
        config = self.session.effective
        m = config.model
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        stacks = self.stacks()
        width, height = self.width(), self.height()
        column = (width - 40) / len(stacks)
        embed_h, head_h = 34, 34
        block_area = height - embed_h - head_h - 60
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        boxes: dict[str, list[QRectF]] = {}
        gap = 6
        tallest = max(min(layers, MAX_DRAWN_LAYERS) for _, layers, _ in stacks)
        box_h = min(56.0, (block_area - gap * tallest) / max(tallest, 1))
        # The stack sits in the middle of the panel, not at its bottom with the top half empty.
        bottom = height - max(0.0, (block_area - tallest * (box_h + gap)) / 2)
        for index, (name, layers, color) in enumerate(stacks):
            left = 20 + index * column + 10
            box_w = column - 20
            drawn = min(layers, MAX_DRAWN_LAYERS)
            top_of_blocks = bottom - embed_h - 30
            boxes[name] = []
            for layer in range(drawn):
                y = top_of_blocks - (layer + 1) * (box_h + gap)
                rect = QRectF(left, y, box_w, box_h)
                boxes[name].append(rect)
                painter.setPen(QPen(color.darker(130), 1.5))
                painter.setBrush(color.lighter(150))
                painter.drawRoundedRect(rect, 6, 6)
                number = layer + 1 if layer < drawn - 1 or drawn == layers else layers
                label = (tr("encoder layer {number}") if name == "encoder" else tr("decoder layer {number}")).format(
                    number=number)
                if drawn < layers and layer == drawn - 2:
                    label = tr("… {count} more …").format(count=layers - drawn + 1)
                attention = tr("causal") if name == "decoder" else tr("self")
                if name == "decoder" and m.family == "encoder-decoder":
                    attention += tr(" + cross")
                painter.setFont(small)
                painter.setPen(Qt.GlobalColor.black)
                details = tr("{attention} attn ×{heads} · {activation} {width}").format(
                    attention=attention, heads=m.n_heads, activation=m.activation, width=ffn_width(m))
                if painter.fontMetrics().horizontalAdvance(details) > rect.width() - 8:  # narrow: one more line
                    details = details.replace(" · ", "\n")
                painter.drawText(rect.adjusted(4, 2, -4, -2), Qt.AlignmentFlag.AlignCenter, f"{label}\n{details}")
            embed = QRectF(left, bottom - embed_h - 20, box_w, embed_h)
            painter.setPen(QPen(EMBED_COLOR.darker(140), 1.5))
            painter.setBrush(EMBED_COLOR.lighter(140))
            painter.drawRoundedRect(embed, 6, 6)
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(embed, Qt.AlignmentFlag.AlignCenter, tr("tokens ({vocab}) + {position} positions").format(
                vocab=resolved_vocab_size(config), position=m.position))
        top_blocks = boxes[stacks[-1][0]]
        heads = ", ".join(f"{name}→{spec.outputs}" for name, spec in head_specs(config).items())
        if top_blocks:
            last = top_blocks[-1]
            head = QRectF(last.left(), last.top() - head_h - 14, last.width(), head_h)
            painter.setPen(QPen(HEAD_COLOR.darker(140), 1.5))
            painter.setBrush(HEAD_COLOR.lighter(150))
            painter.drawRoundedRect(head, 6, 6)
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(head, Qt.AlignmentFlag.AlignCenter, tr("heads: {heads}").format(heads=heads))
        if m.family == "encoder-decoder" and boxes.get("encoder") and boxes.get("decoder"):
            encoder_top = boxes["encoder"][-1]
            painter.setPen(QPen(QColor("#555555"), 1.2, Qt.PenStyle.DashLine))
            for rect in boxes["decoder"]:
                painter.drawLine(encoder_top.right(), encoder_top.center().y(), rect.left(), rect.center().y())
        painter.end()


def export_formats(config) -> str:
    """Where a trained model of this config can go (lmstudio export --format …)."""
    try:
        return tr("exports to: this app's format, and transformers as <b>{name}</b>").format(
            name=transformers_class(config))
    except ConfigError as error:
        reason = error.problems[0].message.params["knobs"]  # the settings no transformers class has (NO_COUNTERPART)
        return tr("exports to: this app's format only (for transformers: {reason})").format(
            reason=html.escape(reason, quote=False))


class CostPanel(QLabel):
    """Parameters (exact), FLOPs per token and memory to train, recomputed as the config changes."""

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("modelCost")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.too_big = False  # the estimate exceeds the memory this machine has free
        session.configChanged.connect(self.refresh)
        session.problemsChanged.connect(self.refresh)
        texts(self, setAccessibleName=translatable("model cost"))
        retranslated(self, self.refresh)

    def refresh(self, *_: object) -> None:
        config = self.session.effective
        self.too_big = False
        if any(p.startswith(COST_FIELDS) for p in self.session.problems):
            self.setText("<i>" + tr("fix the highlighted fields to see the model's size") + "</i>")
            return
        memory = memory_estimate(config)
        free = available_ram() if config.training.device in ("auto", "cpu") else None
        self.too_big = free is not None and memory.total > free
        total = human(memory.total, "B")
        verdict = ""
        if free is not None:
            verdict = ("<br><span style='color:#d9534f'>" + tr(
                "<b>more than the {free} this machine has free</b>: make the model smaller or lower "
                "training.batch_size").format(free=human(free, 'B')) + "</span>" if self.too_big else
                       " · " + tr("{free} free here").format(free=human(free, "B")))
        self.setText(
            tr("<b>{parameters}</b> parameters · <b>{forward}</b> forward / {training} training per token").format(
                parameters=f"{parameter_count(config):,}", forward=human(forward_flops_per_token(config), "FLOP"),
                training=human(training_flops_per_token(config), "FLOP")) + "<br>"
            + tr("memory to train at batch {batch}:").format(batch=config.training.batch_size) + " "
            + (f"<b style='color:#d9534f'>{total}</b>" if self.too_big else f"<b>{total}</b>")
            + " " + tr("(weights {weights}, gradients {gradients}, AdamW {optimizer}, activations {activations}, "
                       "PyTorch itself {runtime})").format(
                weights=human(memory.parameters, "B"), gradients=human(memory.gradients, "B"),
                optimizer=human(memory.optimizer, "B"), activations=human(memory.activations, "B"),
                runtime=human(memory.runtime, "B")) + verdict + f"<br>{export_formats(config)}")


class ArchitecturePage(QWidget):
    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.form = SectionForm(session, "model", MODEL_FIELDS, columns=2)
        self.adopted = AdoptedBanner(session, translatable("architecture"), self.form)
        self.diagram = StackDiagram(session)
        self.cost = CostPanel(session)
        layout = QVBoxLayout(self)
        layout.addWidget(self.adopted)
        layout.addWidget(self.form)
        box = QGroupBox()
        texts(box, setTitle=translatable("The stack"))
        inner = QVBoxLayout(box)
        inner.addWidget(self.diagram, 1)
        inner.addWidget(self.cost)
        layout.addWidget(box, 1)
        session.configChanged.connect(self._enable_fields)
        self._enable_fields()

    def _enable_fields(self) -> None:
        """Fields that mean nothing for the rest of the architecture are greyed out."""
        m = self.form.session.effective.model
        relative = m.position == "relative"
        self.form.set_enabled_fields({"n_decoder_layers": m.family == "encoder-decoder",
                                      "gelu_approximation": m.activation in ("gelu", "geglu"),
                                      "norm": m.norm_position != "none",
                                      "relative_buckets": relative, "relative_max_distance": relative})
