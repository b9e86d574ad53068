"""The main window: the experiment as steps on the left, the live dashboard on the right."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lmstudio_app.config import (
    DEFAULT_PRESET,
    ExperimentConfig,
    from_toml,
    load_config,
    load_preset,
    preset_names,
    save_config,
    to_toml,
)
from lmstudio_app.config.messages import Message
from lmstudio_app.errors import LmStudioError
from lmstudio_app.events import CheckpointSaved, Finished, Started
from lmstudio_app.fsutil import user_data_dir
from lmstudio_app.gui.architecture import ArchitecturePage
from lmstudio_app.gui.attention_view import AttentionView
from lmstudio_app.gui.controller import Controller
from lmstudio_app.gui.evaluation_view import EvaluationView
from lmstudio_app.gui.fonts import FontBanner
from lmstudio_app.gui.forms import control_name, problem_text
from lmstudio_app.gui.i18n import (
    LANGUAGES,
    duration_text,
    language,
    retranslated,
    system_language,
    tr,
    translatable,
)
from lmstudio_app.config.lessons import LESSONS_BY_NAME
from lmstudio_app.gui.lessons_view import LessonsView
from lmstudio_app.gui.loss_view import LAYER_DETAILS, LossView
from lmstudio_app.gui.pages import DataPage, FinetunePage, ObjectivePage, TrainingPage
from lmstudio_app.gui.playground_view import PlaygroundView
from lmstudio_app.gui.runs_view import RunsView
from lmstudio_app.gui.session import RunState, RunStatus, SessionModel
from lmstudio_app.run_requests import RebuildIndex, RestoreRuns

SECTION_STEPS = {"data": 0, "tokenizer": 0, "model": 1, "objective": 2, "finetune": 3, "training": 4}
PHASE_WIDTH = 320  # px of status bar for what is being prepared
STEPS = (translatable("Data && tokenizer"), translatable("Architecture"), translatable("Objective"),  # && shows one &
         translatable("Fine-tuning"), translatable("Training"))
FINISH_REASONS = (translatable("completed"), translatable("stopped"), translatable("interrupted"))  # Finished.reason
TABS = {"loss": translatable("Loss"), "evaluation": translatable("Evaluation"), "attention": translatable("Attention"),
        "playground": translatable("Playground"), "runs": translatable("Runs")}
# name, text, tooltip (the text when empty)
ACTIONS = {
    "new": ("newAction", translatable("New"), ""),
    "open": ("openAction", translatable("Open…"), ""),
    "save": ("saveAction", translatable("Save…"), ""),
    "start": ("startAction", translatable("Start"), translatable("train this experiment")),
    "pause": ("pauseAction", translatable("Pause"), translatable("pause or resume training")),
    "stop": ("stopAction", translatable("Stop"), translatable("stop training (a checkpoint is saved)")),
    "checkpoint": ("checkpointAction", translatable("Save checkpoint"), ""),
    "problems": ("problemsAction", translatable("Problems"), translatable("show the first field to fix")),
    "import": ("importModelAction", translatable("Open model folder…"),
               translatable("read a transformers checkpoint folder (GPT-2, Llama, BERT, BART, T5) into a new run and "
                            "use it")),
    "quit": ("quitAction", translatable("Quit"), ""),
    "undo_delete": ("undoDeleteAction", translatable("Undo delete"),
                    translatable("put the runs deleted last back in their folders and the run index (until this "
                                 "window closes)")),
    "rebuild_index": ("rebuildIndexAction", translatable("Rebuild index"),
                      translatable("read every run folder back into the run index, as 'lmstudio runs "
                                   "--rebuild-index' does")),
    "lessons": ("lessonsAction", translatable("Lessons"),
                translatable("the principles of pretraining and fine-tuning as experiments: each lesson runs and "
                             "checks its claim on this machine")),
}


def step_of(problem: str) -> int:
    """The experiment step whose form holds the field a problem names ("model.n_heads: …" → Architecture)."""
    return SECTION_STEPS.get(problem.split(":", 1)[0].split(".")[0], 0)


def set_tip(action: QAction, tip: str) -> None:
    """A tooltip that names the action's shortcut on its first line, as menus do."""
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    first, _, rest = tip.partition("\n")
    action.setToolTip(f"{first} ({shortcut})" + (f"\n{rest}" if rest else "") if shortcut else tip)


def settings() -> QSettings:
    """Window layout, the last experiment and recent runs, kept in the user data folder."""
    return QSettings(str(user_data_dir() / "gui.ini"), QSettings.Format.IniFormat)


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class MainWindow(QMainWindow):
    def __init__(self, config: ExperimentConfig | None = None, restore: bool = True, language_code: str | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("lmstudio")
        self.store = settings()
        language().set(language_code or (self.store.value("language", "", str) if restore else "")
                       or system_language())
        if config is None and restore:
            config = self._last_experiment()
        self.session = SessionModel(config or load_preset(DEFAULT_PRESET))
        self.controller = Controller(self.session)
        self.experiment_path: str = ""
        self.error_dialog: QMessageBox | None = None
        self._closing = False

        self.data_page = DataPage(self.session)
        self.architecture_page = ArchitecturePage(self.session)
        self.objective_page = ObjectivePage(self.session)
        self.finetune_page = FinetunePage(self.session)
        self.training_page = TrainingPage(self.session)
        self.pages = (self.data_page, self.architecture_page, self.objective_page, self.finetune_page,
                      self.training_page)
        self.steps = QToolBox()
        self.steps.setObjectName("experimentSteps")
        for title, page in zip(STEPS, self.pages):
            self.steps.addItem(scrolled(page), tr(title))
        self.steps.setCurrentIndex(1)
        # A tool box sizes itself by its tabs alone; the narrowest page decides how narrow the pane may get.
        scroll_bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        self.steps.setMinimumWidth(max(page.minimumSizeHint().width() for page in self.pages) + scroll_bar + 12)

        self.loss_view = LossView(self.session)
        self.evaluation_view = EvaluationView(self.session)
        self.attention_view = AttentionView(self.session)
        self.playground = PlaygroundView(self.session)
        self.runs_view = RunsView(self.session)
        self.dashboard = QTabWidget()
        self.dashboard.setObjectName("dashboard")
        self.tabs = {"loss": self.loss_view, "evaluation": self.evaluation_view, "attention": self.attention_view,
                     "playground": self.playground, "runs": self.runs_view}
        for name, view in self.tabs.items():
            self.dashboard.addTab(view, tr(TABS[name]))
        self.font_banner = FontBanner(self.store)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.steps)
        splitter.addWidget(self.dashboard)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.splitter = splitter
        central_layout.addWidget(self.font_banner)
        central_layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._build_status_bar()
        retranslated(self, self._retranslate)

        s = self.session
        s.stateChanged.connect(self._update_actions)
        s.problemsChanged.connect(self._update_actions)
        s.problemsChanged.connect(self._show_problems)
        s.statusChanged.connect(self._show_status)
        s.progressChanged.connect(self._show_progress)
        s.errorRaised.connect(self.show_error)
        s.noticed.connect(self._show_notice)
        s.runStarted.connect(self._run_started)
        s.runFinished.connect(self._run_finished)
        s.checkpointSaved.connect(self._checkpoint_saved)
        self.attention_view.probeRequested.connect(self.controller.probe)
        self.attention_view.stagesRequested.connect(self.controller.ask)
        self.attention_view.inspectionRequested.connect(self.controller.ask)
        self.playground.request.connect(self.controller.ask)
        self.playground.stopGeneration.connect(self.controller.stop_generation)
        self.playground.openRun.connect(self.open_run)
        self.runs_view.openInPlayground.connect(self.open_run)
        self.runs_view.resumeRequested.connect(self.resume_run)
        self.runs_view.exportRequested.connect(self.controller.export_run)
        self.runs_view.evaluateRequested.connect(self.evaluate_run)
        self.runs_view.sweepRequested.connect(self.start_sweep)
        self.runs_view.runBookRequested.connect(self.controller.ask_run_book)
        s.trashChanged.connect(self._update_undo)
        s.runsChanged.connect(self._update_undo)
        self.lessons_view.runRequested.connect(self.run_lesson)
        self.data_page.tokenizerRequested.connect(self.controller.prepare_tokenizer)
        self.objective_page.previewRequested.connect(self.controller.preview_objective)
        self._update_actions()
        self._show_problems()
        s.refresh_runs()
        if restore:
            self._restore_layout()
        else:
            self.resize(1280, 800)
            self.split_evenly()

    # --------------------------------------------------------------- actions

    def _action(self, key: str, slot, shortcut=None) -> QAction:
        action = QAction(self)
        action.setObjectName(ACTIONS[key][0])
        if shortcut:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.actions_by_key[key] = action
        return action

    def _build_actions(self) -> None:
        self.actions_by_key: dict[str, QAction] = {}
        self.new_action = self._action("new", self.new_experiment, QKeySequence.StandardKey.New)
        self.open_action = self._action("open", self.open_experiment, QKeySequence.StandardKey.Open)
        self.save_action = self._action("save", self.save_experiment, QKeySequence.StandardKey.Save)
        self.start_action = self._action("start", self.start_training, "Ctrl+R")
        self.pause_action = self._action("pause", self.toggle_pause, "Ctrl+P")
        self.stop_action = self._action("stop", self.controller.stop, "Ctrl+.")
        self.checkpoint_action = self._action("checkpoint", self.controller.save_checkpoint, "Ctrl+K")
        self.problems_action = self._action("problems", self.jump_to_problem, "Ctrl+J")
        self.problems_action.setIcon(self.style().standardIcon(self.style().StandardPixmap.SP_MessageBoxWarning))
        toolbar = QToolBar()
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        for action in (self.new_action, self.open_action, self.save_action):
            toolbar.addAction(action)
        files_end = toolbar.addSeparator()
        for action in (self.start_action, self.pause_action, self.stop_action, self.checkpoint_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.problems_action)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(toolbar)
        toolbar.widgetForAction(self.start_action).setObjectName("startButton")
        toolbar.widgetForAction(self.pause_action).setObjectName("pauseButton")
        toolbar.widgetForAction(self.stop_action).setObjectName("stopButton")
        toolbar.widgetForAction(self.checkpoint_action).setObjectName("checkpointButton")
        self.toolbar = toolbar
        menu = self.menuBar()
        self.experiment_menu = experiment = menu.addMenu("")
        for action in (self.new_action, self.open_action, self.save_action):
            experiment.addAction(action)
        self.import_action = self._action("import", self.import_model, "Ctrl+Shift+O")
        experiment.addAction(self.import_action)
        self.presets_menu = experiment.addMenu("")
        self.presets_menu.setObjectName("presetsMenu")
        for name in preset_names():
            self.presets_menu.addAction(name, lambda name=name: self.load_preset(name)).setObjectName(f"preset_{name}")
        self.presets_button = QToolButton()  # the same menu on the toolbar, beside New / Open / Save
        self.presets_button.setObjectName("presetsButton")
        self.presets_button.setMenu(self.presets_menu)
        self.presets_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.insertWidget(files_end, self.presets_button)
        experiment.addSeparator()
        experiment.addAction(self._action("quit", self.close, QKeySequence.StandardKey.Quit))
        self.run_menu = menu.addMenu("")
        for action in (self.start_action, self.pause_action, self.stop_action, self.checkpoint_action):
            self.run_menu.addAction(action)
        self.runs_menu = menu.addMenu("")
        self.undo_delete_action = self._action("undo_delete", self.undo_delete)
        self.undo_delete_action.setEnabled(False)
        self.runs_menu.addAction(self.undo_delete_action)
        self.runs_menu.addAction(self._action("rebuild_index", self.rebuild_index))
        self.view_menu = menu.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.setObjectName("languageMenu")
        choices = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = choices.addAction(name)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == language().code)
            action.triggered.connect(lambda _=False, code=code: self.set_language(code))
        self.language_menu.addActions(choices.actions())
        retranslated(choices, lambda: [a.setChecked(a.objectName() == f"language_{language().code}")
                                       for a in choices.actions()])
        self.help_menu = menu.addMenu("")
        self.lessons_view = LessonsView(self.session)
        self.lessons_dock = QDockWidget()
        self.lessons_dock.setObjectName("lessonsDock")
        self.lessons_dock.setWidget(self.lessons_view)
        self.lessons_dock.hide()
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.lessons_dock)
        self.help_menu.addAction(self._action("lessons", self.show_lessons, "F1"))

    def set_language(self, code: str) -> None:
        """Show the window in another language now, and from the next start on."""
        if not language().set(code):
            self.show_error(tr("The translation file is missing; the window stays in English."))
        self.store.setValue("language", language().code)

    def _retranslate(self) -> None:
        for key, action in self.actions_by_key.items():
            _, text, tip = ACTIONS[key]
            action.setText(tr(text))
            set_tip(action, tr(tip or text))
        for action in (self.start_action, self.pause_action, self.stop_action, self.checkpoint_action):
            self.toolbar.widgetForAction(action).setAccessibleName(action.text())
        self.toolbar.setWindowTitle(tr("Experiment"))
        self.experiment_menu.setTitle(tr("&Experiment"))
        self.presets_menu.setTitle(tr("Presets"))
        self.presets_button.setText(tr("Presets"))
        self.presets_button.setToolTip(tr("start from a ready-made experiment"))
        self.run_menu.setTitle(tr("&Run"))
        self.runs_menu.setTitle(tr("Ru&ns"))
        self.view_menu.setTitle(tr("&View"))
        self.language_menu.setTitle(tr("Language"))
        self.help_menu.setTitle(tr("&Help"))
        self.lessons_dock.setWindowTitle(tr("Lessons"))
        for name, view in self.tabs.items():
            self.dashboard.setTabText(self.dashboard.indexOf(view), tr(TABS[name]))
        self._update_actions()
        self._show_problems()
        self._show_status(self.session.status)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.device_label = QLabel()
        self.device_label.setObjectName("deviceLabel")
        self.step_label = QLabel("")
        self.step_label.setObjectName("stepLabel")
        self.speed_label = QLabel("")
        self.speed_label.setObjectName("speedLabel")
        self.eta_label = QLabel("")
        self.eta_label.setObjectName("etaLabel")
        self.phase_label = QLabel("")
        self.phase_label.setObjectName("phaseLabel")
        self.progress = QProgressBar()
        self.progress.setObjectName("progressBar")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(True)
        self.progress.hide()
        for widget in (self.phase_label, self.progress, self.device_label, self.step_label, self.speed_label,
                       self.eta_label):
            bar.addPermanentWidget(widget)

    def _update_actions(self, *_: object) -> None:
        state = self.session.state
        idle = state == RunState.IDLE
        live = state in (RunState.RUNNING, RunState.PAUSED)
        self.start_action.setEnabled(idle and self.session.valid)
        set_tip(self.start_action, tr("train this experiment") if self.session.valid or not idle else
                tr("fix the experiment first:") + "\n" + "\n".join(map(problem_text, self.session.problems[:6])))
        self.pause_action.setEnabled(live)
        self.pause_action.setText(tr("Resume") if state == RunState.PAUSED else tr("Pause"))
        self.stop_action.setEnabled(live or state == RunState.PREPARING)
        self.checkpoint_action.setEnabled(live)
        for action in (self.new_action, self.open_action, self.import_action):
            action.setEnabled(idle)
        self.steps.setEnabled(idle)
        self._show_run_state(state)

    def _show_run_state(self, state: RunState) -> None:
        """What the run is doing, in the status bar; speed and ETA only while it trains."""
        device = self.session.status.device.render(tr) if self.session.status.device else ""
        self.device_label.setText({
            RunState.IDLE: tr("idle"), RunState.PREPARING: tr("preparing…"),
            RunState.RUNNING: tr("training on {device}").format(device=device),
            RunState.PAUSED: tr("paused · {device}").format(device=device),
            RunState.STOPPING: tr("stopping: saving a checkpoint…")}[state])
        if state not in (RunState.RUNNING, RunState.PAUSED):
            self.speed_label.clear()
            self.eta_label.clear()
        if state == RunState.IDLE:
            self._hide_progress()

    # --------------------------------------------------------------- problems

    def _show_problems(self, *_: object) -> None:
        """Each step's header counts the problems in its fields; the toolbar says how many there are in all."""
        problems = self.session.problems
        per_step = [0] * len(STEPS)
        for problem in problems:
            per_step[step_of(problem)] += 1
        warning = self.style().standardIcon(self.style().StandardPixmap.SP_MessageBoxWarning)
        for index, (title, count) in enumerate(zip(STEPS, per_step)):
            self.steps.setItemText(index, tr("{step}   ({count} to fix)").format(step=tr(title), count=count)
                                   if count else tr(title))
            self.steps.setItemIcon(index, warning if count else QIcon())
            self.steps.setItemToolTip(index, "\n".join(problem_text(p) for p in problems if step_of(p) == index))
        self.problems_action.setVisible(bool(problems))
        self.problems_action.setText(tr("{count} problem").format(count=len(problems)) if len(problems) == 1 else
                                     tr("{count} problems").format(count=len(problems)))
        set_tip(self.problems_action, tr("show the first field to fix:") + "\n" + "\n".join(map(problem_text,
                                                                                               problems[:8])))

    def jump_to_problem(self) -> None:
        """Open the step of the first problem and put the cursor in its field."""
        if not self.session.problems:
            return
        problem = self.session.problems[0]
        index = step_of(problem)
        self.steps.setCurrentIndex(index)
        section, _, name = problem.split(":", 1)[0].partition(".")
        control = self.pages[index].findChild(QWidget, control_name(section, name))
        if control is not None and control.isVisibleTo(self):
            self.steps.widget(index).ensureWidgetVisible(control)
            control.setFocus(Qt.FocusReason.OtherFocusReason)

    # --------------------------------------------------------------- experiment files

    def new_experiment(self) -> None:
        self.experiment_path = ""
        self.session.set_config(load_preset(DEFAULT_PRESET))

    def load_preset(self, name: str) -> None:
        if not self.controller.training:
            self.session.set_config(load_preset(name))

    def open_experiment(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open experiment"), "", tr("Experiments (*.toml)"))
        if not path:
            return
        try:
            self.session.set_config(load_config(path))
            self.experiment_path = path
        except LmStudioError as error:
            self.show_error(error.message.render(tr))

    def save_experiment(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Save experiment"), self.experiment_path or
                                              f"{self.session.config.name}.toml", tr("Experiments (*.toml)"))
        if path:
            save_config(self.session.config, path)
            self.experiment_path = path
            self.statusBar().showMessage(tr("saved {path}").format(path=path), 4000)

    # --------------------------------------------------------------- training

    def start_training(self) -> None:
        if self.controller.start():
            self.dashboard.setCurrentWidget(self.loss_view)

    def resume_run(self, run_dir: str, checkpoint: str) -> None:
        if self.controller.start(run_dir, resume_from=checkpoint):
            self.dashboard.setCurrentWidget(self.loss_view)

    def toggle_pause(self) -> None:
        if self.session.state == RunState.PAUSED:
            self.controller.resume()
        else:
            self.controller.pause()

    def _run_started(self, started: Started) -> None:
        self._show_run_state(self.session.state)
        self._hide_progress()
        recent = [started.run_dir] + [r for r in self.store.value("recentRuns", [], list) if r != started.run_dir]
        self.store.setValue("recentRuns", recent[:10])
        self.statusBar().showMessage(tr("run folder: {path}").format(path=started.run_dir), 8000)

    def _run_finished(self, finished: Finished) -> None:
        loss = finished.final_metrics.get("loss")
        text = tr("{reason} at step {step}").format(reason=tr(finished.reason), step=finished.step) + (
            tr(", validation loss {loss}").format(loss=f"{loss:.4f}") if loss else "")
        self.statusBar().showMessage(text, 15000)

    def _show_notice(self, message: str) -> None:
        self.statusBar().showMessage(message, 20000)

    def _checkpoint_saved(self, saved: CheckpointSaved) -> None:
        self.statusBar().showMessage(tr("checkpoint saved: {path}").format(path=saved.path), 5000)

    def _show_status(self, status: RunStatus) -> None:
        if status.total:
            self.step_label.setText(tr("step {step}/{total}").format(step=f"{status.step:,}",
                                                                     total=f"{status.total:,}"))
        if status.tokens_per_second is not None and self.session.state in (RunState.RUNNING, RunState.PAUSED):
            self.speed_label.setText(tr("{speed} tok/s").format(speed=f"{status.tokens_per_second:,.0f}"))
            self.eta_label.setText(tr("ETA {time}").format(time=duration_text(status.eta)))

    def _show_progress(self, phase: Message, fraction: float) -> None:
        """What the engine prepares, in the window's language; a fraction of 1 means it is over."""
        if fraction >= 1.0:
            self._hide_progress()
            return
        self.progress.show()
        phase = phase.render(tr)
        # Phases name files and corpora; the whole text is in the tooltip, the bar keeps its place.
        self.phase_label.setText(self.phase_label.fontMetrics().elidedText(phase, Qt.TextElideMode.ElideMiddle,
                                                                           PHASE_WIDTH))
        self.phase_label.setToolTip(phase)
        self.progress.setFormat("%p%" if fraction >= 0 else "")
        if fraction < 0:
            self.progress.setRange(0, 0)  # busy indicator
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(fraction * 1000))

    def _hide_progress(self) -> None:
        self.progress.hide()
        self.phase_label.clear()
        self.phase_label.setToolTip("")

    def start_sweep(self, pretrained: str, sizes: list[int]) -> None:
        """The Runs view's data-efficiency sweep: its runs train one after another on the Loss view, then the
        Runs view plots the learning curves."""
        if self.controller.sweep(pretrained, sizes):
            self.dashboard.setCurrentWidget(self.loss_view)
        else:
            self.show_error(tr("the sweep fine-tunes the current experiment: set a fine-tuning task and fix its "
                               "problems first (and wait for a run in progress to end)"))

    def show_lessons(self) -> None:
        """Help › Lessons: the panel beside the dashboard."""
        self.lessons_dock.show()
        self.lessons_dock.raise_()
        self.resizeDocks([self.lessons_dock], [max(self.width() * 2 // 5, 360)], Qt.Orientation.Horizontal)

    def run_lesson(self, name: str, long: bool) -> None:
        """Run this: the lesson's experiment in the forms, its runs started, the view that shows its point in
        front; the panel shows the verdict when it ends."""
        if self.controller.training:
            self.show_error(tr("a lesson trains its own runs: wait for the run in progress to end, or stop it"))
            return
        lesson = LESSONS_BY_NAME[name]
        self.session.set_config(lesson.experiment.config(long))
        self.controller.run_lesson(name, long)
        self.show_view(lesson.view)

    def evaluate_run(self, run_dir: str, data_file: str) -> None:
        """Runs › Evaluate…: the run's metrics and each example's prediction, in the Evaluation view."""
        self.controller.evaluate_run(run_dir, data_file)
        self.dashboard.setCurrentWidget(self.evaluation_view)

    def import_model(self) -> None:
        """Experiment › Open model folder…: the person picks a transformers checkpoint folder."""
        folder = QFileDialog.getExistingDirectory(self, tr("Open a transformers model folder (config.json, "
                                                           "model.safetensors, tokenizer.json)"))
        if folder:
            self.import_model_folder(folder)

    def import_model_folder(self, folder: str) -> None:
        """Read a transformers checkpoint folder into a new run; its attention and playground open with it."""
        self.controller.import_model(folder)
        self.dashboard.setCurrentWidget(self.attention_view)

    def undo_delete(self) -> None:
        """Put the runs of the last delete back, from the window's trash."""
        if self.session.trashed:
            self.undo_delete_action.setEnabled(False)  # until the run book answered
            self.controller.ask_run_book(RestoreRuns(self.session.trashed[-1]))

    def _update_undo(self) -> None:
        self.undo_delete_action.setEnabled(bool(self.session.trashed))

    def rebuild_index(self) -> None:
        self.controller.ask_run_book(RebuildIndex())

    def open_run(self, run_dir: str) -> None:
        """Load a saved run for the playground and the attention probe."""
        self.controller.open_run(run_dir)
        self.dashboard.setCurrentWidget(self.playground)

    def show_error(self, message: str) -> None:
        """A readable, non-blocking dialog; the window stays usable. ``message`` is in the window's language
        already: its first line is the dialog's text, the others its details."""
        if self.error_dialog is not None:
            self.error_dialog.close()
        dialog = QMessageBox(QMessageBox.Icon.Warning, "lmstudio", message.split("\n")[0], parent=self)
        dialog.setObjectName("errorDialog")
        if "\n" in message:
            dialog.setInformativeText(message.split("\n", 1)[1])
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        self.error_dialog = dialog
        self.statusBar().showMessage(message.split("\n")[0], 10000)

    def show_view(self, name: str) -> None:
        """Bring a dashboard tab or an experiment step to the front, by a short name."""
        tabs = {name: self.dashboard.indexOf(view) for name, view in self.tabs.items()}
        steps = {"data": 0, "architecture": 1, "objective": 2, "finetune": 3, "training": 4}
        inside_attention = {"stages": self.attention_view.stages_view, "positions": self.attention_view.positions_view,
                            "representations": self.attention_view.representations_view}
        if name in inside_attention:
            self.dashboard.setCurrentWidget(self.attention_view)
            self.attention_view.views.setCurrentWidget(inside_attention[name])
        elif name == "layers":  # the loss view's lower plot: each layer's gradient norm, on a log scale
            self.dashboard.setCurrentWidget(self.loss_view)
            gradients = next(name for name, prefix in LAYER_DETAILS.items() if prefix == "grad_norm/")
            self.loss_view.detail.setCurrentIndex(self.loss_view.detail.findData(gradients))
            self.loss_view.log_scale.setChecked(True)
        elif name in tabs:
            self.dashboard.setCurrentIndex(tabs[name])
        elif name in steps:
            self.steps.setCurrentIndex(steps[name])
        else:
            raise ValueError(f"unknown view '{name}' (views: "
                             f"{', '.join([*tabs, *inside_attention, 'layers', *steps])})")

    # --------------------------------------------------------------- persistence and closing

    def _last_experiment(self) -> ExperimentConfig | None:
        text = self.store.value("lastExperiment", "", str)
        try:
            return from_toml(text, "the last experiment") if text else None
        except LmStudioError:
            return None

    def _restore_layout(self) -> None:
        geometry = self.store.value("geometry", QByteArray())
        if not geometry or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = self.store.value("windowState", QByteArray())
        if state:
            self.restoreState(state)
        splitter = self.store.value("splitter", QByteArray())
        if not splitter or not self.splitter.restoreState(splitter):
            self.split_evenly()
        self.steps.setCurrentIndex(int(self.store.value("step", 1)))
        self.dashboard.setCurrentIndex(int(self.store.value("dashboardTab", 0)))

    def split_evenly(self) -> None:
        """Two fifths of the width for the experiment, the rest for the dashboard."""
        width = self.width()
        steps = max(self.steps.minimumWidth(), int(width * 0.4))
        self.splitter.setSizes([steps, max(width - steps, 1)])

    def save_settings(self) -> None:
        self.store.setValue("geometry", self.saveGeometry())
        self.store.setValue("windowState", self.saveState())
        self.store.setValue("splitter", self.splitter.saveState())
        self.store.setValue("step", self.steps.currentIndex())
        self.store.setValue("dashboardTab", self.dashboard.currentIndex())
        self.store.setValue("lastExperiment", to_toml(self.session.config))
        self.store.sync()

    def close_without_asking(self) -> None:
        self._closing = True
        self.close()

    def keep_python_listening(self) -> None:
        """A no-op the event loop calls now and then, so Python gets to run pending signal handlers."""

    def closeEvent(self, event) -> None:
        if self.controller.training and not self._closing:
            answer = QMessageBox.question(
                self, tr("Training is running"), tr("Stop training and close? A checkpoint is saved first."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self._closing = True
            self.controller.stop()
            self.wait_until_idle()
        self.save_settings()
        self.controller.shutdown()
        if self.error_dialog is not None:
            self.error_dialog.close()  # it belongs to this window; left open it would stay modal after it
        event.accept()

    def wait_until_idle(self, timeout_ms: int = 120_000) -> None:
        """Keep the window painting while the run stops and saves."""
        if not self.controller.training:
            return
        loop = QEventLoop()
        self.session.stateChanged.connect(lambda state: state == RunState.IDLE.value and loop.quit())
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()

