#!/usr/bin/env bash
# Compiles the engine to wasm (release, SIMD128: see .cargo/config.toml),
# writes its JS bindings to www/pkg, and shrinks it with wasm-opt (binaryen);
# the same for "Check my code"'s module (checker/), into www/pkg-checker.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --target wasm32-unknown-unknown -p backprop-lab
# On its own: built together, cargo would give the checker the engine's Lab (its features unify).
cargo build --release --target wasm32-unknown-unknown -p backprop-lab-checker
# The presets ship as data (name -> config), not as code in the .wasm.
cargo run -q --release -p backprop-lab --example presets > www/page/presets.json
cargo run -q --release -p backprop-lab --example presets -- --workloads > bench/workloads.json
for module in backprop_lab:pkg backprop_lab_checker:pkg-checker; do
  name=${module%%:*}
  out=www/${module##*:}
  wasm-bindgen --target web --out-dir "$out" "target/wasm32-unknown-unknown/release/$name.wasm"
  # The features rustc's wasm32 target emits, plus SIMD; -O3 keeps IEEE
  # arithmetic as it is (no fast-math), so the bits stay the engine's.
  # --low-memory-unused: Rust puts nothing below 1 MB (its data starts there).
  npx wasm-opt -O3 --converge --low-memory-unused --strip-producers --strip-target-features \
    --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-reference-types \
    "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
done
