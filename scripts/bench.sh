#!/usr/bin/env bash
# `npm run bench`: builds the production page, then runs bench/run.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/toolchain.sh
bash scripts/build-wasm.sh
npx vite build
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
node bench/run.mjs
