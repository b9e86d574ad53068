#!/usr/bin/env bash
# The CUDA paths in a few minutes (see benchmarks/gpu_check.py). On a GPU machine, from the repository:
#   make .venv/.installed TORCH=torch   # a CUDA build of PyTorch instead of the CPU wheel
#   bash benchmarks/gpu_check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
"$PYTHON" -c "import torch; print('torch', torch.__version__, 'CUDA', torch.version.cuda, 'available', torch.cuda.is_available())"
exec "$PYTHON" benchmarks/gpu_check.py "$@"
