//! Prints every preset's config as one JSON object, name → config. The page
//! ships this file (www/presets.json, written by scripts/build-wasm.sh)
//! rather than the code that builds the presets, which keeps the .wasm small.
use backprop_lab::presets::{preset_value, NAMES, SHIPPED_BY_THE_ENGINE, WORKLOADS};
use serde_json::{Map, Value};

fn main() {
    let all: Map<String, Value> = NAMES
        .iter()
        .chain(WORKLOADS.iter())
        .filter(|name| !SHIPPED_BY_THE_ENGINE.contains(name))
        .map(|name| {
            let config = backprop_lab::preset(name).expect("every preset is valid");
            debug_assert!(preset_value(name).is_some());
            (name.to_string(), config.to_value())
        })
        .collect();
    println!("{}", Value::Object(all));
}
