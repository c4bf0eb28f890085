#!/usr/bin/env bash
# Debian's Chromium for the browser tests and benchmarks, installed when missing
# (Playwright uses /usr/bin/chromium, never a downloaded browser).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
