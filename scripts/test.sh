#!/usr/bin/env bash
# Every test of the project, in order: the README's `npm test`.
# Ends with one line that sums every runner's results.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== format and lint"
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings

echo "== cargo tests (engine and command line)"
cargo test --workspace 2>&1 | tee -a "$log"

passed=$(grep -oE 'test result: [a-z]+\. [0-9]+ passed' "$log" | awk '{s += $4} END {print s + 0}')
failed=$(grep -oE '[0-9]+ failed;' "$log" | awk '{s += $1} END {print s + 0}')
echo
echo "all tests: $passed passed, $failed failed"
