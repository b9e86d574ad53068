"""Training throughput of the presets: tokens/s, model FLOP/s, and the attention probe's cost.

Run: .venv/bin/python benchmarks/throughput.py [--presets gpt-nano,bert-mini] [--steps 40]
(the same as `lmstudio bench`).
"""

from lmstudio_app.cli import main

if __name__ == "__main__":
    import sys

    raise SystemExit(main(["bench", *sys.argv[1:]]))
