#!/usr/bin/env bash
# Every test of the project, in order: the README's `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== format and lint"
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings

echo "== cargo tests (engine and command line)"
cargo test --workspace
