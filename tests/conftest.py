"""Test-wide settings: Qt renders offscreen, and no test touches the user's data directory or Hugging Face cache.

The whole session shares one temporary LMSTUDIO_HOME (so expensive caches such
as the extracted docstrings are built once); tests that count cache entries
ask for ``isolated_home``.
"""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Under `pytest -n N` (make test) each worker keeps to one core, so the engine trains it on one thread
# (engine/train/device.py follows the affinity): N workers each taking every core would fight over them.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER.startswith("gw") and hasattr(os, "sched_setaffinity"):
    _CORES = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {_CORES[int(_WORKER[2:]) % len(_CORES)]})
SESSION_HOME = tempfile.mkdtemp(prefix="lmstudio-test-home-")
os.environ["LMSTUDIO_HOME"] = SESSION_HOME
# nor the user's Hugging Face cache, nor the network: a model id is looked up in this empty cache
os.environ["HF_HUB_CACHE"] = os.path.join(SESSION_HOME, "hf-hub-cache")
os.environ["HF_HUB_OFFLINE"] = "1"
atexit.register(shutil.rmtree, SESSION_HOME, ignore_errors=True)

import pytest  # noqa: E402


@pytest.fixture
def isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "lmstudio-home"
    monkeypatch.setenv("LMSTUDIO_HOME", str(home))
    return home


from tests.engine.finetune.conftest import pretrained_encoder  # noqa: E402,F401  (a session fixture for all)
