#!/usr/bin/env bash
# The other browser engines, installed when missing: Firefox ESR and
# WebKitGTK's WebDriver (Debian's packages), Chromium's driver (Debian's, for
# the WebDriver smoke suite), Xvfb with xvfb-run and xauth (WebKitGTK has no
# headless mode: it runs on a virtual display), and geckodriver (crates.io,
# pinned). Each is checked after its install, so a missing piece fails here
# with its name rather than later in a test.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v xvfb-run >/dev/null || missing+=(xvfb)
command -v xauth >/dev/null || missing+=(xauth)
if [ ${#missing[@]} -gt 0 ]; then
  bash scripts/apt-install.sh "the smoke suite runs in Chromium, Firefox and WebKitGTK" "${missing[@]}"
fi
for tool in /usr/bin/firefox-esr /usr/bin/WebKitWebDriver /usr/bin/chromedriver xvfb-run xauth; do
  if ! command -v "$tool" >/dev/null; then
    echo "error: $tool is still missing after the install; the smoke suite cannot run without it" >&2
    exit 1
  fi
done
GECKODRIVER_VERSION=0.37.1
if ! geckodriver --version 2>/dev/null | grep -q "geckodriver $GECKODRIVER_VERSION"; then
  echo "== installing geckodriver $GECKODRIVER_VERSION (Firefox's WebDriver, from crates.io)"
  if ! cargo install geckodriver --version "$GECKODRIVER_VERSION"; then
    echo "error: could not install geckodriver $GECKODRIVER_VERSION; try by hand: cargo install geckodriver --version $GECKODRIVER_VERSION" >&2
    exit 1
  fi
fi
