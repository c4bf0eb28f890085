//! Bit-identity between the native and the wasm builds: every preset and a
//! few configs that reach every activation, loss, mode and optimizer are
//! trained, and every weight's bits are compared with `fixtures/bits.json`.
//!
//! The fixture is the native run's output: natively this test checks that
//! the file is current (`BACKPROP_LAB_BLESS=1 cargo test --test bits` writes
//! it anew after a deliberate change of arithmetic); compiled to wasm32 and
//! run in Node (`npm test`), it checks that wasm gives the very same bits.

use backprop_lab::config::presets::{preset_value, NAMES};
use backprop_lab::data::tables;
use backprop_lab::{Config, Trainer};
use serde_json::{json, Value};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const FIXTURE: &str = include_str!("fixtures/bits.json");
const ITERATIONS: u64 = 1500;

/// Configs beyond the presets, so that every branch of the arithmetic runs.
fn extra_configs() -> Vec<(String, Value)> {
    let mut cases = Vec::new();
    let xor = preset_value("xor").unwrap();
    let variants = [
        (
            "tanh-adam-mse",
            json!({"activations": ["tanh", "sigmoid"], "loss": "mse", "init": "xavier",
            "optimizer": {"kind": "adam", "learning_rate": 0.05}, "l2": 0.001}),
        ),
        (
            "relu-momentum-minibatch",
            json!({"activations": ["relu", "linear"], "init": "he",
            "optimizer": {"kind": "momentum", "learning_rate": 0.05}, "update": {"mode": "minibatch", "size": 3}}),
        ),
        (
            "sigmoid-cross-entropy-online",
            json!({"loss": "cross_entropy", "update": {"mode": "online"}}),
        ),
    ];
    for (name, changes) in variants {
        let mut value = xor.clone();
        for (k, v) in changes.as_object().unwrap() {
            value[k] = v.clone();
        }
        cases.push((name.to_string(), value));
    }
    cases.push((
        "softmax-three-classes".to_string(),
        json!({
            "version": 1, "seed": 7, "layers": [2, 5, 5, 3],
            "activations": ["tanh", "relu", "softmax"], "loss": "cross_entropy",
            "optimizer": {"kind": "adam", "learning_rate": 0.02},
            "update": {"mode": "minibatch", "size": 4},
            "data": {
                "inputs": [[0.1, 0.9], [0.8, 0.2], [0.5, 0.5], [0.9, 0.9], [0.2, 0.1], [0.3, 0.7], [0.7, 0.3]],
                "targets": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1], [1, 0, 0], [1, 0, 0], [0, 1, 0]]
            }
        }),
    ));
    cases
}

/// Digits' config from its file, which the page's engine (wasm) fetches rather than carries.
fn digits_config(name: &str) -> Option<Value> {
    let text = include_str!("../data/digits.txt");
    (name == "digits")
        .then(|| backprop_lab::data::digits::preset_of(text).unwrap()["config"].clone())
}

fn cases() -> Vec<(String, Value)> {
    let mut cases: Vec<(String, Value)> = NAMES
        .iter()
        .map(|n| {
            (
                n.to_string(),
                preset_value(n)
                    .or_else(|| tables::config(n))
                    .or_else(|| digits_config(n))
                    .unwrap(),
            )
        })
        .collect();
    cases.extend(extra_configs());
    cases
}

/// The bits of a run, as hex strings (JSON numbers would round-trip, but hex
/// makes a difference in the last bit plain to see).
fn fingerprint(value: &Value) -> Value {
    let mut trainer = Trainer::new(Config::from_value(value).unwrap());
    let run = trainer.run(ITERATIONS).unwrap();
    let hex = |x: f64| format!("{:016x}", x.to_bits());
    json!({
        "iterations": run.iterations,
        "loss": hex(trainer.loss()),
        "params": trainer.network().params().iter().map(|&p| hex(p)).collect::<Vec<_>>(),
    })
}

fn current() -> Value {
    Value::Object(
        cases()
            .into_iter()
            .map(|(name, value)| (name, fingerprint(&value)))
            .collect(),
    )
}

#[test]
fn every_weight_matches_the_native_run_bit_for_bit() {
    let now = current();
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("BACKPROP_LAB_BLESS").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bits.json");
        std::fs::write(path, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
        return;
    }
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    for (name, _) in cases() {
        assert_eq!(
            now[&name], fixture[&name],
            "{name}: the bits differ from fixtures/bits.json"
        );
    }
}

#[test]
fn the_seed_neuron_reference_figure_holds_here_too() {
    let mut trainer = Trainer::new(backprop_lab::preset("siraj-neuron").unwrap());
    trainer.run(10_000).unwrap();
    let answer = trainer.network().predict(&[1.0, 0.0, 0.0])[0];
    assert!((answer - 0.9999370428352157).abs() < 1e-15);
}
