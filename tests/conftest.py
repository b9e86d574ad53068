"""Test-wide settings: Qt renders offscreen, and no test touches the user's data directory."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("lmstudio-home")
    monkeypatch.setenv("LMSTUDIO_HOME", str(home))
    return home
