"""How numbers read in the CLI and the window (stdlib only)."""

from __future__ import annotations


def human(number: float, unit: str = "") -> str:
    """1234567 → '1.23 M' (with an optional unit: '1.23 MB')."""
    for factor, suffix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(number) >= factor:
            return f"{number / factor:.2f} {suffix}{unit}"
    return f"{number:.0f} {unit}".rstrip()


def duration(seconds: float) -> str:
    """65 → '1m05s'; 3700 → '1h01m'."""
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s"
