#!/usr/bin/env bash
# Compiles the engine to wasm (release) and writes its JS bindings to www/pkg.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --target wasm32-unknown-unknown -p backprop-lab
wasm-bindgen --target web --out-dir www/pkg \
  target/wasm32-unknown-unknown/release/backprop_lab.wasm
