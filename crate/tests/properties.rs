//! Property tests: any valid config trains without a panic and gives the same
//! bits twice; any broken config gives an error that names a path.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use backprop_lab::math::rng::Mt19937;
use backprop_lab::{Config, Trainer};
use common::{allowed_combinations, random_config, Kind};
use proptest::prelude::*;
use serde_json::{json, Value};

/// A valid config of random shape, drawn from a seed and a few choices.
fn valid_config(
    seed: u32,
    combo: usize,
    bias: bool,
    l2: f64,
    update: usize,
    optimizer: usize,
    lr: f64,
) -> Value {
    let combos = allowed_combinations();
    let (hidden, output, loss) = combos[combo % combos.len()];
    let update = match update % 3 {
        0 => json!({"mode": "batch"}),
        1 => json!({"mode": "online"}),
        _ => json!({"mode": "minibatch", "size": 1 + seed % 4}),
    };
    let optimizer = match optimizer % 3 {
        0 => json!({"kind": "sgd", "learning_rate": lr}),
        1 => json!({"kind": "momentum", "learning_rate": lr, "momentum": 0.5}),
        _ => json!({"kind": "adam", "learning_rate": lr}),
    };
    let mut rng = Mt19937::new(seed);
    let kind = Kind {
        hidden,
        output,
        loss,
        bias,
        l2,
        update,
        optimizer,
    };
    random_config(&mut rng, &kind)
}

/// The bits of everything a run produced: weights, loss, counters, history.
fn fingerprint(t: &mut Trainer) -> Vec<u64> {
    let mut bits: Vec<u64> = t.network().params().iter().map(|p| p.to_bits()).collect();
    bits.push(t.loss().to_bits());
    bits.push(t.iterations());
    bits.extend(t.history().losses().iter().map(|l| l.to_bits()));
    bits
}

fn train_50(config: &Config) -> Vec<u64> {
    let mut t = Trainer::new(config.clone());
    // Divergence is an allowed outcome here (learning rates up to 1e3); a panic is not.
    let _ = t.run(50);
    fingerprint(&mut t)
}

/// Breaks a valid config in one way, chosen by `kind`; returns the broken
/// config and the path that the error must name.
fn break_config(mut v: Value, kind: usize, aux: u32) -> (Value, String) {
    let wrong_types = [
        json!("text"),
        json!(["x"]),
        json!({"a": 1}),
        json!(true),
        json!(null),
    ];
    let wrong = wrong_types[aux as usize % wrong_types.len()].clone();
    let layers = v["layers"].as_array().unwrap().len();
    let rows = v["data"]["inputs"].as_array().unwrap().len();
    let width = v["data"]["inputs"][0].as_array().unwrap().len();
    let row = aux as usize % rows;
    match kind % 16 {
        0 => {
            let keys = [
                "seed",
                "layers",
                "activations",
                "bias",
                "init",
                "loss",
                "l2",
                "update",
                "optimizer",
                "data",
            ];
            let key = keys[aux as usize % keys.len()];
            // Each of these keys refuses every one of the wrong types (bias
            // takes a boolean, so it gets a number instead).
            let wrong = if key == "bias" && wrong.is_boolean() {
                json!(1)
            } else {
                wrong
            };
            v[key] = wrong;
            (v, key.to_string())
        }
        1 => {
            v["layers"][0] = json!(width + 1 + aux as usize % 5);
            (v, "layers[0]".into())
        }
        2 => {
            let i = aux as usize % layers;
            v["layers"][i] = json!(0);
            (v, format!("layers[{i}]"))
        }
        3 => {
            v["layers"][layers - 1] = json!(11 + aux % 100);
            (v, format!("layers[{}]", layers - 1))
        }
        4 => {
            v["data"]["inputs"][row][0] = json!("1");
            (v, format!("data.inputs[{row}][0]"))
        }
        5 => {
            v["data"]["inputs"][row]
                .as_array_mut()
                .unwrap()
                .push(json!(0));
            let path = if rows == 1 {
                "layers[0]".to_string()
            } else {
                format!("data.inputs[{}]", if row == 0 { 1 } else { row })
            };
            (v, path)
        }
        6 => {
            v["data"]["targets"].as_array_mut().unwrap().pop();
            (v, "data.targets".into())
        }
        7 => {
            v["seed"] = json!(-1 - (aux as i64));
            (v, "seed".into())
        }
        8 => {
            v["l2"] = json!(-1e-3 * (1 + aux) as f64);
            (v, "l2".into())
        }
        9 => {
            v["optimizer"]["learning_rate"] = json!(-(aux as f64));
            (v, "optimizer.learning_rate".into())
        }
        10 => {
            let at = ["", "update", "optimizer", "data"][aux as usize % 4];
            let key = format!("extra{aux}");
            if at.is_empty() {
                v[&key] = json!(1);
                (v, key)
            } else {
                v[at][&key] = json!(1);
                (v, format!("{at}.{key}"))
            }
        }
        11 => {
            v["version"] = json!(2 + aux);
            (v, "version".into())
        }
        12 => {
            v["update"] = json!({"mode": "minibatch", "size": 0});
            (v, "update.size".into())
        }
        13 => {
            v["data"]["inputs"] = json!([]);
            (v, "data.inputs".into())
        }
        14 => {
            v["stop_loss"] = json!(-1.0);
            (v, "stop_loss".into())
        }
        _ => {
            v["activations"] = json!("swish");
            (v, "activations".into())
        }
    }
}

/// 256 cases a property, or PROPTEST_CASES for a longer dedicated run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn valid_configs_train_and_repeat_bit_for_bit(
        seed in any::<u32>(),
        combo in 0usize..64,
        bias in any::<bool>(),
        l2 in prop_oneof![Just(0.0), 0.0..0.5f64],
        update in 0usize..3,
        optimizer in 0usize..3,
        log_lr in -4.0..3.0f64,
    ) {
        let value = valid_config(seed, combo, bias, l2, update, optimizer, 10f64.powf(log_lr));
        let config = Config::from_value(&value).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(train_50(&config), train_50(&config));
        // The config survives a round trip through its JSON unchanged.
        prop_assert_eq!(Config::from_json(&config.to_json()).unwrap(), config);
    }

    #[test]
    fn broken_configs_name_a_path(seed in any::<u32>(), kind in 0usize..16, aux in 0u32..1000) {
        let valid = valid_config(seed, seed as usize, true, 0.0, 0, 0, 0.1);
        let (broken, path) = break_config(valid, kind, aux);
        match Config::from_value(&broken) {
            Ok(_) => prop_assert!(false, "accepted: {}", broken),
            // A wrong value may be refused inside itself ({"a": 1} at "update.a").
            Err(e) => prop_assert!(
                e.path == path || e.path.starts_with(&format!("{path}.")) || e.path.starts_with(&format!("{path}[")),
                "{} for {}, expected the path {}", e, broken, path
            ),
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = Config::from_json(&text);
    }

    #[test]
    fn arbitrary_text_is_an_expression_or_an_error_with_its_column(text in "[a-hA-Z!&|^() xornadt<>0-9]{0,60}") {
        match backprop_lab::data::expression::Expression::parse(&text) {
            Ok(e) => {
                let (inputs, targets) = e.truth_table();
                prop_assert_eq!(inputs.len(), 1usize << e.variables.len());
                prop_assert!(targets.iter().all(|t| t[0] == 0.0 || t[0] == 1.0));
            }
            Err(err) => prop_assert!(err.column >= 1 && err.column <= text.chars().count() + 1, "{}", err),
        }
    }

    #[test]
    fn arbitrary_text_is_a_table_or_an_error_with_its_line(text in r"[0-9a-z.,;\t\n e+\x22-]{0,200}") {
        match backprop_lab::data::csv::parse(&text) {
            Ok(t) => {
                prop_assert!(!t.rows.is_empty());
                prop_assert!(t.rows.iter().all(|r| r.len() == t.names.len() && r.iter().all(|v| v.is_finite())));
            }
            Err(err) => prop_assert!(err.line >= 1 && err.line <= text.lines().count().max(1), "{}", err),
        }
    }

    #[test]
    fn arbitrary_saved_runs_never_panic(value in arbitrary_json()) {
        let mut saved = backprop_lab::train::saved::save(&backprop_lab::Trainer::new(backprop_lab::preset("xor").unwrap()));
        for key in ["iteration", "weights", "optimizer_state"] {
            let kept = saved[key].clone();
            saved[key] = value.clone();
            if let Err(e) = backprop_lab::train::saved::Saved::from_value(&saved) {
                prop_assert!(!e.path.is_empty() && !e.message.is_empty());
            }
            saved[key] = kept;
        }
    }

    #[test]
    fn arbitrary_json_values_never_panic(value in arbitrary_json()) {
        let _ = Config::from_value(&value);
        let mut config = json!({"version": 1, "layers": [2, 1], "data": {"inputs": [[0, 1]], "targets": [[1]]}});
        for key in ["seed", "layers", "activations", "update", "optimizer", "data", "stop_loss"] {
            let saved = config[key].clone();
            config[key] = value.clone();
            if let Err(e) = Config::from_value(&config) {
                prop_assert!(!e.path.is_empty() && !e.message.is_empty());
            }
            config[key] = saved;
        }
    }
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(|x| json!(x)),
        "[a-z_]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
