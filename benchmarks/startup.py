"""How long the window takes to appear: from starting the process to its first painted frame.

Starts a fresh interpreter that opens the main window (offscreen unless a display is
set) and reports, through its standard output, the moment the window first paints.
Run: .venv/bin/python benchmarks/startup.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = """
import sys
from PySide6.QtCore import QEvent, QObject
from lmstudio_app.gui.app import application
from lmstudio_app.gui.main_window import MainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", "torch" in sys.modules, flush=True)
            application().exit(0)
        return False

app = application()
window = MainWindow(restore=False)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def once() -> tuple[float, bool]:
    env = {**os.environ, "LMSTUDIO_HOME": tempfile.mkdtemp(prefix="lmstudio-startup-")}
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, env=env)
    line = child.stdout.readline()
    painted = time.perf_counter() - started
    child.wait(timeout=60)
    return painted, line.split()[-1] == "True"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    once()  # the first start also warms the file cache
    results = [once() for _ in range(args.repeats)]
    times = [seconds for seconds, _ in results]
    print(f"window painted {statistics.median(times):.2f} s after process start (median of {args.repeats}, "
          f"min {min(times):.2f} s, max {max(times):.2f} s); torch imported before the first paint: "
          f"{any(torch for _, torch in results)}")


if __name__ == "__main__":
    main()
