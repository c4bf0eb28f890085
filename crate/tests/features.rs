//! Input features (docs/numerics.md, `features`): the network sees the
//! chosen features of each row's x1, x2, and nothing else changes: training
//! on them is training on a table of those columns, bit for bit; the config
//! keeps the raw columns; test rows, the plane and questions follow.

use backprop_lab::inspect::readout::Readout;
use backprop_lab::{preset, Config, Dataset, Trainer};
use serde_json::{json, Value};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// The circle preset seeing x1², x2² and sin(x1) (a 3-4-1 network).
fn circle_with_features() -> Value {
    let mut c = preset("circle").unwrap().to_value();
    c["features"] = json!(["x1^2", "x2^2", "sin(x1)"]);
    c["layers"][0] = json!(3);
    c
}

fn seen(row: &[f64]) -> Vec<f64> {
    vec![row[0] * row[0], row[1] * row[1], libm::sin(row[0])]
}

#[test]
fn training_on_features_is_training_on_their_table() {
    let with = circle_with_features();
    let raw: Vec<Vec<f64>> = serde_json::from_value(with["data"]["inputs"].clone()).unwrap();
    let mut table = with.clone();
    table.as_object_mut().unwrap().remove("features");
    table["data"]["inputs"] = json!(raw.iter().map(|r| seen(r)).collect::<Vec<_>>());

    let mut a = Trainer::new(Config::from_value(&with).unwrap());
    let mut b = Trainer::new(Config::from_value(&table).unwrap());
    a.run(200).unwrap();
    b.run(200).unwrap();
    assert_eq!(a.loss().to_bits(), b.loss().to_bits());
    assert_eq!(a.network().params(), b.network().params());
}

#[test]
fn the_config_keeps_the_raw_columns_and_the_list() {
    let with = circle_with_features();
    let config = Config::from_value(&with).unwrap();
    let back = config.to_value();
    assert_eq!(back["features"], json!(["x1^2", "x2^2", "sin(x1)"]));
    assert_eq!(back["data"]["inputs"], with["data"]["inputs"]);
    assert_eq!(Config::from_value(&back).unwrap(), config);
    let first = config.data().input_rows()[0].clone();
    let raw = config.data().raw_input_rows()[0].clone();
    assert_eq!(first, seen(&raw));
    assert!(
        preset("xor").unwrap().to_value().get("features").is_none(),
        "a config without features keeps its bytes"
    );
}

#[test]
fn bad_features_name_the_key_and_change_nothing() {
    let error = |c: Value| Config::from_value(&c).unwrap_err();
    let mut three_columns = preset("xor").unwrap().to_value();
    three_columns["data"]["inputs"] = json!([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]);
    three_columns["layers"][0] = json!(2);
    three_columns["features"] = json!(["x1", "x2"]);
    let e = error(three_columns);
    assert_eq!(e.path, "features");
    assert!(e.message.contains("data.inputs has 3"), "{}", e.message);

    let mut wrong_size = circle_with_features();
    wrong_size["layers"][0] = json!(2);
    let e = error(wrong_size);
    assert_eq!(e.path, "layers[0]");
    assert!(e.message.contains("features lists"), "{}", e.message);

    let mut unknown = circle_with_features();
    unknown["features"] = json!(["x1^2", "cos(x1)", "x1"]);
    assert_eq!(error(unknown).path, "features[1]");
}

#[test]
fn test_rows_the_plane_and_questions_see_the_features() {
    let with = Config::from_value(&circle_with_features()).unwrap();
    let mut t = Trainer::new(with.clone());
    t.run(50).unwrap();
    let raw = vec![vec![0.5, -1.5], vec![2.0, 0.25]];
    let targets = vec![vec![1.0], vec![0.0]];
    t.set_test_data(Some(Dataset::checked(&raw, &targets).unwrap()))
        .unwrap();
    let seen_rows: Vec<Vec<f64>> = raw.iter().map(|r| seen(r)).collect();
    assert_eq!(t.test_data().unwrap().input_rows(), seen_rows);

    // A question is the raw x1, x2; its output is the network's on their features.
    let mut readout = Readout::new(&t);
    let asked = readout.question(&t, &raw[1]).unwrap().to_vec();
    let expected = t.network().predict(&seen_rows[1]);
    assert_eq!(asked[asked.len() - 1], expected[0]);
    assert!(
        readout.question(&t, &seen_rows[1]).is_err(),
        "3 numbers are not x1, x2"
    );

    // The plane's cell centres go through the features too.
    let grid = readout
        .grid(&t, 2, &[-1.0, 1.0, -1.0, 1.0], 0..2)
        .unwrap()
        .to_vec();
    let outputs = &grid[grid.len() - 4..];
    let centres = [[-0.5, 0.5], [0.5, 0.5], [-0.5, -0.5], [0.5, -0.5]];
    for (cell, c) in centres.iter().enumerate() {
        assert_eq!(
            outputs[cell],
            t.network().predict(&seen(c))[0],
            "cell {cell}"
        );
    }
    let maps = readout
        .feature_maps(&t, 2, &[-1.0, 1.0, -1.0, 1.0])
        .unwrap();
    assert_eq!(maps.len(), 3 * 4);
    assert_eq!(maps[8..], centres.map(|c| libm::sin(c[0])));

    // Dropping the features keeps the test rows, seen raw again.
    let mut plain = t.config().to_value();
    plain.as_object_mut().unwrap().remove("features");
    plain["layers"][0] = json!(2);
    t.set_config(Config::from_value(&plain).unwrap());
    assert_eq!(t.test_data().unwrap().input_rows(), raw);
}
