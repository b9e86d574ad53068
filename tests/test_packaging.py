"""The wheel carries the top-level resources/ folder as lmstudio_app.resources."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_presets(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path),
         str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("lmstudio_app-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    presets = {Path(n).name for n in names if n.startswith("lmstudio_app/resources/presets/")}
    assert {"gpt-nano.toml", "bert-mini.toml", "t5-mini.toml", "bart-mini.toml",
            "nanogpt-shakespeare-cpu.toml"} <= presets
    assert "lmstudio_app/engine/model/attention.py" in names
