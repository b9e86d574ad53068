"""The layer seams of DESIGN.md §2, checked in fresh interpreters."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def modules_after_import(*modules: str) -> set[str]:
    code = f"import sys, {', '.join(modules)}; print('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_engine_imports_no_qt():
    engine = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts)
                    for p in (ROOT / "lmstudio_app" / "engine").rglob("*.py") if p.name != "__init__.py")
    loaded = modules_after_import(*engine)
    assert "torch" in loaded and "lmstudio_app.engine.train.loop" in loaded
    assert not {"PySide6", "pyqtgraph", "shiboken6"} & loaded


def test_only_the_worker_and_controller_import_the_engine():
    for path in (ROOT / "lmstudio_app" / "gui").glob("*.py"):
        text = path.read_text()
        if path.name not in ("worker.py", "controller.py"):
            assert "lmstudio_app.engine" not in text, path.name


def test_config_imports_neither_torch_nor_qt():
    loaded = modules_after_import("lmstudio_app.config")
    assert not {"torch", "numpy", "PySide6", "pyqtgraph"} & loaded


def test_the_window_module_imports_no_torch():
    """The window shows first; the worker imports the engine afterwards, in its own thread."""
    loaded = modules_after_import("lmstudio_app.gui.main_window", "lmstudio_app.gui.app")
    assert "PySide6" in loaded and "torch" not in loaded


def test_cli_info_imports_no_torch_and_no_qt():
    loaded = modules_after_import("lmstudio_app.cli")
    assert not {"torch", "PySide6"} & loaded


def test_the_run_book_imports_no_torch():
    """`lmstudio runs` and the window's runs thread list, rename and delete runs without loading torch."""
    loaded = modules_after_import("lmstudio_app.engine.application.runs")
    assert not {"torch", "PySide6"} & loaded


def test_only_the_run_folder_module_spells_the_run_folders_layout():
    """The engine, the index and the front ends name a run's files through lmstudio_app/run_folder.py."""
    layout = ('"config.toml"', '"checkpoints"', '"metrics.jsonl"', '"COMPLETE"', '"SHA256SUMS.json"',
              '"imported.json"', '".lock"', '"quarantine"', '"trainer_state.json"', '"step-', '".tmp-')
    spelled = {f"{path.relative_to(ROOT)}: {name}" for path in (ROOT / "lmstudio_app").rglob("*.py")
               if path.name != "run_folder.py" for name in layout if name in path.read_text(encoding="utf-8")}
    assert not spelled, sorted(spelled)


def test_the_run_folder_module_and_the_run_requests_import_nothing_heavy():
    loaded = modules_after_import("lmstudio_app.run_folder", "lmstudio_app.run_requests")
    assert not {"torch", "numpy", "PySide6", "sqlite3"} & loaded
