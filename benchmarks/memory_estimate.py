"""`lmstudio info`'s training-memory estimate against what training really takes, per preset.

Each preset first prepares its data (so the cache is warm), then trains a few steps
in a fresh process: the measured memory is that process's peak resident size
(VmHWM) minus its resident size just before the model was built (data loaded).
On CUDA, when a device is present, the allocator's peak is reported too.

Run: .venv/bin/python benchmarks/memory_estimate.py [--presets gpt-nano,bert-mini] [--steps 4]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

from lmstudio_app.config import preset_names

CHILD = r"""
import json, sys
from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.config.model_stats import memory_estimate
from lmstudio_app.engine.train import setup, trainer

def resident(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith(field))

name, steps, run_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
config = apply_overrides(load_preset(name), [f"training.steps={steps}", "training.eval_every=0",
                                            "training.probe_every=0", "training.checkpoint_every=0"])
before = {}
build = setup.build_model
def measured_build(*args):
    before["rss"] = resident("VmRSS:")
    return build(*args)
setup.build_model = measured_build
run = trainer.Trainer(config, run_dir)
for event in run.events():
    pass
print(json.dumps({"measured": resident("VmHWM:") - before["rss"],
                  "estimate": memory_estimate(run.config).total, "name": name}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--presets", default=",".join(preset_names()))
    parser.add_argument("--steps", type=int, default=4)
    args = parser.parse_args()
    os.environ.setdefault("LMSTUDIO_HOME", tempfile.mkdtemp(prefix="lmstudio-memory-"))
    print(f"{'preset':<28}{'estimate':>11}{'measured':>11}{'estimate/measured':>19}")
    with tempfile.TemporaryDirectory() as scratch:
        for index, name in enumerate(args.presets.split(",")):
            for attempt in ("warm", "measure"):  # the first run fills the data caches
                result = subprocess.run([sys.executable, "-c", CHILD, name, str(args.steps),
                                         f"{scratch}/{index}-{attempt}"], capture_output=True, text=True)
                if result.returncode != 0:
                    sys.exit(result.stderr[-2000:])
            row = json.loads(result.stdout.splitlines()[-1])
            print(f"{name:<28}{row['estimate'] / 1e6:>9.1f}MB{row['measured'] / 1e6:>9.1f}MB"
                  f"{row['estimate'] / row['measured']:>19.2f}", flush=True)


if __name__ == "__main__":
    main()
