"""The layer seams of DESIGN.md §2, checked in fresh interpreters."""

import subprocess
import sys


def modules_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_engine_imports_no_qt():
    loaded = modules_after_import("lmstudio_app.engine.model")
    assert "torch" in loaded
    assert not {"PySide6", "pyqtgraph", "shiboken6"} & loaded


def test_config_imports_neither_torch_nor_qt():
    loaded = modules_after_import("lmstudio_app.config")
    assert not {"torch", "numpy", "PySide6", "pyqtgraph"} & loaded


def test_cli_info_imports_no_torch_and_no_qt():
    loaded = modules_after_import("lmstudio_app.cli")
    assert not {"torch", "PySide6"} & loaded
