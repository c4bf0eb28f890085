#!/usr/bin/env bash
# The Python that runs the exported files in the tests: a virtual environment
# in target/python with NumPy (the NumPy script), PyTorch (the PyTorch script),
# onnx and onnxruntime (the ONNX model), each installed from PyPI when missing.
# PyTorch's wheel brings its CUDA libraries too: about 4 minutes the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/python
if [ ! -x "$venv/bin/python" ]; then
  echo "== a Python environment for the exports' tests ($venv)"
  python3 -m venv "$venv"
fi
for module in numpy torch onnx onnxruntime; do
  if ! "$venv/bin/python" -c "import $module" 2>/dev/null; then
    echo "== installing $module for the exports' tests"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$module"
  fi
done
