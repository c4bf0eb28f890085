#!/usr/bin/env bash
# Every test of the project, in order: the README's `npm test`.
#   1. format and lint (Rust), format (JS, Prettier), type check (JS)
#   2. the cargo tests: engine and command line, natively
#   3. the engine's tests compiled to wasm32, run in Node (wasm-bindgen-test)
#      and in headless Firefox, including the bit-identity check against the
#      native run
#   4. the link decoder fuzzed in Node (tests/fuzz-link.mjs)
#   5. the browser tests: Playwright in Debian's headless Chromium, against
#      the production build; the WebDriver smoke suite in Chromium, Firefox
#      and WebKitGTK; then the long run of Play on its own
# It installs what is missing on a fresh machine, and ends with one line that
# sums every runner's results.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== toolchain"
bash scripts/toolchain.sh
bash scripts/chromium.sh
bash scripts/browsers.sh
# The exported scripts and model are run by browser tests: NumPy, PyTorch, onnx, onnxruntime.
bash scripts/python.sh

# Every step runs even when one before it failed, so that the summary counts
# them all; a failed step is named at the end, and the exit status says so.
broken=()
step() {
  local name=$1
  shift
  echo "== $name"
  if ! "$@" 2>&1 | tee -a "$log"; then
    broken+=("$name")
  fi
}

step "format and lint (Rust), format (JavaScript: Prettier)" bash -c 'cargo fmt --all -- --check && cargo clippy --all-targets -- -D warnings && npx prettier --check www tests bench'
step "cargo tests (engine and command line)" cargo test --workspace
step "engine tests in wasm32 (Node)" env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown -p backprop-lab --tests
# The runner allows a test binary 20 s in the browser by default, Firefox's start included: a loaded
# machine took longer (a run of npm test under load timed out while Firefox loaded a module).
step "engine tests in wasm32 (headless Firefox: SpiderMonkey)" env WASM_BINDGEN_USE_BROWSER=1 GECKODRIVER="$(command -v geckodriver)" \
  WASM_BINDGEN_TEST_TIMEOUT=180 WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown -p backprop-lab --tests

echo "== production build and type check"
# The browser steps test this build: without it there is nothing to test.
bash scripts/build-wasm.sh
npx tsc -p jsconfig.json
npx vite build

step "the front-end's rooms: imports only downward, no cycle (tests/rooms.mjs)" node tests/rooms.mjs
step "the house's sizes: files at most 450 code lines, functions at most 200 (tests/sizes.mjs)" node tests/sizes.mjs
step "the catalogues: English and Chinese, the same keys and placeholders (tests/catalogues.mjs)" node tests/catalogues.mjs
step "link decoder fuzz (3,000 cases; README names the longer run)" node tests/fuzz-link.mjs 3000
step "browser tests (headless Chromium)" npx playwright test --grep-invert "long run of Play"
step "the smoke suite in Chromium, Firefox and WebKitGTK (WebDriver)" env GECKODRIVER="$(command -v geckodriver)" node tests/smoke/browsers.mjs
step "a long run of Play, alone (45 s; npm run long-run plays 30 minutes)" npx playwright test tests/long-run.spec.js

# The sum of field `column` of every line of the log matching `pattern` (0 when none does).
sum() { { grep -oE "$1" "$log" || true; } | awk -v c="$2" '{s += $c} END {print s + 0}'; }
passed=$(sum 'test result: [a-z]+\. [0-9]+ passed' 4)
failed=$(sum '[0-9]+ failed;' 1)
browser=$(sum '^ *[0-9]+ passed' 1)
fuzz=$({ grep -cE '^fuzz-link: .* 0 crashes' "$log" || true; })
smoke=$(sum '^(smoke|rooms|sizes): [0-9]+ passed' 2)
smoke_failed=$(sum '^(smoke|rooms|sizes): [0-9]+ passed, [0-9]+ failed' 4)
browser_failed=$(sum '^ *[0-9]+ failed$' 1)
failed=$((failed + smoke_failed + browser_failed))
# A step that failed without a count (it could not start, say) still counts.
[ "$failed" -ge ${#broken[@]} ] || failed=${#broken[@]}
echo
echo "all tests: $((passed + browser + fuzz + smoke)) passed, $failed failed"
if [ ${#broken[@]} -gt 0 ]; then
  printf 'failed step: %s\n' "${broken[@]}"
  exit 1
fi
