//! Named configs: the seed programs, the page's first-load network and the
//! classic truth tables. Each is a complete config, checked like any other.

use serde_json::{json, Value};

use crate::config::{Config, ConfigError};
use crate::data::dataset::truth_table;
use crate::math::rng::Mt19937;

/// Every preset name, in the order the page offers them.
pub const NAMES: [&str; 27] = [
    "xor",
    "and",
    "or",
    "nand",
    "nor",
    "xnor",
    "siraj-neuron",
    "parity-3",
    "parity-4",
    "majority-3",
    "half-adder",
    "full-adder",
    "comparator-2",
    "iris",
    "digits",
    "breast-cancer",
    "wine",
    "diabetes",
    "circle",
    "quadrants",
    "gaussians",
    "spiral",
    "moons",
    "plane",
    "bump",
    "three-layer-challenge",
    "ludo-xor",
];

/// Presets whose file the page fetches when they are chosen and hands the
/// engine (`Lab.digits`, `Lab.tablePreset`): not in presets.json nor in the
/// page's engine, which they would make much larger.
pub const FETCHED_BY_THE_PAGE: [&str; 4] = ["digits", "breast-cancer", "wine", "diabetes"];

/// The benchmark workloads (README, "Speed"), also presets: fixed, so that
/// figures compare across commits.
pub const WORKLOADS: [&str; 4] = ["bench-w1", "bench-w2", "bench-w3", "bench-w4"];

/// W1 and W2's data: `rows` points uniform in [-6, 6]² from the engine's
/// generator (seed 1, x then y), target 1 where x·y ≥ 0 else -1.
fn quadrant_points(rows: usize) -> Value {
    let mut rng = Mt19937::new(1);
    let (inputs, targets): (Vec<[f64; 2]>, Vec<[f64; 1]>) = (0..rows)
        .map(|_| {
            let x = 12.0 * rng.next_f64() - 6.0;
            let y = 12.0 * rng.next_f64() - 6.0;
            ([x, y], [if x * y >= 0.0 { 1.0 } else { -1.0 }])
        })
        .unzip();
    json!({ "inputs": inputs, "targets": targets })
}

/// W1 (hidden 4, 4) or W2 (hidden 8 × 6): tanh everywhere, mse, mini-batches
/// of 10, sgd η = 0.03, seed 1, 500 points.
fn quadrant_workload(hidden: &[usize]) -> Value {
    let mut layers = vec![2];
    layers.extend_from_slice(hidden);
    layers.push(1);
    json!({
        "version": 1,
        "seed": 1,
        "layers": layers,
        "activations": "tanh",
        "loss": "mse",
        "update": { "mode": "minibatch", "size": 10 },
        "optimizer": { "kind": "sgd", "learning_rate": 0.03 },
        "data": quadrant_points(500)
    })
}

/// The four rows of the seed programs (x3 is always 1: a bias by hand).
fn siraj_data() -> Value {
    json!({
        "inputs": [[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]],
        "targets": [[0], [1], [1], [0]]
    })
}

fn gate(f: fn(bool, bool) -> bool) -> Value {
    table(2, move |x| vec![f(x[0], x[1])])
}

fn table(inputs: usize, f: impl Fn(&[bool]) -> Vec<bool>) -> Value {
    let (inputs, targets) = truth_table(inputs, f);
    json!({ "inputs": inputs, "targets": targets })
}

/// The value of bits as a binary number, the first the most significant.
fn binary(bits: &[bool]) -> u32 {
    bits.iter().fold(0, |n, &b| 2 * n + u32::from(b))
}

/// A truth table of several inputs or outputs: the page's network with the
/// table's widths and `hidden` neurons.
fn wider_table(data: Value, hidden: usize) -> Value {
    let inputs = data["inputs"][0].as_array().map_or(0, Vec::len);
    let outputs = data["targets"][0].as_array().map_or(0, Vec::len);
    let mut config = page_network(data);
    config["layers"] = json!([inputs, hidden, outputs]);
    config
}

/// The page's defaults for a point set: 200 points, no noise, half of them
/// held out for testing, drawn with seed 1.
pub const POINT_DEFAULTS: (usize, f64, f64) = (200, 0.0, 0.5);

/// A 2-D point set's training rows (the page's defaults) on a 2-8-8-1 tanh
/// network: a sigmoid output with cross-entropy for classes, a linear one
/// with MSE for numbers; mini-batches of 10, Adam.
fn point_set(generator: crate::data::points::Generator) -> Value {
    let (points, noise, test_share) = POINT_DEFAULTS;
    let set = crate::data::points::Settings {
        generator,
        points,
        noise,
        test_share,
        seed: 1,
    }
    .generate()
    .expect("the defaults are in range");
    let (output, loss) = if generator.classifies() {
        ("sigmoid", "cross_entropy")
    } else {
        ("linear", "mse")
    };
    json!({
        "version": 1,
        "seed": 1,
        "layers": [2, 8, 8, 1],
        "activations": ["tanh", "tanh", output],
        "bias": true,
        "init": "xavier",
        "loss": loss,
        "l2": 0.0,
        "update": { "mode": "minibatch", "size": 10 },
        "optimizer": { "kind": "adam", "learning_rate": 0.03 },
        "data": { "inputs": set.train_inputs, "targets": set.train_targets }
    })
}

/// Fisher's iris (150 flowers, 4 measurements in cm, 3 species), public
/// domain, as scikit-learn ships it.
const IRIS_CSV: &str = include_str!("../../data/iris.csv");

/// Iris: the measurements as z-scores, the species one-hot; softmax with
/// cross-entropy, a hidden tanh layer, Adam. It passes 95 % training
/// accuracy within a few hundred iterations (a test checks).
fn iris() -> Value {
    let table = crate::data::csv::parse(IRIS_CSV).expect("the iris file is valid");
    let measurements: Vec<Vec<f64>> = table.rows.iter().map(|r| r[..4].to_vec()).collect();
    let stats = crate::data::csv::column_stats(&measurements);
    let inputs = crate::data::csv::z_scores(&measurements, &stats);
    let targets: Vec<[f64; 3]> = table
        .rows
        .iter()
        .map(|r| {
            let mut one_hot = [0.0; 3];
            one_hot[r[4] as usize] = 1.0;
            one_hot
        })
        .collect();
    json!({
        "version": 1,
        "seed": 1,
        "layers": [4, 8, 3],
        "activations": ["tanh", "softmax"],
        "bias": true,
        "init": "xavier",
        "loss": "cross_entropy",
        "l2": 0.0,
        "update": { "mode": "batch" },
        "optimizer": { "kind": "adam", "learning_rate": 0.05 },
        "data": { "inputs": inputs, "targets": targets }
    })
}

/// The page's first-load network (docs/ui.md) (2-4-1, sigmoid, biases, sse, batch,
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
        "nor" => page_network(gate(|a, b| !(a | b))),
        "xnor" => page_network(gate(|a, b| a == b)),
        "parity-3" => wider_table(table(3, |x| vec![x[0] ^ x[1] ^ x[2]]), 4),
        "parity-4" => wider_table(table(4, |x| vec![x[0] ^ x[1] ^ x[2] ^ x[3]]), 8),
        "majority-3" => wider_table(table(3, |x| vec![x.iter().filter(|&&b| b).count() >= 2]), 4),
        // Outputs: sum, then carry.
        "half-adder" => wider_table(table(2, |x| vec![x[0] ^ x[1], x[0] & x[1]]), 4),
        "full-adder" => wider_table(
            table(3, |x| {
                let n = x.iter().filter(|&&b| b).count();
                vec![n % 2 == 1, n >= 2]
            }),
            6,
        ),
        // Inputs a1 a0 b1 b0; outputs a < b, a = b, a > b.
        "comparator-2" => wider_table(
            table(4, |x| {
                let (a, b) = (binary(&x[..2]), binary(&x[2..]));
                vec![a < b, a == b, a > b]
            }),
            8,
        ),
        "iris" => iris(),
        // Not in the page's engine: the page fetches the digits' file.
        #[cfg(not(target_arch = "wasm32"))]
        "digits" => crate::data::digits::preset(),
        // Not in the page's engine: the page fetches the tables' files.
        #[cfg(not(target_arch = "wasm32"))]
        name if crate::data::tables::NAMES.contains(&name) => crate::data::tables::config(name)?,
        name if crate::data::points::Generator::from_name(name).is_some() => {
            point_set(crate::data::points::Generator::from_name(name).expect("just found"))
        }
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
        "bench-w1" => quadrant_workload(&[4, 4]),
        "bench-w2" => quadrant_workload(&[8; 6]),
        // W3: the page's first-load XOR network.
        "bench-w3" => page_network(gate(|a, b| a ^ b)),
        // W4: Digits as the page trains it (64-32-10, softmax and cross-entropy, Adam in batches of 32).
        #[cfg(not(target_arch = "wasm32"))]
        "bench-w4" => crate::data::digits::preset(),
        _ => return None,
    })
}

pub fn preset(name: &str) -> Result<Config, ConfigError> {
    match preset_value(name) {
        Some(value) => Config::from_value(&value),
        None => Err(ConfigError::new(
            "preset",
            format!(
                "unknown preset \"{name}\"; expected one of {}, {}",
                NAMES.join(", "),
                WORKLOADS.join(", ")
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
    fn workloads_are_valid_and_fixed() {
        for name in WORKLOADS {
            preset(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        let w2 = preset("bench-w2").unwrap();
        assert_eq!(w2.layers(), [2, 8, 8, 8, 8, 8, 8, 1]);
        let data = w2.data();
        assert_eq!(data.rows(), 500);
        // The first point: seed 1's first two draws, scaled to [-6, 6].
        let first = data.inputs(0..1);
        assert_eq!(
            first,
            [
                12.0 * 0.417022004702574 - 6.0,
                12.0 * 0.7203244934421581 - 6.0
            ]
        );
        let inputs = data.input_rows();
        let targets = data.target_rows();
        for (x, y) in inputs.iter().zip(&targets) {
            assert!(x.iter().all(|v| (-6.0..6.0).contains(v)));
            assert_eq!(y[0], if x[0] * x[1] >= 0.0 { 1.0 } else { -1.0 });
        }
    }

    #[test]
    fn gates_have_their_truth_tables() {
        let targets = |name| preset(name).unwrap().data().target_rows().concat();
        assert_eq!(targets("xor"), [0.0, 1.0, 1.0, 0.0]);
        assert_eq!(targets("and"), [0.0, 0.0, 0.0, 1.0]);
        assert_eq!(targets("or"), [0.0, 1.0, 1.0, 1.0]);
        assert_eq!(targets("nand"), [1.0, 1.0, 1.0, 0.0]);
        assert_eq!(targets("xnor"), [1.0, 0.0, 0.0, 1.0]);
        assert_eq!(targets("nor"), [1.0, 0.0, 0.0, 0.0]);
        assert_eq!(targets("parity-3"), [0., 1., 1., 0., 1., 0., 0., 1.]);
        assert_eq!(targets("majority-3"), [0., 0., 0., 1., 0., 1., 1., 1.]);
        assert_eq!(targets("half-adder"), [0., 0., 1., 0., 1., 0., 0., 1.]);
        // Full adder row 1 1 1: sum 1, carry 1; row 0 1 1: sum 0, carry 1.
        let full = preset("full-adder").unwrap().data().target_rows();
        assert_eq!(full[7], [1.0, 1.0]);
        assert_eq!(full[3], [0.0, 1.0]);
        let cmp = preset("comparator-2").unwrap();
        assert_eq!(cmp.layers(), [4, 8, 3]);
        let rows = cmp.data().target_rows();
        assert_eq!(rows[0b0110], [1.0, 0.0, 0.0], "1 < 2");
        assert_eq!(rows[0b1010], [0.0, 1.0, 0.0], "2 = 2");
        assert_eq!(rows[0b1101], [0.0, 0.0, 1.0], "3 > 1");
        assert_eq!(preset("parity-4").unwrap().data().rows(), 16);
    }

    #[test]
    fn iris_is_fishers_data_normalised_and_one_hot() {
        let iris = preset("iris").unwrap();
        let data = iris.data();
        assert_eq!(data.rows(), 150);
        assert_eq!(iris.layers(), [4, 8, 3]);
        let targets = data.target_rows();
        for species in 0..3 {
            assert_eq!(targets.iter().filter(|t| t[species] == 1.0).count(), 50);
        }
        let inputs = data.input_rows();
        for c in 0..4 {
            let mean: f64 = inputs.iter().map(|r| r[c]).sum::<f64>() / 150.0;
            assert!(mean.abs() < 1e-12, "column {c} mean {mean}");
        }
    }
}
