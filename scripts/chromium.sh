#!/usr/bin/env bash
# Debian's Chromium for the browser tests and benchmarks, installed when missing
# (Playwright uses /usr/bin/chromium, never a downloaded browser).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  bash scripts/apt-install.sh "the browser tests run in Debian's Chromium" chromium
fi
