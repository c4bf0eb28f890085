//! The `Lab` class as JavaScript sees it, run in Node by wasm-bindgen-test:
//! errors come back as values with the engine's messages, never as panics.
#![cfg(target_arch = "wasm32")]

mod common;

use backprop_lab::wasm::Lab;
use common::{code, message};
use wasm_bindgen_test::wasm_bindgen_test as test;

fn xor_config() -> String {
    backprop_lab::preset("xor").unwrap().to_json()
}

fn xor() -> Lab {
    Lab::new(&xor_config()).unwrap()
}

#[test]
fn a_lab_steps_and_reports() {
    let mut lab = xor();
    let layout: serde_json::Value = serde_json::from_str(&lab.layout()).unwrap();
    assert_eq!(layout["sizes"], serde_json::json!([2, 4, 1]));
    assert_eq!(lab.counters()[2], 4.0);
    let first = lab.loss();
    lab.step().unwrap();
    assert_eq!(lab.counters()[0], 1.0);
    assert!(lab.loss() < first);
    assert_eq!(lab.run(99).unwrap(), 99);
    assert_eq!(lab.counters()[1], 100.0);
    let history = lab.history(false);
    assert_eq!(history.len(), 2 * 101, "the epochs, then their losses");
    assert_eq!(history[101 + 100], lab.loss());
    lab.reset();
    assert_eq!(lab.loss().to_bits(), first.to_bits());
}

#[test]
fn bad_configs_are_errors_with_the_path() {
    assert!(message(Lab::new("{").err().unwrap()).contains("not valid JSON"));
    let e = Lab::new(
        r#"{"version": 1, "layers": [2, 0, 1], "data": {"inputs": [[0, 1]], "targets": [[1]]}}"#,
    );
    assert!(message(e.err().unwrap()).starts_with("layers[1]:"));
    let mut lab = xor();
    lab.step().unwrap();
    let e = lab.set_config(r#"{"version": 1, "layers": [2, 1], "optimizer": {"learning_rate": -1}, "data": {"inputs": [[0, 1]], "targets": [[1]]}}"#);
    assert!(message(e.err().unwrap()).contains("optimizer.learning_rate"));
    assert_eq!(lab.counters()[0], 1.0, "a refused config changes nothing");
    assert!(message(lab.forward_row(4).err().unwrap()).contains("row 5 does not exist"));
}

#[test]
fn a_new_network_gets_new_buffers() {
    let mut lab = xor();
    let mut config: serde_json::Value = serde_json::from_str(&lab.config()).unwrap();
    config["layers"] = serde_json::json!([2, 8, 8, 1]);
    assert!(!lab.set_config(&config.to_string()).unwrap());
    assert_eq!(lab.params().length(), 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1);
    lab.forward_row(3).unwrap();
    lab.predict(0, 4);
    // A range beyond the table is clamped, not a panic.
    lab.predict(2, 1_000);
    lab.predict(9, 3);
    config["optimizer"] = serde_json::json!({"kind": "adam"});
    assert!(
        lab.set_config(&config.to_string()).unwrap(),
        "tuning keeps the weights"
    );
}

#[test]
fn divergence_is_an_error_not_a_panic() {
    let mut config: serde_json::Value = serde_json::from_str(&xor_config()).unwrap();
    config["activations"] = serde_json::json!("linear");
    config["optimizer"] = serde_json::json!({"kind": "sgd", "learning_rate": 1e6});
    let mut lab = Lab::new(&config.to_string()).unwrap();
    let e = lab.run(1000).err().unwrap();
    // The page words it by its code (the layer where it broke); the message is the English.
    assert!(code(&e).starts_with("engine.diverged"), "{}", code(&e));
    assert!(message(e).contains("diverged at iteration"));
    assert!(!lab.counters()[5].is_nan());
    lab.reset();
    assert!(lab.counters()[5].is_nan());
}

#[test]
fn the_inspector_reads_a_trace_with_the_optimizer_state() {
    let mut config: serde_json::Value = serde_json::from_str(&xor_config()).unwrap();
    config["optimizer"] = serde_json::json!({"kind": "adam", "learning_rate": 0.01});
    let mut lab = Lab::new(&config.to_string()).unwrap();
    lab.run(3).unwrap();
    let trace: serde_json::Value = serde_json::from_str(&lab.trace().unwrap()).unwrap();
    assert_eq!(trace["iteration"], 3);
    assert_eq!(trace["optimizer"]["before"]["steps"], 3);
    assert_eq!(trace["optimizer"]["after"]["steps"], 4);
    assert_eq!(
        trace["optimizer"]["after"]["second"]
            .as_array()
            .unwrap()
            .len(),
        lab.params().length() as usize
    );
    assert!(trace["rows_loss"].as_f64().unwrap() > 0.0);
    let layer = &trace["layers"][0];
    let moved = layer["step_weights"][1][2].as_f64().unwrap();
    let (before, after) = (
        layer["weights_before"][1][2].as_f64().unwrap(),
        layer["weights_after"][1][2].as_f64().unwrap(),
    );
    assert_eq!(moved, after - before);
    assert_eq!(layer["back_sums"][0].as_array().unwrap().len(), 4);
    assert_eq!(lab.counters()[0], 3.0, "tracing performs nothing");
    let check: serde_json::Value = serde_json::from_str(&lab.gradient_check().unwrap()).unwrap();
    assert!(check["worst_relative_error"].as_f64().unwrap() < 1e-6);
}

#[test]
fn hand_edits_and_time_travel_refuse_bad_input() {
    let mut lab = xor();
    let loss = lab.loss();
    assert!(message(lab.set_param(9_999, 1.0).unwrap_err()).contains("does not exist"));
    assert!(message(lab.set_param(0, f64::NAN).unwrap_err()).contains("finite"));
    assert_eq!(lab.loss(), loss);
    assert_eq!(lab.counters()[6], 0.0, "not edited by hand");
    lab.set_param(0, 2.5).unwrap();
    assert_eq!(lab.counters()[6], 1.0, "edited by hand");
    assert_ne!(lab.loss(), loss);

    let mut lab = xor();
    lab.run(50).unwrap();
    let at_20 = {
        let mut other = xor();
        other.run(20).unwrap();
        other.loss()
    };
    assert_eq!(lab.restore(20.0).unwrap(), 20.0);
    assert_eq!(lab.loss().to_bits(), at_20.to_bits());
    assert!(message(lab.restore(-1.0).unwrap_err()).contains("epoch"));
    assert!(message(lab.restore(f64::NAN).unwrap_err()).contains("epoch"));
}

#[test]
fn the_page_reads_the_engines_layout_limits_and_defaults() {
    let mut lab = xor();
    lab.run(5).unwrap();
    let layout: serde_json::Value = serde_json::from_str(&lab.layout()).unwrap();
    let params = lab.params().to_vec();
    assert_eq!(layout["parameters"], params.len());
    // Layer 1 (4 -> 1): its weights start after layer 0's 2x4 weights and 4 biases.
    let out = &layout["layers"][1];
    assert_eq!(
        (out["weights_at"].as_u64(), out["biases_at"].as_u64()),
        (Some(12), Some(16))
    );
    assert_eq!(out["activation"], "sigmoid");
    assert_eq!(layout["layers"][0]["values_at"], 0);
    assert_eq!(out["values_at"], 8, "after layer 0's 4 z and 4 a values");
    let saved: serde_json::Value =
        serde_json::from_slice(&lab.export_as("json", None).unwrap()).unwrap();
    assert_eq!(
        saved["weights"][1]["weights"][2][0].as_f64().unwrap(),
        params[12 + 2]
    );
    assert_eq!(
        saved["weights"][1]["biases"][0].as_f64().unwrap(),
        params[16]
    );
    assert_eq!(lab.grads().length() as usize, params.len());

    let facts: serde_json::Value = serde_json::from_str(&Lab::facts()).unwrap();
    let (limits, defaults) = (&facts["limits"], &facts["defaults"]);
    assert_eq!(limits["neurons"], 64);
    assert_eq!(limits["iterations"], 9007199254740992u64);
    assert_eq!(defaults["seed"], 1);
    assert_eq!(defaults["picture_side"], 8);
    assert_eq!(layout["parameters"], 17);
    assert_eq!(layout["update_rows"], 4);
    assert_eq!(layout["iterations_per_epoch"], 1);
    assert_eq!(defaults["optimizers"]["momentum"]["learning_rate"], 0.1);
    assert_eq!(defaults["optimizers"]["adam"]["beta2"], 0.999);

    // Views hold the engine's numbers: the row's values, the predictions.
    let row = lab.forward_row(2).unwrap().to_vec();
    let predictions = lab.predict(0, 4).to_vec();
    assert_eq!(row.len(), 2 * (4 + 1));
    assert_eq!(row[row.len() - 1], predictions[2], "row 3's output");
}

#[test]
fn fresh_seeds_come_from_the_browsers_generator() {
    let seeds: Vec<u32> = (0..4).map(|_| Lab::fresh_seed().unwrap()).collect();
    assert!(seeds.windows(2).any(|w| w[0] != w[1]), "{seeds:?}");
}

#[test]
fn a_question_runs_forward_as_a_row_would() {
    let mut lab = xor();
    lab.run(25).unwrap();
    // Row 3 of XOR is (1, 0): asked as a question, the same values.
    let row = lab.forward_row(2).unwrap().to_vec();
    let asked = lab.forward_input(&[1.0, 0.0]).unwrap().to_vec();
    assert_eq!(asked, row);
    assert!(message(lab.forward_input(&[1.0]).err().unwrap())
        .contains("the network has 2 inputs, and the question 1"));
    assert!(message(lab.forward_input(&[1.0, f64::NAN]).err().unwrap())
        .contains("x2 of the question is not a finite number"));
}

#[test]
fn refusals_a_learner_meets_carry_a_code_beside_the_english() {
    let e = Lab::csv_data("a,b\n1,x", vec![1], false).err().unwrap();
    assert_eq!(code(&e), "csv.not-a-number");
    let values = js_sys::Reflect::get(&e, &"values".into()).unwrap();
    let line = js_sys::Reflect::get(&values, &"line".into()).unwrap();
    assert_eq!(line.as_string().as_deref(), Some("2"));
    assert_eq!(message(e), "line 2, column 2: \"x\" is not a number");
    let e = Lab::expression_table("a + b").err().unwrap();
    assert_eq!(code(&e), "expr.cannot-read");
    let mut config: serde_json::Value = serde_json::from_str(&xor_config()).unwrap();
    config["activations"] = serde_json::json!(["sigmoid", "softmax"]);
    let e = Lab::new(&config.to_string()).err().unwrap();
    assert_eq!(code(&e), "config.softmax-outputs");
    let e = Lab::new("{").err().unwrap();
    assert_eq!(code(&e), "json.not-json");
    // An error without words has no code: the page shows its English.
    let mut lab = Lab::new(&xor_config()).unwrap();
    assert_eq!(code(&lab.forward_input(&[1.0]).err().unwrap()), "");
}
