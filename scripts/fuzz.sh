#!/usr/bin/env bash
# `npm run fuzz`: the long runs of the fuzz and model-based tests, whose
# figures the README's "Reliability" section records (`npm test` runs each
# with fewer cases):
#   1. proptest over the config, saved-run, expression and CSV parsers,
#      100,000 cases a property (crate/tests/properties.rs)
#   2. the model-based test of the Lab's calls in wasm, 5,000 sequences of
#      40 calls (crate/tests/lab_model.rs)
#   3. the link decoder, 100,000 links (tests/fuzz-link.mjs)
#   4. the command line's file inputs and outputs, 20,000 damaged files
#      (cli/tests/fuzz.rs)
#   5. in Chromium: 40 random sessions against the browser's storage
#      (tests/storage-fuzz.spec.js) and 3,000 extreme series through the loss
#      chart (tests/hostile.spec.js)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/toolchain.sh

echo "== properties, 100,000 cases each"
PROPTEST_CASES=100000 cargo test --release -p backprop-lab --test properties

echo "== the Lab against its model, 5,000 sequences"
LAB_MODEL_SEQUENCES=5000 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --release --target wasm32-unknown-unknown -p backprop-lab --test lab_model

echo "== the link decoder, 100,000 links"
bash scripts/build-wasm.sh
node tests/fuzz-link.mjs 100000

echo "== the command line, 20,000 damaged files"
CLI_FUZZ_CASES=20000 cargo test --release -p backprop-lab-cli --test fuzz -- --nocapture

echo "== the storage (40 sessions) and the loss chart (3,000 series), in Chromium"
bash scripts/chromium.sh
npx vite build
STORAGE_FUZZ_SEQUENCES=40 CHART_FUZZ_CASES=3000 npx playwright test tests/storage-fuzz.spec.js tests/hostile.spec.js -g "storage sequence|loss chart"
