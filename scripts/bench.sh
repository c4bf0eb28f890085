#!/usr/bin/env bash
# `npm run bench`: builds the production page, then runs bench/run.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
# The command line, for Check my code's native figure (bench/check.mjs).
cargo build --release -q -p backprop-lab-cli
bash scripts/chromium.sh
# PyTorch, for W4's figure beside the engine's (bench/w4.mjs).
bash scripts/python.sh
node bench/run.mjs
