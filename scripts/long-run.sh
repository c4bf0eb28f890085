#!/usr/bin/env bash
# `npm run long-run [-- MINUTES]`: plays the usual view for MINUTES (30 by
# default) in headless Chromium against the production build, printing one
# line a minute (frames per second, frame time p50/p95, iterations per
# second, JS heap after a collection, wasm memory, DOM nodes, listeners).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
bash scripts/chromium.sh
LONG_RUN_MINUTES="${1:-30}" npx playwright test tests/long-run.spec.js
