#!/usr/bin/env bash
# `npm run long-run [-- MINUTES]`: plays the usual view for MINUTES (30 by
# default) in headless Chromium against the production build, printing one
# line a minute (frames per second, frame time p50/p95, iterations per
# second, JS heap after a collection, wasm memory, DOM nodes, listeners).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/toolchain.sh
bash scripts/build-wasm.sh
npx vite build
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
LONG_RUN_MINUTES="${1:-30}" npx playwright test tests/long-run.spec.js
