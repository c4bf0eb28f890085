//! Time travel and hand edits: restoring an epoch's snapshot gives that
//! epoch's numbers, training on repeats the original run, and a parameter set
//! by hand changes the loss as the engine computes it.

mod common;

use backprop_lab::math::rng::Mt19937;
use backprop_lab::{preset, Trainer};
use common::{random_config, trainer, Kind};
use serde_json::json;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// The reported loss and the parameters after each of `epochs` epochs.
fn run(t: &mut Trainer, epochs: usize) -> Vec<(u64, Vec<f64>)> {
    (0..epochs)
        .map(|_| {
            t.epoch().unwrap();
            (t.loss().to_bits(), t.network().params().to_vec())
        })
        .collect()
}

#[test]
fn restoring_an_epoch_gives_its_numbers_and_training_on_repeats_the_run() {
    let mut rng = Mt19937::new(21);
    for update in [
        json!({"mode": "batch"}),
        json!({"mode": "online"}),
        json!({"mode": "minibatch", "size": 3}),
    ] {
        for optimizer in [
            json!({"kind": "sgd", "learning_rate": 0.3}),
            json!({"kind": "momentum", "learning_rate": 0.1, "momentum": 0.8}),
            json!({"kind": "adam", "learning_rate": 0.02}),
        ] {
            let kind = Kind {
                hidden: "tanh",
                output: "sigmoid",
                loss: "mse",
                bias: true,
                l2: 0.0,
                update: update.clone(),
                optimizer,
            };
            let value = random_config(&mut rng, &kind);
            let mut t = trainer(value.clone());
            t.keep_snapshots();
            let original = run(&mut t, 40);
            let history_len = t.history().epochs().len();
            for epoch in [25u64, 7, 0] {
                assert_eq!(t.restore(epoch), Some(epoch), "{value}");
                assert_eq!(t.epochs(), epoch);
                let at = if epoch == 0 {
                    None
                } else {
                    Some(&original[epoch as usize - 1])
                };
                if let Some((loss, params)) = at {
                    assert_eq!(t.loss().to_bits(), *loss, "{value} epoch {epoch}");
                    assert_eq!(t.network().params(), &params[..]);
                }
                assert_eq!(t.history().epochs().len(), epoch as usize + 1);
                let again = run(&mut t, 40 - epoch as usize);
                assert_eq!(again, original[epoch as usize..], "{value} from {epoch}");
                assert_eq!(t.history().epochs().len(), history_len);
            }
        }
    }
}

#[test]
fn a_long_run_keeps_its_snapshots_spread_and_restores_the_nearest() {
    let mut t = Trainer::new(preset("xor").unwrap());
    t.keep_snapshots();
    t.run(10_000).unwrap();
    let epochs = t.snapshot_epochs();
    assert!(epochs.len() <= backprop_lab::train::snapshots::MAX_COUNT);
    assert_eq!(epochs[0], 0);
    let wanted = 5_001;
    let restored = t.restore(wanted).unwrap();
    assert!(restored <= wanted && wanted - restored < epochs[1] - epochs[0] + 1);
    assert_eq!(t.iterations(), restored);
}

#[test]
fn without_snapshots_there_is_nothing_to_restore() {
    let mut t = Trainer::new(preset("xor").unwrap());
    t.run(10).unwrap();
    assert_eq!(t.restore(3), None);
    assert_eq!(t.iterations(), 10);
}

#[test]
fn restoring_ends_a_divergence() {
    let mut value: serde_json::Value =
        serde_json::from_str(&preset("xor").unwrap().to_json()).unwrap();
    value["activations"] = json!("linear");
    value["optimizer"] = json!({"kind": "sgd", "learning_rate": 1e6});
    let mut t = trainer(value);
    t.keep_snapshots();
    assert!(t.run(1000).is_err());
    assert_eq!(t.restore(0), Some(0));
    assert!(t.diverged().is_none());
    assert!(t.loss().is_finite());
}

#[test]
fn a_parameter_set_by_hand_changes_the_loss_and_setting_it_back_restores_it() {
    let mut t = Trainer::new(preset("xor").unwrap());
    t.run(100).unwrap();
    let loss = t.loss();
    let old = t.network().params()[2];
    t.set_param(2, old + 0.5).unwrap();
    assert!(t.hand_edited());
    assert_ne!(t.loss(), loss);
    assert_eq!(t.network().params()[2], old + 0.5);
    // The loss is the engine's for those weights: a fresh trainer given the
    // same parameters one by one agrees bit for bit.
    let mut fresh = Trainer::new(preset("xor").unwrap());
    for (i, &p) in t.network().params().to_vec().iter().enumerate() {
        fresh.set_param(i, p).unwrap();
    }
    assert_eq!(fresh.loss().to_bits(), t.loss().to_bits());
    t.set_param(2, old).unwrap();
    assert_eq!(t.loss().to_bits(), loss.to_bits());
}

#[test]
fn a_bad_hand_edit_is_refused_and_changes_nothing() {
    let mut t = Trainer::new(preset("xor").unwrap());
    let before = t.network().params().to_vec();
    let count = before.len();
    assert!(t
        .set_param(count, 1.0)
        .unwrap_err()
        .contains("does not exist"));
    assert!(t.set_param(0, f64::NAN).unwrap_err().contains("finite"));
    assert!(t.set_param(0, f64::INFINITY).is_err());
    assert_eq!(t.network().params(), &before[..]);
    assert!(!t.hand_edited());
    let mut no_bias: serde_json::Value =
        serde_json::from_str(&preset("siraj-neuron").unwrap().to_json()).unwrap();
    no_bias["bias"] = json!(false);
    let mut t = trainer(no_bias);
    let bias_at = t.network().layers()[0].bias_range().start;
    assert!(t.set_param(bias_at, 1.0).unwrap_err().contains("no biases"));
}
