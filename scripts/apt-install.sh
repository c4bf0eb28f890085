#!/usr/bin/env bash
# Installs Debian packages that the tests need: `apt-install.sh WHY PACKAGE...`.
# Says what it installs and why; when it cannot (not root, no apt, no
# network), says what failed and the command that would install them, and
# exits non-zero so that the step that needed them never starts half-ready.
set -uo pipefail
why=$1
shift
echo "== installing ${*} (${why})"
if ! command -v apt-get >/dev/null; then
  echo "error: ${why} needs the Debian packages ${*}, and this machine has no apt-get; install them by hand." >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null; then sudo=(sudo); else
    echo "error: ${why} needs the Debian packages ${*}; run as root: apt-get install -y ${*}" >&2
    exit 1
  fi
fi
if ! "${sudo[@]}" apt-get update -qq || ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@"; then
  echo "error: could not install ${*} (${why}); try by hand: apt-get update && apt-get install -y ${*}" >&2
  exit 1
fi
