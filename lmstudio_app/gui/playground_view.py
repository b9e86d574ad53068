"""The playground: generate text, fill masks, or classify, with the live model or a saved run."""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lmstudio_app.config.schema import MAX_SEED
from lmstudio_app.events import Classified, MasksFilled, ModelReady, Tagged
from lmstudio_app.gui import captions
from lmstudio_app.gui.captions import caption
from lmstudio_app.gui.flow import FlowRow
from lmstudio_app.gui.i18n import retranslated, run_name, texts, tr, translatable
from lmstudio_app.gui.numbers import NumberBox
from lmstudio_app.gui.session import SessionModel, has_model, run_point
from lmstudio_app.gui.view_parts import ElidedLabel
from lmstudio_app.model_requests import GENERATION_LIMITS, Classify, FillMasks, Generate

MAX_BARS = 15


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    """``widget`` with its object name and its (translatable) accessible name."""
    widget.setObjectName(name)
    texts(widget, setAccessibleName=accessible)
    return widget


class ProbabilityBars(pg.PlotWidget):
    """Horizontal bars of the most likely candidates (next token, mask filler or label)."""

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        texts(self, setAccessibleName=translatable("probabilities"))
        self.setBackground("w")
        self.setMaximumHeight(200)
        self.setMenuEnabled(False)
        self.setMouseEnabled(False, False)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brush="#4e79a7")
        self.addItem(self.bars)
        self.getPlotItem().invertY(True)
        self.setXRange(0, 1)
        self.getAxis("left").setTicks([[]])  # the candidates' names go there: until then, no numbers

    def show(self, candidates: list[tuple[str, float]], quote: bool = True) -> None:
        self.bars.setOpts(x0=[0] * len(candidates), y=list(range(len(candidates))),
                          width=[p for _, p in candidates], height=0.7)
        self.getAxis("left").setTicks([[(i, f"{text!r} {p:.1%}" if quote else f"{text} {p:.1%}")
                                        for i, (text, p) in enumerate(candidates)]])
        self.setYRange(-0.5, max(len(candidates), 1) - 0.5)


class PlaygroundView(QWidget):
    request = Signal(object)  # a model request (lmstudio_app.model_requests)
    stopGeneration = Signal()  # end the generation under way after its next token
    openRun = Signal(str)

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        self.source = _named(QComboBox(), "playgroundRunCombo", translatable("model to use"))
        refresh = _named(QPushButton(), "playgroundRefreshButton", translatable("refresh runs"))
        texts(refresh, setText=translatable("Refresh"))
        load = _named(QPushButton(), "openRunButton", translatable("open the chosen run"))
        texts(load, setText=translatable("Open run"))
        self.model_label = _named(ElidedLabel(), "playgroundModelLabel", translatable("model in use"))
        refresh.clicked.connect(session.refresh_runs)
        load.clicked.connect(lambda: self.source.currentData() and self.openRun.emit(self.source.currentData()))

        self.prompt = _named(QPlainTextEdit(), "promptEdit", translatable("prompt"))
        texts(self.prompt, setPlaceholderText=translatable("a prompt for decoders and encoder-decoders; text with "
                                                           "[MASK] for encoders; any text for classifiers"))
        self.prompt.setMaximumHeight(90)
        self.pair = _named(QLineEdit(), "pairEdit", translatable("second text"))
        texts(self.pair, setPlaceholderText=translatable("second text of the pair"))
        # Out-of-range sampling settings are reported on the field and stop Generate; never clamped unseen.
        self.temperature = _named(NumberBox(float, step=0.1, limits=GENERATION_LIMITS["temperature"]),
                                  "temperatureSpin", translatable("temperature"))
        self.temperature.setValue(0.8)
        self.top_k = _named(NumberBox(int, zero_text="off", limits=GENERATION_LIMITS["top_k"]), "topKSpin",
                            translatable("top k"))
        retranslated(self.top_k, lambda: self.top_k.set_zero_text(tr("off")))
        self.top_k.setValue(40)
        self.top_p = _named(NumberBox(float, step=0.05, limits=GENERATION_LIMITS["top_p"]), "topPSpin",
                            translatable("top p"))
        self.top_p.setValue(0.95)
        self.max_tokens = _named(NumberBox(int, step=10, limits=GENERATION_LIMITS["max_tokens"]), "maxTokensSpin",
                                 translatable("tokens to generate"))
        self.max_tokens.setValue(120)
        self.sampling = (self.temperature, self.top_k, self.top_p, self.max_tokens)
        for box in self.sampling:
            box.problemChanged.connect(lambda _: self._model_changed(self.session.model))
        self.seed = _named(QLineEdit(), "seedEdit", translatable("seed"))
        retranslated(self.seed, lambda: (
            self.seed.setPlaceholderText(tr("seed (empty = random)")),
            self.seed.setMinimumWidth(self.seed.fontMetrics().horizontalAdvance(tr("seed (empty = random)")) + 16)))
        self.seed.textChanged.connect(lambda _: self._model_changed(self.session.model))
        # What is wrong with the sampling settings, under them: Generate waits until they are right.
        self.sampling_problems = QLabel()
        self.sampling_problems.setObjectName("samplingProblems")
        self.sampling_problems.setWordWrap(True)
        self.sampling_problems.setStyleSheet("color: #d9534f;")
        self.sampling_problems.hide()
        self.generate_button = _named(QPushButton(), "generateButton", translatable("generate"))
        texts(self.generate_button, setText=translatable("Generate"))
        # A model that rarely says its end token writes up to the count asked for: Stop ends it sooner.
        self.stop_button = _named(QPushButton(), "stopGenerationButton", translatable("stop generating"))
        texts(self.stop_button, setText=translatable("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stopGeneration)
        self.fill_button = _named(QPushButton(), "fillMaskButton", translatable("fill masks"))
        texts(self.fill_button, setText=translatable("Fill masks"))
        self.classify_button = _named(QPushButton(), "classifyButton", translatable("classify"))
        texts(self.classify_button, setText=translatable("Classify"))
        self.generate_button.clicked.connect(self._generate)
        self.fill_button.clicked.connect(lambda: self._ask(FillMasks(self.prompt.toPlainText())))
        self.classify_button.clicked.connect(self._classify)
        self.output = _named(QTextBrowser(), "playgroundOutput", translatable("model output"))
        self.cut_note = QLabel()  # a prompt longer than the context: the answer is to the part the model read
        self.cut_note.setObjectName("promptCutNote")
        self.cut_note.setWordWrap(True)
        self.cut_note.setStyleSheet("color: #a35200;")
        self.cut_note.hide()
        self.bars = ProbabilityBars("probabilityBars")

        source = QGroupBox()
        texts(source, setTitle=translatable("Model"))
        row = QHBoxLayout(source)
        row.addWidget(self.source, 1)
        row.addWidget(refresh)
        row.addWidget(load)
        sampling = FlowRow()
        for label, widget in ((translatable("temperature"), self.temperature), ("top-k", self.top_k),
                              ("top-p", self.top_p), (translatable("tokens"), self.max_tokens)):
            sampling.add_labeled(label, widget)
        sampling.addWidget(self.seed)
        buttons = FlowRow()
        for widget in (self.generate_button, self.stop_button, self.fill_button, self.classify_button):
            buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(source)
        layout.addWidget(self.model_label)
        layout.addWidget(self.prompt)
        layout.addWidget(self.pair)
        layout.addLayout(sampling)
        layout.addWidget(self.sampling_problems)
        layout.addLayout(buttons)
        layout.addWidget(self.cut_note)
        layout.addWidget(self.output, 1)
        bars_title = QLabel()
        texts(bars_title, setText=translatable("probabilities of the last choice"))
        layout.addWidget(bars_title)
        layout.addWidget(self.bars)
        layout.addWidget(caption(captions.PLAYGROUND, "playgroundCaption"))
        session.modelChanged.connect(self._model_changed)
        session.generationChanged.connect(self._show_generation)
        session.answered.connect(self._show_answer)
        session.runsChanged.connect(self._show_runs)
        retranslated(self, lambda: (self._show_runs(), self._model_changed(session.model), self._word_cut_note()))

    def _show_runs(self) -> None:
        self.source.clear()
        for run in filter(has_model, self.session.runs):
            what = run.task or run.objective
            self.source.addItem(f"{run_name(run)} · {run.family} · {what} · {run_point(run)}", run.run_dir)
        self._choose_run_in_use()

    def _choose_run_in_use(self) -> None:
        """The list shows the run whose model is in use, however it was opened (here, from Runs, after training)."""
        model = self.session.model
        index = self.source.findData(model.run_dir) if model is not None else -1
        if index >= 0:
            self.source.setCurrentIndex(index)

    def _model_changed(self, model: ModelReady | None) -> None:
        self._choose_run_in_use()
        if model is None:
            self.model_label.setText(tr("no model yet: train one, pause it, or open a saved run"))
        elif model.live:
            self.model_label.setText(tr("using the live model (pause training to keep it still)"))
        else:
            self.model_label.setText(tr("using {run} at step {step}").format(run=model.run_dir, step=f"{model.step:,}"))
        generates = model is not None and model.generates
        problems = [problem for problem in (*(box.problem for box in self.sampling), self.seed_problem()) if problem]
        self.generate_button.setEnabled(generates and not problems)
        self.generate_button.setToolTip(tr("fix the sampling settings first:") + " " + "; ".join(problems)
                                        if problems else "")
        self.sampling_problems.setText("\n".join(problems))
        self.sampling_problems.setVisible(generates and bool(problems))
        for control in (*self.sampling, self.seed):  # they mean nothing to a mask filler or a classifier
            control.setEnabled(generates)
        self.fill_button.setEnabled(model is not None and model.fills_masks)
        self.classify_button.setEnabled(model is not None and model.classifies)
        self.pair.setVisible(model is not None and model.config.finetune.task == "pair-classification")

    def chosen_seed(self) -> int | None:
        """The seed typed, or None (empty: a different sample every time)."""
        text = self.seed.text().strip()
        return int(text) if text else None

    def seed_problem(self) -> str:
        text = self.seed.text().strip()
        if not text or (text.isdigit() and int(text) <= MAX_SEED):
            return ""
        return tr("seed “{text}” is not a whole number from 0 to {largest}: leave it empty for a different sample "
                  "every time").format(text=text, largest=MAX_SEED)

    def ask_default(self, text: str) -> None:
        """Put ``text`` in the prompt and press whichever action the model in use offers."""
        self.prompt.setPlainText(text)
        for button in (self.generate_button, self.fill_button, self.classify_button):
            if button.isEnabled():
                button.click()
                return

    def _ask(self, request) -> None:
        self.output.clear()
        self.request.emit(request)

    def _classify(self) -> None:
        self._ask(Classify(self.prompt.toPlainText(), None if self.pair.isHidden() else self.pair.text()))

    def _generate(self) -> None:
        self._ask(Generate(self.prompt.toPlainText(), max_tokens=self.max_tokens.value(),
                           temperature=self.temperature.value(), top_k=self.top_k.value(), top_p=self.top_p.value(),
                           seed=self.chosen_seed()))

    def _show_generation(self) -> None:
        generation = self.session.generation
        self.stop_button.setEnabled(not generation.done)
        prompt = html.escape(generation.prompt)
        joiner = "" if generation.continues_prompt else "<br>→ "
        self.output.setHtml(f"<pre style='white-space: pre-wrap'>{prompt}{joiner}<b>"
                            f"{html.escape(generation.text)}</b></pre>")
        if generation.candidates:
            self.bars.show(list(generation.candidates))
        self.cut_note.setVisible(bool(generation.unread_tokens))
        self._word_cut_note()

    def _word_cut_note(self) -> None:
        generation = self.session.generation
        if generation.unread_tokens:
            self.cut_note.setText((tr("The prompt is longer than the model's context: its first {count} tokens were "
                                      "not read.") if generation.continues_prompt else
                                   tr("The prompt is longer than the model's context: its last {count} tokens were "
                                      "not read.")).format(count=f"{generation.unread_tokens:,}"))

    def _show_answer(self, answer: MasksFilled | Classified | Tagged) -> None:
        self.cut_note.hide()  # it was said of the last generation's prompt
        if isinstance(answer, MasksFilled):
            lines = [" · ".join(f"{text!r} {p:.1%}" for text, p in mask) for mask in answer.masks]
            self.output.setPlainText("\n".join(f"[MASK] {i + 1}: {line}" for i, line in enumerate(lines)))
            # Every mask's candidates, each group labelled with its mask's number.
            shown = MAX_BARS // max(len(answer.masks), 1) or 1
            self.bars.show([(f"#{i + 1} {text!r}", p) for i, mask in enumerate(answer.masks)
                            for text, p in mask[:shown]], quote=False)
        elif isinstance(answer, Classified):
            self.output.setPlainText("\n".join(f"{label}: {p:.1%}" for label, p in answer.labels))
            self.bars.show(list(answer.labels[:10]))
        else:
            self.output.setHtml(" ".join(
                f"<span title='{html.escape(tag)} {p:.0%}'>{html.escape(text)}<sub>{html.escape(tag)}</sub></span>"
                for text, tag, p in answer.tokens))
