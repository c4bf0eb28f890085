//! The trace is the step: its numbers, applied, give exactly what `step()` gives.

mod common;

use backprop_lab::config::presets::NAMES;
use backprop_lab::math::rng::Mt19937;
use backprop_lab::{preset, Trainer};
use common::{allowed_combinations, random_config, trainer, Kind};
use serde_json::json;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn flat(rows: &[Vec<f64>]) -> Vec<f64> {
    rows.concat()
}

/// Traces iteration k of `t`, steps, and checks every "after" number bit for bit.
fn check_trace_then_step(t: &mut Trainer, label: &str) {
    let before = t.network().clone();
    let loss_before = t.loss();
    let rows = t.next_rows();
    let trace = t.trace().unwrap();
    assert_eq!(trace.iteration, t.iterations(), "{label}");
    assert_eq!(trace.rows, rows.collect::<Vec<_>>(), "{label}");
    assert_eq!(
        trace.loss_before.to_bits(),
        loss_before.to_bits(),
        "{label}"
    );
    assert_eq!(t.network(), &before, "{label}: trace changed the weights");
    let grads = t.gradients().to_vec();
    assert_eq!(&trace.state_before, t.optimizer_state(), "{label}");
    t.step().unwrap();
    assert_eq!(
        &trace.state_after,
        t.optimizer_state(),
        "{label}: optimizer state"
    );
    let after = t.network();
    for (l, layer) in trace.layers.iter().enumerate() {
        assert_eq!(
            flat(&layer.weights_before),
            before.weights(l),
            "{label} layer {l}"
        );
        assert_eq!(
            flat(&layer.weights_after),
            after.weights(l),
            "{label} layer {l}"
        );
        assert_eq!(layer.biases_before, before.biases(l), "{label} layer {l}");
        assert_eq!(layer.biases_after, after.biases(l), "{label} layer {l}");
        let shape = &before.layers()[l];
        assert_eq!(
            flat(&layer.grad_weights),
            &grads[shape.weight_range()],
            "{label} layer {l}"
        );
        assert_eq!(
            layer.grad_biases,
            &grads[shape.bias_range()],
            "{label} layer {l}"
        );
        assert_eq!(layer.z.len(), trace.rows.len());
        // A hidden δ is f'(z) times what flows back, as the trace shows them.
        if l + 1 < trace.layers.len() {
            for ((d, f), s) in flat(&layer.delta)
                .iter()
                .zip(flat(&layer.fprime))
                .zip(flat(&layer.back_sums))
            {
                assert_eq!(d.to_bits(), (s * f).to_bits(), "{label} layer {l}");
            }
        }
        assert!(layer
            .a
            .iter()
            .chain(&layer.delta)
            .all(|r| r.len() == shape.outputs));
    }
    assert_eq!(
        trace.loss_after.to_bits(),
        t.loss().to_bits(),
        "{label}: loss after"
    );
}

#[test]
fn every_preset_traces_exactly_what_it_steps() {
    for name in NAMES {
        let mut t = trainer(common::any_preset(name));
        for k in 0..6 {
            check_trace_then_step(&mut t, &format!("{name} iteration {k}"));
        }
    }
}

#[test]
fn every_mode_and_optimizer_traces_exactly_what_it_steps() {
    let mut rng = Mt19937::new(11);
    let updates = [
        json!({"mode": "batch"}),
        json!({"mode": "online"}),
        json!({"mode": "minibatch", "size": 3}),
    ];
    let optimizers = [
        json!({"kind": "sgd", "learning_rate": 0.05}),
        json!({"kind": "momentum", "learning_rate": 0.02, "momentum": 0.8}),
        json!({"kind": "adam", "learning_rate": 0.02}),
    ];
    // Every loss with every activation it allows, in every mode, with every optimizer.
    for (hidden, output, loss) in allowed_combinations() {
        for update in &updates {
            for optimizer in &optimizers {
                let kind = Kind {
                    hidden,
                    output,
                    loss,
                    bias: true,
                    l2: 0.01,
                    update: update.clone(),
                    optimizer: optimizer.clone(),
                };
                let value = random_config(&mut rng, &kind);
                let mut t = trainer(value.clone());
                for k in 0..4 {
                    check_trace_then_step(&mut t, &format!("{value} iteration {k}"));
                }
            }
        }
    }
}

#[test]
fn trace_forward_numbers_are_the_layer_formula() {
    // z = a_prev·W + b and a = σ(z), checked by hand for the xor preset's first row.
    let mut t = Trainer::new(preset("xor").unwrap());
    let trace = t.trace().unwrap();
    let net = t.network();
    let x = [0.0, 0.0];
    let w = net.weights(0);
    let b = net.biases(0);
    for j in 0..4 {
        let z = x[0] * w[j] + x[1] * w[4 + j] + b[j];
        assert!((trace.layers[0].z[0][j] - z).abs() < 1e-15);
        let a = 1.0 / (1.0 + (-z).exp());
        assert!((trace.layers[0].a[0][j] - a).abs() < 1e-15);
    }
    // The output delta of sse: (ŷ − y)·ŷ(1 − ŷ), row 1's target is 1.
    let y_hat = trace.layers[1].a[1][0];
    let delta = (y_hat - 1.0) * y_hat * (1.0 - y_hat);
    assert!((trace.layers[1].delta[1][0] - delta).abs() < 1e-15);
}
