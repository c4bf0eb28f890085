//! Helpers shared by the integration tests: configs built from JSON.
#![allow(dead_code)]

use backprop_lab::math::rng::Mt19937;
use backprop_lab::{Config, Trainer};
use serde_json::{json, Value};

/// Any preset's config, the digits' and the real tables' too: the page's
/// engine leaves their files out (the page fetches them), so tests in wasm
/// read them here.
#[allow(dead_code)]
pub fn any_preset(name: &str) -> Value {
    let table = || backprop_lab::data::tables::config(name);
    let digits = || {
        let text = include_str!("../../data/digits.txt");
        (name == "digits")
            .then(|| backprop_lab::data::digits::preset_of(text).unwrap()["config"].clone())
    };
    backprop_lab::config::presets::preset_value(name)
        .or_else(table)
        .or_else(digits)
        .unwrap()
}

pub fn config(value: Value) -> Config {
    Config::from_value(&value).unwrap_or_else(|e| panic!("{e}\n{value}"))
}

pub fn trainer(value: Value) -> Trainer {
    Trainer::new(config(value))
}

/// `rows` rows of `width` numbers in [-1, 1) (or in [0, 1) when `unit`).
pub fn random_rows(rng: &mut Mt19937, rows: usize, width: usize, unit: bool) -> Vec<Vec<f64>> {
    (0..rows)
        .map(|_| {
            (0..width)
                .map(|_| {
                    let u = rng.next_f64();
                    if unit {
                        u
                    } else {
                        2.0 * u - 1.0
                    }
                })
                .collect()
        })
        .collect()
}

/// One-hot rows for a softmax output.
pub fn one_hot_rows(rng: &mut Mt19937, rows: usize, width: usize) -> Vec<Vec<f64>> {
    (0..rows)
        .map(|_| {
            let hot = (rng.next_u32() as usize) % width;
            (0..width)
                .map(|j| if j == hot { 1.0 } else { 0.0 })
                .collect()
        })
        .collect()
}

/// What kind of network `random_config` draws; its shape and data are random.
pub struct Kind<'a> {
    pub hidden: &'a str,
    pub output: &'a str,
    pub loss: &'a str,
    pub bias: bool,
    pub l2: f64,
    pub update: Value,
    pub optimizer: Value,
}

/// A small network of random shape and data, of the given kind.
pub fn random_config(rng: &mut Mt19937, kind: &Kind) -> Value {
    let Kind {
        hidden,
        output,
        loss,
        bias,
        l2,
        ..
    } = *kind;
    let pick = |rng: &mut Mt19937, lo: u32, hi: u32| (lo + rng.next_u32() % (hi - lo + 1)) as usize;
    let inputs = pick(rng, 1, 4);
    let outputs = if output == "softmax" {
        pick(rng, 2, 4)
    } else {
        pick(rng, 1, 3)
    };
    let depth = pick(rng, 0, 3);
    let mut layers = vec![inputs];
    layers.extend((0..depth).map(|_| pick(rng, 1, 5)));
    layers.push(outputs);
    let mut activations = vec![hidden; depth];
    activations.push(output);
    let rows = pick(rng, 1, 7);
    let x = random_rows(rng, rows, inputs, false);
    let y = match (output, loss) {
        ("softmax", _) => one_hot_rows(rng, rows, outputs),
        (_, "cross_entropy") => random_rows(rng, rows, outputs, true),
        _ => random_rows(rng, rows, outputs, false),
    };
    let init = ["uniform", "xavier", "he"][pick(rng, 0, 2)];
    json!({
        "version": 1,
        "seed": rng.next_u32(),
        "layers": layers,
        "activations": activations,
        "bias": bias,
        "init": init,
        "loss": loss,
        "l2": l2,
        "update": kind.update,
        "optimizer": kind.optimizer,
        "data": { "inputs": x, "targets": y }
    })
}

/// Every (hidden, output, loss) that docs/numerics.md allows.
pub fn allowed_combinations() -> Vec<(&'static str, &'static str, &'static str)> {
    let hidden = ["sigmoid", "tanh", "relu", "linear"];
    let mut combos = Vec::new();
    for h in hidden {
        for o in ["sigmoid", "tanh", "relu", "linear"] {
            combos.push((h, o, "sse"));
            combos.push((h, o, "mse"));
        }
        combos.push((h, "sigmoid", "cross_entropy"));
        combos.push((h, "softmax", "cross_entropy"));
    }
    combos
}

/// The message of an error the `Lab` returns to JavaScript (an `Error`).
#[cfg(target_arch = "wasm32")]
pub fn message(error: wasm_bindgen::JsValue) -> String {
    field(&error, "message")
}

/// The code of an error the `Lab` returns to JavaScript, or "" when it has none (`words::js_error`).
#[cfg(target_arch = "wasm32")]
pub fn code(error: &wasm_bindgen::JsValue) -> String {
    field(error, "code")
}

#[cfg(target_arch = "wasm32")]
fn field(error: &wasm_bindgen::JsValue, name: &str) -> String {
    js_sys::Reflect::get(error, &name.into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default()
}
