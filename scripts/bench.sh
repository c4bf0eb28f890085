#!/usr/bin/env bash
# `npm run bench`: builds the production page, then runs bench/run.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
bash scripts/chromium.sh
node bench/run.mjs
