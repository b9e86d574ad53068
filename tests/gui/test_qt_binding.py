"""The Qt binding the project installs must not corrupt the interpreter over a long session."""

import sys

from PySide6.QtCore import QObject, Signal


class Source(QObject):
    ping = Signal()
    carry = Signal(object)


def test_emitting_signals_keeps_the_reference_counts_of_true_and_none():
    """PySide6 6.12.0 drops a reference to True on every emit(): after enough signals (a long training
    session in the window) True is freed and the process aborts with 'bool_dealloc'."""
    source = Source()
    source.carry.connect(lambda value: None)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        source.ping.emit()
        source.carry.emit((1, None))
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert after[0] >= before[0] - 5 and after[1] >= before[1] - 5, (before, after)
