#!/usr/bin/env bash
# The production build: a static dist/ that any static file server can serve.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/toolchain.sh
bash scripts/build-wasm.sh
npx vite build
