#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the engine, serves the page.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/toolchain.sh
bash scripts/build-wasm.sh
exec npx vite
