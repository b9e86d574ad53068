"""The window in English or 简体中文, switched at runtime.

Every visible string goes through ``tr`` (Qt's ``QCoreApplication.translate``
in one context), or is marked with ``translatable`` where it is kept in a
table and translated when shown. ``scripts/translations.py`` collects both
kinds, with the config schema's help texts and field names, into
``resources/i18n/lmstudio_zh_CN.ts``; ``pyside6-lrelease`` compiles it to the
``.qm`` file the package ships. Qt's own ``qtbase_zh_CN.qm`` is loaded with it so
standard dialogs (Yes/No, file choosers) match.

A widget that shows translated text sets it in a function it hands to
``retranslated``: the function runs now and again whenever the language
changes, for as long as the widget lives, so switching needs no restart.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal, Slot

from lmstudio_app.config.messages import Message
from lmstudio_app.config.objectives import SPECS as OBJECTIVE_SPECS
from lmstudio_app.run_index import RunRecord

CONTEXT = "lmstudio"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}  # each in its own language, as language menus show them


def tr(text: str) -> str:
    """``text`` in the window's language (``text`` itself where there is no translation)."""
    return QCoreApplication.translate(CONTEXT, text)


def translatable(text: str) -> str:
    """Marks a string kept in a table for the translation file; ``tr`` translates it where it is shown."""
    return text


# Metric names the engine logs, and how the window names them (others, such as f1/LABEL, show as logged)
METRICS = {"loss": translatable("loss"), "accuracy": translatable("accuracy"), "perplexity": translatable("perplexity"),
           "macro_f1": translatable("macro F1"),
           "exact_match": translatable("exact match"), "chrf": translatable("chrF"),
           "learning_rate": translatable("learning rate"), "grad_norm": translatable("gradient norm"),
           "tokens_per_second": translatable("tokens / s")} | {
    key: label for spec in OBJECTIVE_SPECS.values() for key, label in spec.metrics}  # the parts objectives log
# Signals logged per layer group ("grad_norm/decoder.3": engine/train/layer_stats.py; "lr/encoder.1" and
# "trainable/…": a fine-tune's groups, engine/finetune/strategies.py)
LAYER_SIGNALS = {"grad_norm": translatable("gradient norm"), "param_norm": translatable("weight norm"),
                 "update_ratio": translatable("update / weight"), "trust_ratio": translatable("trust ratio"),
                 "attention_entropy": translatable("attention entropy"), "lr": translatable("learning rate"),
                 "trainable": translatable("trainable")}
STACK_LAYERS = {"encoder": translatable("encoder layer {number}"), "decoder": translatable("decoder layer {number}"),
                "cross": translatable("decoder layer {number}, cross-attention")}
GROUPS = {"embeddings": translatable("embeddings"), "head": translatable("output head")}


def group_label(group: str) -> str:
    """A layer group as the window names it: "decoder.0" → "decoder layer 1" (layers count from 1, as in the
    architecture diagram and the attention view)."""
    kind, _, index = group.partition(".")
    if index.isdigit() and kind in STACK_LAYERS:
        return tr(STACK_LAYERS[kind]).format(number=int(index) + 1)
    return tr(GROUPS[group]) if group in GROUPS else group


def metric_label(name: str) -> str:
    """A logged metric's name as the window shows it: "accuracy" → "准确率"; "validation/accuracy",
    "train/grad_norm/decoder.0" in parts."""
    split, slash, rest = name.partition("/")
    if slash and split in ("train", "validation"):
        return f"{tr(split)}/{metric_label(rest)}"
    if slash and split in LAYER_SIGNALS:
        return f"{tr(LAYER_SIGNALS[split])} · {group_label(rest)}"
    return tr(METRICS[name]) if name in METRICS else name


def run_name(run: RunRecord) -> str:
    """A run's name as the window shows it: the experiment's name, then the parts a comparison added."""
    return " · ".join(part.render(tr) if isinstance(part, Message) else part for part in run.name_parts)


def duration_text(seconds: float) -> str:
    """65 → "1m05s", 3700 → "1h01m", in the window's language (formatting.duration is the command line's)."""
    seconds = int(seconds)
    if seconds >= 3600:
        return tr("{hours}h{minutes}m").format(hours=seconds // 3600, minutes=f"{seconds % 3600 // 60:02d}")
    return tr("{minutes}m{seconds}s").format(minutes=seconds // 60, seconds=f"{seconds % 60:02d}")



def system_language() -> str:
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


class Language(QObject):
    """The installed translation; ``changed`` tells every ``retranslated`` widget to set its texts again."""

    changed = Signal(str)

    def __init__(self):
        super().__init__()
        self.code = "en"
        self._translators: list[QTranslator] = []

    def set(self, code: str) -> bool:
        """Switch to ``code`` (a key of LANGUAGES); False, staying in English, if its file cannot be loaded."""
        if code not in LANGUAGES:
            code = "en"
        if code == self.code:
            return True  # nothing to redo: every window already shows this language
        app = QCoreApplication.instance()
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators = []
        loaded = True
        if code != "en":
            ours = QTranslator(self)
            folder = resources.files("lmstudio_app.resources") / "i18n"
            loaded = ours.load(str(folder / f"lmstudio_{code}.qm"))
            if loaded:
                qt = QTranslator(self)
                if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                    self._translators.append(qt)
                self._translators.append(ours)
        for translator in self._translators:
            app.installTranslator(translator)
        self.code = code if loaded else "en"
        self.changed.emit(self.code)
        return loaded


_language: Language | None = None


def language() -> Language:
    global _language
    if _language is None:
        _language = Language()
    return _language


class _Retranslation(QObject):
    """Runs a widget's text-setting function whenever the language changes; dies with the widget."""

    def __init__(self, owner: QObject, apply: Callable[[], None]):
        super().__init__(owner)
        self.apply = apply
        language().changed.connect(self.refresh)

    @Slot(str)
    def refresh(self, _code: str) -> None:
        self.apply()


def on_language_change(owner: QObject, apply: Callable[[], None]) -> None:
    """Run ``apply`` after every change of language, while ``owner`` lives (never after: it is gone)."""
    _Retranslation(owner, apply)


def retranslated(owner: QObject, apply: Callable[[], None]) -> None:
    """Run ``apply`` now and after every change of language, while ``owner`` lives."""
    apply()
    on_language_change(owner, apply)


def texts(widget: QObject, **setters: str) -> None:
    """Set text properties in the window's language, now and after every change:
    ``texts(group, setTitle=translatable("Corpus"), setToolTip=translatable("…"))``."""
    retranslated(widget, lambda: [getattr(widget, setter)(tr(text)) for setter, text in setters.items()])
