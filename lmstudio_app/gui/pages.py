"""The experiment's steps besides the architecture: data & tokenizer, objective, fine-tuning, training."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lmstudio_app.cjk import join_without_space
from lmstudio_app.config.objectives import SPECS as OBJECTIVE_SPECS
from lmstudio_app.config.registry import objectives_for
from lmstudio_app.events import ObjectivePreview, TaskPreview, TokenizerReport
from lmstudio_app.gui.forms import AdoptedBanner, SectionForm
from lmstudio_app.gui.i18n import (
    on_language_change,
    retranslated,
    run_name,
    texts,
    tr,
    translatable,
)
from lmstudio_app.gui.mask_gallery import MaskGallery
from lmstudio_app.gui.session import SessionModel, has_model, run_point

TAG_NAMES = (translatable("masked"), translatable("replaced"), translatable("kept"), translatable("sentinel"),
             translatable("inserted"), translatable("special"), translatable("prefix"), translatable("target"))
TAG_COLORS = {"masked": "#f4a6a6", "replaced": "#f7d794", "kept": "#a6c8f4", "sentinel": "#d3a6f4",
              "inserted": "#f4a6a6", "special": "#dddddd", "prefix": "#bfe8e4", "target": "#e8f4d9"}
TASK_INTRO = translatable("A fine-tune trains its task instead of a pretraining objective: here is one example as "
                          "the model reads it, and the answer it learns to give.")
FIELD_NAMES = {"text": translatable("text"), "pair": translatable("second text"), "prompt": translatable("prompt"),
               "answer": translatable("answer")}  # TaskPreview.framing's placeholders for the task's own texts
POOLED = {"cls": translatable("the first token ([CLS])"), "mean": translatable("the mean of every token"),
          "last": translatable("the last token (the only one a decoder lets see the whole input)")}
SHOWN_LABELS = 12  # labels listed by name; the rest are counted


def button(text: str, name: str, tip: str = "") -> QPushButton:
    """A push button whose (translatable) text and tip follow the window's language."""
    widget = QPushButton()
    widget.setObjectName(name)
    retranslated(widget, lambda: (widget.setText(tr(text)), widget.setAccessibleName(tr(text).rstrip("…")),
                                  widget.setToolTip(tr(tip) if tip else "")))
    return widget


class DataPage(QWidget):
    """Corpus (built-in, or files and folders by dialog or drag-and-drop) and tokenizer."""

    tokenizerRequested = Signal()

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        self.setAcceptDrops(True)
        self.data_form = SectionForm(session, "data", ["corpus", "paths", "glob", "text_field",
                                                       "validation_fraction", "max_documents", "seed"])
        self.tokenizer_form = SectionForm(session, "tokenizer", columns=2)
        add_files = button(translatable("Add files…"), "addFilesButton",
                           translatable("add .txt, .jsonl or .csv files to the corpus"))
        add_folder = button(translatable("Add folder…"), "addFolderButton",
                            translatable("add every matching file of a folder"))
        add_files.clicked.connect(self._choose_files)
        add_folder.clicked.connect(self._choose_folder)
        self.prepare = button(translatable("Read corpus and train tokenizer"), "trainTokenizerButton",
                              translatable("summarize the corpus, train (or load) the tokenizer and show its "
                                           "diagnostics"))
        self.prepare.clicked.connect(self.tokenizerRequested)
        self.report = QTextBrowser()
        self.report.setObjectName("tokenizerReport")
        texts(self.report, setAccessibleName=translatable("corpus and tokenizer report"),
              setPlaceholderText=translatable("Drop .txt/.jsonl/.csv files or folders here, or pick a built-in "
                                              "corpus."))
        self.report.setMaximumHeight(180)
        layout = QVBoxLayout(self)
        corpus = QGroupBox()
        texts(corpus, setTitle=translatable("Corpus"))
        inner = QVBoxLayout(corpus)
        inner.addWidget(self.data_form)
        buttons = QHBoxLayout()
        buttons.addWidget(add_files)
        buttons.addWidget(add_folder)
        inner.addLayout(buttons)
        tokenizer = QGroupBox()
        texts(tokenizer, setTitle=translatable("Tokenizer"))
        self.adopted = AdoptedBanner(session, translatable("tokenizer"), self.tokenizer_form)
        tokenizer_layout = QVBoxLayout(tokenizer)
        tokenizer_layout.addWidget(self.adopted)
        tokenizer_layout.addWidget(self.tokenizer_form)
        layout.addWidget(corpus)
        layout.addWidget(tokenizer)
        layout.addWidget(self.prepare)
        layout.addWidget(self.report)
        layout.addStretch(1)
        session.tokenizerReported.connect(self.show_report)
        self.shown_report: TokenizerReport | None = None
        on_language_change(self, lambda: self.show_report(self.shown_report))

    def add_paths(self, paths: list[str]) -> None:
        current = list(self.session.config.data.paths)
        self.session.set_field("data", "paths", current + [p for p in paths if p not in current])
        self.session.set_field("data", "corpus", "files")

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, tr("Add text files"), "",
                                                tr("Text (*.txt *.md *.jsonl *.csv);;All (*)"))
        if files:
            self.add_paths(files)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Add a folder of text files"))
        if folder:
            self.add_paths([folder])

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.add_paths(paths)
            event.acceptProposedAction()

    def show_report(self, report: TokenizerReport | None) -> None:
        self.shown_report = report
        if report is not None:
            self.report.setPlainText(corpus_text(report.corpus) + "\n\n" + tokenizer_text(report.diagnostics))


def corpus_text(summary) -> str:
    """A CorpusSummary in the window's language."""
    text = tr("{name}: {documents} documents ({train} train, {validation} validation), {characters} characters, "
              "{lines} lines, {megabytes} MB").format(
        name=summary.name, documents=f"{summary.documents:,}", train=f"{summary.train_documents:,}",
        validation=f"{summary.validation_documents:,}", characters=f"{summary.characters:,}",
        lines=f"{summary.lines:,}", megabytes=f"{summary.bytes / 1e6:.2f}")
    if summary.segmentation:
        text += "; " + (tr("Chinese words from the corpus's gold segmentation") if summary.segmentation == "gold"
                        else tr("Chinese words from {segmenter}").format(segmenter=summary.segmentation))
    elif summary.cjk_characters:
        text += "; " + tr("Chinese text but no segmenter: whole-word masking takes each character as a word "
                          "(pip install jieba)")
    if summary.skipped:
        text += "; " + tr("skipped {count}:").format(count=len(summary.skipped)) + " " + "; ".join(
            summary.skipped[:5]) + ("; …" if len(summary.skipped) > 5 else "")
    return text


def tokenizer_text(diagnostics) -> str:
    """TokenizerDiagnostics in the window's language."""
    d = diagnostics
    return "\n".join([
        tr("vocabulary: {size} tokens").format(size=f"{d.vocab_size:,}"),
        tr("on {tokens} validation tokens: unknown {unknown}, {per_word} tokens per word, {per_character} per "
           "character").format(tokens=f"{d.tokens:,}", unknown=f"{d.unknown_rate:.2%}",
                                per_word=f"{d.tokens_per_word:.2f}", per_character=f"{d.tokens_per_character:.3f}"),
        tr("longest:") + " " + ", ".join(repr(t) for t in d.longest_tokens),
        tr("most frequent:") + " " + ", ".join(f"{t!r} ({n:,})" for t, n in d.most_frequent),
    ])


class ObjectivePage(QWidget):
    """Only the objectives that fit the family are offered; a preview shows one corrupted example."""

    previewRequested = Signal(int)

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        self.name_form = SectionForm(session, "objective", ["name"])
        # each objective's own settings, as its descriptor lists them
        self.forms = {name: SectionForm(session, "objective", list(spec.options))
                      for name, spec in OBJECTIVE_SPECS.items() if spec.options}
        self.preview = QTextBrowser()
        self.preview.setObjectName("objectivePreview")
        texts(self.preview, setAccessibleName=translatable("objective preview"))
        self.seed = 0
        # After the first preview, changes to the experiment refresh it (debounced; the data is cached).
        self.live = False
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(400)
        self.debounce.timeout.connect(lambda: self.previewRequested.emit(self.seed))
        refresh = button(translatable("Preview another example"), "previewButton",
                         translatable("prepare the data and show how the objective corrupts one example"))
        refresh.clicked.connect(self._next_preview)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        retranslated(self.legend, lambda: self.legend.setText(" ".join(
            f'<span style="background:{TAG_COLORS[t]}">&nbsp;{tr(t)}&nbsp;</span>' for t in TAG_NAMES)))
        self.task_intro = QLabel()
        self.task_intro.setObjectName("taskIntro")
        self.task_intro.setWordWrap(True)
        texts(self.task_intro, setText=TASK_INTRO)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_form)
        for form in self.forms.values():
            layout.addWidget(form)
        layout.addWidget(self.task_intro)
        layout.addWidget(refresh)
        layout.addWidget(self.legend)
        layout.addWidget(self.preview, 1)
        self.gallery = MaskGallery()
        layout.addWidget(self.gallery)
        self.shown_preview: ObjectivePreview | TaskPreview | None = None
        retranslated(self, self._render_preview)
        session.configChanged.connect(self.refresh)
        session.previewReady.connect(self.show_inspection)
        self.refresh()

    @property
    def combo(self) -> QComboBox:
        return self.name_form.editors["name"].control

    def refresh(self) -> None:
        if self.live and self.session.valid:
            self.debounce.start()
        fine_tuning = bool(self.session.config.finetune.task)  # the task replaces the objective
        if self.shown_preview is not None and isinstance(self.shown_preview, TaskPreview) != fine_tuning:
            self.show_inspection(None)  # no longer what a run trains on; the next preview is on its way
        self.name_form.setVisible(not fine_tuning)
        self.task_intro.setVisible(fine_tuning)
        family = self.session.effective.model.family
        fitting = set(objectives_for(family))
        model: QStandardItemModel = self.combo.model()
        for row in range(self.combo.count()):
            item = model.item(row)
            item.setEnabled(self.combo.itemData(row) in fitting)
            item.setToolTip("" if item.isEnabled() else tr("does not fit a {family} model").format(family=family))
        for name, form in self.forms.items():
            form.setVisible(not fine_tuning and name == self.session.config.objective.name)

    def showEvent(self, event) -> None:
        """The first time the step is opened, the preview fills itself; from then on it follows the experiment."""
        super().showEvent(event)
        if not self.live and self.session.valid:
            self._next_preview()

    def _next_preview(self) -> None:
        self.live = True
        self.seed += 1
        self.previewRequested.emit(self.seed)

    def show_inspection(self, preview: ObjectivePreview | TaskPreview | None) -> None:
        self.shown_preview = preview
        objective = isinstance(preview, ObjectivePreview)
        self.legend.setVisible(objective)
        self.gallery.setVisible(objective)
        if objective:
            self.gallery.show_pictures(preview.gallery, self.session.config.objective.name)
        self._render_preview()

    def _render_preview(self) -> None:
        if isinstance(self.shown_preview, TaskPreview):
            self.preview.setHtml(task_html(self.shown_preview))
            return
        if self.shown_preview is None:
            self.preview.clear()
            return
        inspection = self.shown_preview.inspection
        parts = [f"<b>{html.escape(inspection.objective)}</b>",
                 f"<p><b>{tr('model input')}</b><br><tt>{tokens_html(inspection.inputs, inspection.joiner)}</tt></p>"]
        if inspection.aligned:
            targets = [t for t in inspection.targets if t.text]
            parts.append(f"<p><b>{tr('predicted')}</b> ({tr('{count} tokens').format(count=len(targets))})<br><tt>"
                         + " ".join(_visible(t.text) for t in targets[:80]) + "</tt></p>")
        else:
            parts.append(f"<p><b>{tr('decoder target')}</b><br>"
                         f"<tt>{tokens_html(inspection.targets, inspection.joiner)}</tt></p>")
        if inspection.segments is not None:
            parts.append(f"<p><b>{tr('segments')}</b> " + "".join(map(str, inspection.segments)) + "</p>")
        if inspection.whole_words is not None:
            words = " │ ".join(f'<span style="background:{TAG_COLORS["masked"]}">{_visible(text)}</span>'
                               if selected else _visible(text) for text, selected in inspection.whole_words)
            parts.append(f"<p><b>{tr('whole words')}</b> ({tr('selected words shaded')})<br><tt>{words}</tt></p>")
        parts += [f"<p><i>{html.escape(note.render(tr))}</i></p>" for note in inspection.notes]
        self.preview.setHtml("".join(parts))


def tokens_html(items, joiner: str) -> str:
    """Token texts, each on the colour of its tag; Chinese reads without spaces: WordPiece's joining space is left
    out between two CJK characters."""
    shown = [f'<span style="background:{TAG_COLORS.get(t.tag, "transparent")}">{_visible(t.text)}</span>'
             for t in items]
    return "".join(piece + (html.escape(joiner) if after is not None and not
                            join_without_space(item.text, after.text) else "")
                   for piece, item, after in zip(shown, items, [*items[1:], None]))


def task_html(preview: TaskPreview) -> str:
    """What a fine-tune trains: the task and its data, the head, the input's framing, one example and its answer."""
    head = preview.head
    if head.kind == "sequence":
        what = tr("a classifier over {count} labels, reading {pooled} of the last layer").format(
            count=head.outputs, pooled=tr(POOLED[head.pooling]))
    elif head.kind == "token":
        what = tr("a tagger: one of {count} tags for every token, from the last layer").format(count=head.outputs)
    else:
        what = tr("the language-model head: the answer is generated token by token")
    framing = " ".join(f"<i>{tr(FIELD_NAMES[text])}</i>" if kind == "field" else f"<tt>{html.escape(text)}</tt>"
                       for kind, text in preview.framing)
    parts = [f"<b>{html.escape(preview.task)}</b> · " + tr("{dataset}: {train} training and {validation} validation "
                                                           "examples").format(
        dataset=html.escape(preview.dataset), train=f"{preview.train_examples:,}",
        validation=f"{preview.validation_examples:,}"),
        f"<p><b>{tr('head')}</b> {html.escape(what)}"]
    if preview.labels:
        listed = ", ".join(preview.labels[:SHOWN_LABELS]) + (
            " " + tr("and {count} more").format(count=len(preview.labels) - SHOWN_LABELS)
            if len(preview.labels) > SHOWN_LABELS else "")
        parts[-1] += f"<br><b>{tr('labels')}</b> {html.escape(listed)}"
    parts[-1] += "</p>"
    parts.append(f"<p><b>{tr('input framing')}</b> {framing}</p>")
    parts.append(f"<p><b>{tr('model input')}</b><br><tt>{tokens_html(preview.inputs, preview.joiner)}</tt></p>")
    if preview.segments is not None and any(preview.segments):
        parts.append(f"<p><b>{tr('segments')}</b> " + "".join(map(str, preview.segments)) + "</p>")
    if preview.aligned:
        answer = " ".join(f"{_visible(token.text)}<sub>{html.escape(tag.text)}</sub>"
                          for token, tag in zip(preview.inputs, preview.answer) if tag.text)
    else:
        answer = tokens_html(preview.answer, preview.joiner)
    parts.append(f"<p><b>{tr('answer')}</b><br><tt>{answer}</tt></p>")
    start = tr("starts from {run}: its weights, architecture and tokenizer").format(run=html.escape(preview.start)) \
        if preview.start else tr("starts from scratch: random weights, and a tokenizer trained on the task's texts")
    parts.append(f"<p><i>{start}</i></p>")
    return "".join(parts)


def _visible(text: str) -> str:
    return html.escape(text).replace("\n", "⏎").replace(" ", "&nbsp;") or "∅"


class FinetunePage(QWidget):
    """Task, data, starting point (a pretrained run from the index) and strategy."""

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        self.task_form = SectionForm(session, "finetune", ["task", "dataset", "paths", "text_field", "pair_field",
                                                           "label_field", "max_examples", "pooling"])
        self.start = QComboBox()
        self.start.setObjectName("pretrainedRunCombo")
        texts(self.start, setAccessibleName=translatable("pretrained run"),
              setToolTip=translatable("a run from the run index whose weights the task model starts from"))
        # Run descriptions are long; the combo shrinks with the pane and its popup shows them whole.
        self.start.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.start.setMinimumContentsLength(16)
        self.start.currentIndexChanged.connect(
            lambda _: session.set_field("finetune", "from_run", self.start.currentData() or ""))
        refresh = button(translatable("Refresh"), "refreshRunsButton", translatable("read the run index again"))
        refresh.clicked.connect(session.refresh_runs)
        self.strategy_form = SectionForm(session, "finetune", [
            "strategy", "freeze_embeddings", "freeze_layers", "layer_lr_decay", "unfreeze_every", "lora_rank",
            "lora_alpha", "lora_dropout", "lora_targets", "checkpoint"])
        layout = QVBoxLayout(self)
        task = QGroupBox()
        texts(task, setTitle=translatable("Task"))
        QVBoxLayout(task).addWidget(self.task_form)
        start = QGroupBox()
        texts(start, setTitle=translatable("Start from"))
        row = QHBoxLayout(start)
        row.addWidget(self.start, 1)
        row.addWidget(refresh)
        strategy = QGroupBox()
        texts(strategy, setTitle=translatable("Strategy"))
        QVBoxLayout(strategy).addWidget(self.strategy_form)
        intro = QLabel()
        texts(intro, setText=translatable("Leave the task empty to pretrain. With a task, the model trains on it "
                                          "instead."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(task)
        layout.addWidget(start)
        layout.addWidget(strategy)
        layout.addStretch(1)
        session.configChanged.connect(self._sync)
        session.runsChanged.connect(self._show_runs)
        retranslated(self, self._show_runs)

    def _show_runs(self) -> None:
        runs = [r for r in self.session.runs if not r.task and has_model(r)]
        self.start.blockSignals(True)
        self.start.clear()
        self.start.addItem(tr("from scratch"), "")
        for run in runs:
            self.start.addItem(f"{run_name(run)} · {run.family} · {run.objective} · {run_point(run)}",
                               run.run_dir)
        self.start.blockSignals(False)
        self._sync()

    def _sync(self) -> None:
        f = self.session.config.finetune
        index = self.start.findData(f.from_run)
        if index < 0 and f.from_run:
            self.start.addItem(Path(f.from_run).name, f.from_run)
            index = self.start.count() - 1
        self.start.blockSignals(True)
        self.start.setCurrentIndex(max(index, 0))
        self.start.blockSignals(False)
        active = bool(f.task)
        self.strategy_form.setEnabled(active)
        self.start.setEnabled(active)
        lora = f.strategy == "lora"
        self.strategy_form.set_enabled_fields({"lora_rank": lora, "lora_alpha": lora, "lora_dropout": lora,
                                               "lora_targets": lora, "unfreeze_every": f.strategy == "full"})


class TrainingPage(QWidget):
    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.form = SectionForm(session, "training", columns=2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)

