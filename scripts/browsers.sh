#!/usr/bin/env bash
# The other browser engines, installed when missing: Firefox ESR and
# WebKitGTK's WebDriver (Debian's packages), Chromium's driver (Debian's, for
# the WebDriver smoke suite), and geckodriver (crates.io, pinned).
set -euo pipefail
missing=()
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
GECKODRIVER_VERSION=0.37.1
if ! geckodriver --version 2>/dev/null | grep -q "geckodriver $GECKODRIVER_VERSION"; then
  echo "== installing geckodriver $GECKODRIVER_VERSION"
  cargo install geckodriver --version "$GECKODRIVER_VERSION"
fi
