//! Rows held out for testing: their loss is recorded beside the training
//! loss, they follow the trainer through tuning and time travel, and new
//! data or other widths drop or refuse them.

use backprop_lab::data::points::{Generator, Settings};
use backprop_lab::{preset, Dataset, Trainer};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn circle() -> (Trainer, Dataset) {
    let set = Settings {
        generator: Generator::Circle,
        points: 200,
        noise: 0.0,
        test_share: 0.5,
        seed: 1,
    }
    .generate()
    .unwrap();
    let t = Trainer::new(preset("circle").unwrap());
    assert_eq!(
        t.config().data().input_rows(),
        set.train_inputs,
        "the preset is the page's default set"
    );
    (
        t,
        Dataset::checked(&set.test_inputs, &set.test_targets).unwrap(),
    )
}

#[test]
fn the_test_loss_is_recorded_each_kept_epoch_and_falls_as_the_circle_is_learned() {
    let (mut t, test) = circle();
    t.keep_snapshots();
    t.set_test_data(Some(test)).unwrap();
    let first = t.test_loss().unwrap();
    for _ in 0..60 {
        t.epoch().unwrap();
    }
    assert_eq!(t.test_history().len(), t.history().len());
    assert_eq!(t.test_history().epochs(), t.history().epochs());
    assert!(
        t.test_loss().unwrap() < 0.5 * first,
        "{} vs {first}",
        t.test_loss().unwrap()
    );
    // Time travel takes the test history back too.
    t.restore(20).unwrap();
    assert_eq!(t.test_history().len(), 21);
}

#[test]
fn test_rows_follow_tuning_and_go_with_new_data() {
    let (mut t, test) = circle();
    t.set_test_data(Some(test.clone())).unwrap();
    let mut tuned = t.config().to_value();
    tuned["l2"] = serde_json::json!(0.01);
    assert!(t.set_config(backprop_lab::Config::from_value(&tuned).unwrap()));
    assert!(t.test_data().is_some());
    let mut wider = t.config().to_value();
    wider["layers"] = serde_json::json!([2, 4, 1]);
    wider["activations"] = serde_json::json!(["tanh", "sigmoid"]);
    t.set_config(backprop_lab::Config::from_value(&wider).unwrap());
    assert!(t.test_data().is_some(), "same data, another network: kept");
    let xor = preset("xor").unwrap();
    t.set_config(xor);
    assert!(t.test_data().is_none(), "new data drops the test rows");
    assert!(t.test_loss().is_none());
}

#[test]
fn rows_of_other_widths_are_refused() {
    let mut t = Trainer::new(preset("xor").unwrap());
    let three = Dataset::checked(&[vec![0.0, 1.0, 0.0]], &[vec![1.0]]).unwrap();
    assert!(t
        .set_test_data(Some(three))
        .unwrap_err()
        .contains("3 inputs"));
    assert!(t.test_data().is_none());
    assert!(Dataset::checked(&[vec![0.0]], &[]).is_err());
    assert!(Dataset::checked(&[vec![0.0], vec![1.0, 2.0]], &[vec![1.0], vec![0.0]]).is_err());
    assert!(Dataset::checked(&[vec![f64::NAN]], &[vec![1.0]]).is_err());
}
