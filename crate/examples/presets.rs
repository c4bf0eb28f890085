//! Prints the presets' configs as one JSON object, name → config. The page
//! ships this file (www/page/presets.json, written by scripts/build-wasm.sh)
//! rather than the code that builds the presets, which keeps the .wasm small.
//! It leaves out what the page makes itself: the point sets' points (drawn
//! by the engine's generator from the page's defaults and the seed), the
//! digits and the real tables (their files fetched when chosen),
//! and the benchmark workloads, which
//! `--workloads` prints instead (bench/workloads.json, for the bench and tests).
use backprop_lab::config::presets::{preset_value, FETCHED_BY_THE_PAGE, NAMES, WORKLOADS};
use backprop_lab::data::points::Generator;
use serde_json::{Map, Value};

fn main() {
    let workloads = std::env::args().any(|a| a == "--workloads");
    let names: &[&str] = if workloads { &WORKLOADS } else { &NAMES };
    let all: Map<String, Value> = names
        .iter()
        // W4 is the digits: bench/w4.mjs asks the command line for it.
        .filter(|name| !FETCHED_BY_THE_PAGE.contains(name) && **name != "bench-w4")
        .map(|name| {
            let config = backprop_lab::preset(name).expect("every preset is valid");
            debug_assert!(preset_value(name).is_some());
            let mut value = config.to_value();
            if Generator::from_name(name).is_some() {
                value
                    .as_object_mut()
                    .expect("a config is an object")
                    .remove("data");
            }
            (name.to_string(), value)
        })
        .collect();
    println!("{}", Value::Object(all));
}
