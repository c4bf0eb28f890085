//! The trainer's behaviour: counters, reset, modes, stop_loss, divergence, history.

mod common;

use backprop_lab::train::history::CAPACITY;
use backprop_lab::{preset, TrainError, Trainer};
use common::trainer;
use serde_json::json;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn xor_with(update: serde_json::Value) -> Trainer {
    let mut value = backprop_lab::config::presets::preset_value("xor").unwrap();
    value["update"] = update;
    trainer(value)
}

#[test]
fn reset_gives_the_same_numbers_again() {
    let mut t = Trainer::new(preset("xor").unwrap());
    let first_loss = t.loss();
    let first_weights = t.network().params().to_vec();
    t.run(250).unwrap();
    let trained = (t.network().params().to_vec(), t.loss());
    t.reset();
    assert_eq!(t.iterations(), 0);
    assert_eq!(t.history().len(), 1);
    assert_eq!(t.loss().to_bits(), first_loss.to_bits());
    assert_eq!(t.network().params(), first_weights);
    t.run(250).unwrap();
    assert_eq!(t.network().params(), trained.0);
    assert_eq!(t.loss().to_bits(), trained.1.to_bits());
}

#[test]
fn a_step_is_one_update_and_lowers_the_xor_loss() {
    let mut t = Trainer::new(preset("xor").unwrap());
    let before = t.loss();
    t.step().unwrap();
    assert_eq!(t.iterations(), 1);
    assert_eq!(t.epochs(), 1);
    assert!(t.loss() < before);
    t.run(20_000).unwrap();
    assert!(t.loss() < 0.01, "xor should be learnt, loss {}", t.loss());
    for (x, y) in [
        ([0.0, 0.0], 0.0),
        ([0.0, 1.0], 1.0),
        ([1.0, 0.0], 1.0),
        ([1.0, 1.0], 0.0),
    ] {
        assert!((t.network().predict(&x)[0] - y).abs() < 0.2);
    }
}

#[test]
fn online_and_minibatch_count_epochs_over_all_rows() {
    let mut online = xor_with(json!({"mode": "online"}));
    assert_eq!(online.iterations_per_epoch(), 4);
    let rows: Vec<_> = (0..5)
        .map(|_| {
            let r = online.next_rows();
            online.step().unwrap();
            r
        })
        .collect();
    assert_eq!(rows, [0..1, 1..2, 2..3, 3..4, 0..1]);
    assert_eq!(online.epochs(), 1);
    assert_eq!(online.epoch().unwrap(), 4);
    assert_eq!((online.iterations(), online.epochs()), (9, 2));

    let mut mini = xor_with(json!({"mode": "minibatch", "size": 3}));
    assert_eq!(mini.iterations_per_epoch(), 2);
    assert_eq!(mini.next_rows(), 0..3);
    mini.step().unwrap();
    assert_eq!(mini.next_rows(), 3..4);
    mini.epoch().unwrap();
    assert_eq!((mini.iterations(), mini.epochs()), (3, 1));
}

#[test]
fn the_reported_loss_covers_all_rows_in_every_mode() {
    // After identical weights, the reported loss must not depend on the mode.
    let mut batch = xor_with(json!({"mode": "batch"}));
    let mut online = xor_with(json!({"mode": "online"}));
    let mut mini = xor_with(json!({"mode": "minibatch", "size": 3}));
    let loss = batch.loss();
    assert_eq!(online.loss().to_bits(), loss.to_bits());
    assert_eq!(mini.loss().to_bits(), loss.to_bits());
}

#[test]
fn run_stops_at_stop_loss() {
    let mut value = backprop_lab::config::presets::preset_value("xor").unwrap();
    value["stop_loss"] = json!(0.1);
    let mut t = trainer(value);
    let run = t.run(1_000_000).unwrap();
    assert!(run.reached_stop_loss);
    assert!(run.iterations < 1_000_000);
    assert!(t.loss() <= 0.1);
    // The iteration before was still above it.
    let mut again = Trainer::new(t.config().clone());
    again.run(run.iterations - 1).unwrap();
    assert!(again.loss() > 0.1);
}

#[test]
fn the_ludo_preset_reaches_its_stop_loss() {
    let mut t = Trainer::new(preset("ludo-xor").unwrap());
    let run = t.run(2_000_000).unwrap();
    assert!(run.reached_stop_loss, "loss {}", t.loss());
    assert!(t.loss() <= 1e-5);
}

#[test]
fn divergence_stops_training_until_reset() {
    let mut value = backprop_lab::config::presets::preset_value("xor").unwrap();
    value["activations"] = json!("linear");
    value["optimizer"] = json!({"kind": "sgd", "learning_rate": 1e6});
    let mut t = trainer(value);
    let error = t.run(1000).unwrap_err();
    let TrainError::Diverged { iteration } = error else {
        panic!("expected a divergence, got {error}")
    };
    assert!(iteration > 0 && iteration < 1000);
    assert_eq!(t.diverged(), Some(iteration));
    assert!(error.to_string().contains("smaller learning rate"));
    assert_eq!(t.step(), Err(error));
    assert!(t.trace().is_err());
    t.reset();
    assert_eq!(t.diverged(), None);
    assert!(t.loss().is_finite());
    t.step().unwrap();
}

#[test]
fn history_stays_bounded_over_millions_of_iterations() {
    let mut t = Trainer::new(preset("xor").unwrap());
    t.run(2_500_000).unwrap();
    let h = t.history();
    assert!(h.len() <= CAPACITY);
    assert!(h.len() > CAPACITY / 2);
    assert_eq!(h.epochs()[0], 0.0);
    let stride = h.epochs()[1] - h.epochs()[0];
    assert!(h.epochs().windows(2).all(|w| w[1] - w[0] == stride));
    assert!(
        h.losses().windows(2).all(|w| w[1] <= w[0]),
        "xor's batch loss falls"
    );
}

#[test]
fn history_has_one_point_per_epoch_in_every_mode() {
    let mut online = xor_with(json!({"mode": "online"}));
    online.run(40).unwrap();
    assert_eq!(
        online.history().epochs(),
        (0..=10).map(f64::from).collect::<Vec<_>>()
    );
    // A point of an online epoch is the loss of each row as the epoch met it.
    let last = *online.history().losses().last().unwrap();
    let mut replay = xor_with(json!({"mode": "online"}));
    replay.run(36).unwrap();
    let mut met = 0.0;
    for _ in 0..4 {
        met += replay.trace().unwrap().rows_loss;
        replay.step().unwrap();
    }
    assert!((last - met).abs() <= 1e-15 * met, "{last} vs {met}");
    assert_ne!(last, online.loss(), "not the loss after the epoch");

    // In batch mode a point is the reported loss after the epoch's update.
    let mut batch = xor_with(json!({"mode": "batch"}));
    batch.run(7).unwrap();
    let last = *batch.history().losses().last().unwrap();
    assert_eq!(last.to_bits(), batch.loss().to_bits());
}

#[test]
fn tuning_the_optimizer_keeps_the_weights_and_anything_else_resets() {
    let mut t = Trainer::new(preset("xor").unwrap());
    t.run(100).unwrap();
    let weights = t.network().params().to_vec();

    let mut value = t.config().to_value();
    value["optimizer"] = json!({"kind": "adam", "learning_rate": 0.05});
    value["l2"] = json!(0.001);
    assert!(t.set_config(common::config(value.clone())));
    assert_eq!(t.iterations(), 100);
    assert_eq!(t.network().params(), weights);
    t.step().unwrap();
    // The step used Adam from a fresh state, with the l2 term.
    let mut by_hand = Trainer::new(preset("xor").unwrap());
    by_hand.run(100).unwrap();
    let grads = by_hand.gradients().to_vec();
    let mut params = weights.clone();
    let adam = backprop_lab::Optimizer::Adam {
        learning_rate: 0.05,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
    };
    let mut state = backprop_lab::nn::optimizer::OptimizerState::new(&adam, params.len());
    let with_l2: Vec<f64> = {
        let mut g = grads.clone();
        for layer in by_hand.network().layers() {
            for i in layer.weight_range() {
                g[i] += 0.001 * weights[i];
            }
        }
        g
    };
    adam.update(&mut state, &mut params, &with_l2);
    for (a, b) in t.network().params().iter().zip(&params) {
        assert!((a - b).abs() < 1e-15);
    }

    value["seed"] = json!(2);
    assert!(!t.set_config(common::config(value)));
    assert_eq!(t.iterations(), 0);
    assert_ne!(t.network().params(), weights);
}

#[test]
fn the_iteration_count_stops_at_2_to_the_53() {
    use backprop_lab::train::trainer::MAX_ITERATIONS;
    let mut t = trainer(backprop_lab::config::presets::preset_value("xor").unwrap());
    t.load(MAX_ITERATIONS - 1, None, None);
    t.step().unwrap();
    assert_eq!(t.iterations(), MAX_ITERATIONS);
    let error = t.step().unwrap_err();
    assert_eq!(error, TrainError::CountExhausted);
    assert!(error.to_string().contains("reset"), "{error}");
    assert_eq!(t.iterations(), MAX_ITERATIONS, "nothing changed");
    t.reset();
    t.step().unwrap();
}
