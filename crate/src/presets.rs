//! Named configs: the seed programs, the page's first-load network and the
//! classic truth tables. Each is a complete config, checked like any other.

use serde_json::{json, Value};

use crate::config::{Config, ConfigError};
use crate::dataset::truth_table;

/// Every preset name, in the order the page offers them.
pub const NAMES: [&str; 8] = [
    "xor",
    "and",
    "or",
    "nand",
    "xnor",
    "siraj-neuron",
    "three-layer-challenge",
    "ludo-xor",
];

/// The four rows of the seed programs (x3 is always 1: a bias by hand).
fn siraj_data() -> Value {
    json!({
        "inputs": [[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]],
        "targets": [[0], [1], [1], [0]]
    })
}

fn gate(f: fn(bool, bool) -> bool) -> Value {
    let (inputs, targets) = truth_table(2, |x| vec![f(x[0], x[1])]);
    json!({ "inputs": inputs, "targets": targets })
}

/// UI-CONTRACT.md's first-load network (2-4-1, sigmoid, biases, sse, batch,
/// sgd with η = 1, seed 1) on a two-input truth table.
fn page_network(data: Value) -> Value {
    json!({
        "version": 1,
        "seed": 1,
        "layers": [2, 4, 1],
        "activations": "sigmoid",
        "bias": true,
        "init": "uniform",
        "loss": "sse",
        "l2": 0.0,
        "update": { "mode": "batch" },
        "optimizer": { "kind": "sgd", "learning_rate": 1.0 },
        "data": data
    })
}

/// The seed's programs: no biases, sigmoid, sse, batch, η = 1, seed 1.
fn seed_program(layers: Value) -> Value {
    json!({
        "version": 1,
        "seed": 1,
        "layers": layers,
        "activations": "sigmoid",
        "bias": false,
        "init": "uniform",
        "loss": "sse",
        "l2": 0.0,
        "update": { "mode": "batch" },
        "optimizer": { "kind": "sgd", "learning_rate": 1.0 },
        "data": siraj_data()
    })
}

/// The preset's config as JSON.
pub fn preset_value(name: &str) -> Option<Value> {
    Some(match name {
        "xor" => page_network(gate(|a, b| a ^ b)),
        "and" => page_network(gate(|a, b| a & b)),
        "or" => page_network(gate(|a, b| a | b)),
        "nand" => page_network(gate(|a, b| !(a & b))),
        "xnor" => page_network(gate(|a, b| a == b)),
        "siraj-neuron" => seed_program(json!([3, 1])),
        "three-layer-challenge" => seed_program(json!([3, 5, 4, 1])),
        // The seed's n-layer XOR program, done right: its biases train at the
        // full rate and its loss is the cross-entropy that its delta implies.
        "ludo-xor" => json!({
            "version": 1,
            "seed": 1,
            "layers": [2, 9, 1],
            "activations": "sigmoid",
            "bias": true,
            "init": "uniform",
            "loss": "cross_entropy",
            "l2": 0.0,
            "update": { "mode": "online" },
            "optimizer": { "kind": "sgd", "learning_rate": 1.0 },
            "stop_loss": 1e-5,
            "data": gate(|a, b| a ^ b)
        }),
        _ => return None,
    })
}

pub fn preset(name: &str) -> Result<Config, ConfigError> {
    match preset_value(name) {
        Some(value) => Config::from_value(&value),
        None => Err(ConfigError::new(
            "preset",
            format!(
                "unknown preset \"{name}\"; expected one of {}",
                NAMES.join(", ")
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_a_valid_config() {
        for name in NAMES {
            let config = preset(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(Config::from_json(&config.to_json()).unwrap(), config);
        }
        assert!(preset("nope").unwrap_err().message.contains("xor, and"));
    }

    #[test]
    fn gates_have_their_truth_tables() {
        let targets = |name| preset(name).unwrap().data().target_rows().concat();
        assert_eq!(targets("xor"), [0.0, 1.0, 1.0, 0.0]);
        assert_eq!(targets("and"), [0.0, 0.0, 0.0, 1.0]);
        assert_eq!(targets("or"), [0.0, 1.0, 1.0, 1.0]);
        assert_eq!(targets("nand"), [1.0, 1.0, 1.0, 0.0]);
        assert_eq!(targets("xnor"), [1.0, 0.0, 0.0, 1.0]);
    }
}
