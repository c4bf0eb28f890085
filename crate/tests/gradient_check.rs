//! Backpropagation against central finite differences, for every activation,
//! loss, with and without biases and the l2 term.

mod common;

use backprop_lab::math::rng::Mt19937;
use backprop_lab::train::gradient_check::relative_error;
use backprop_lab::{Activation, Trainer};
use common::{allowed_combinations, random_config, trainer, Kind};
use serde_json::json;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// Whether a relu neuron's z is so near 0 that a finite difference straddles
/// its kink (a dead neuron with zero bias sits exactly on it): there the
/// derivative does not exist and the difference quotient means nothing.
fn near_relu_kink(t: &mut Trainer) -> bool {
    let activations = t.config().activations().to_vec();
    let trace = t.trace().unwrap();
    trace
        .layers
        .iter()
        .zip(activations)
        .any(|(layer, a)| a == Activation::Relu && layer.z.iter().flatten().any(|z| z.abs() < 1e-3))
}

#[test]
fn backprop_matches_finite_differences() {
    let mut rng = Mt19937::new(2024);
    let mut checked = 0;
    let mut worst = 0.0f64;
    let mut redrawn = 0;
    for (hidden, output, loss) in allowed_combinations() {
        for bias in [true, false] {
            for l2 in [0.0, 0.1] {
                for update in [
                    json!({"mode": "batch"}),
                    json!({"mode": "minibatch", "size": 2}),
                ] {
                    // Draw networks of this kind until one has no relu at its kink.
                    let mut tries = 0;
                    let (value, mut t) = loop {
                        let kind = Kind {
                            hidden,
                            output,
                            loss,
                            bias,
                            l2,
                            update: update.clone(),
                            optimizer: json!({"kind": "sgd", "learning_rate": 0.001}),
                        };
                        let value = random_config(&mut rng, &kind);
                        let mut t = trainer(value.clone());
                        t.run(3).unwrap();
                        if !near_relu_kink(&mut t) {
                            break (value, t);
                        }
                        tries += 1;
                        redrawn += 1;
                        assert!(
                            tries < 50,
                            "no kink-free {hidden}/{output} network in 50 draws"
                        );
                    };
                    let numeric = t.numeric_gradients(1e-5);
                    let analytic = t.gradients().to_vec();
                    for (p, (a, n)) in analytic.iter().zip(&numeric).enumerate() {
                        let error = relative_error(*a, *n);
                        worst = worst.max(error);
                        assert!(
                            error < 1e-6,
                            "parameter {p}: backprop {a}, finite difference {n}, error {error:e}\n{value}"
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 3000, "only {checked} parameters checked");
    println!("{checked} parameters, worst relative error {worst:e}, {redrawn} networks redrawn");
}

#[test]
fn biases_of_a_network_without_biases_have_no_gradient() {
    let mut rng = Mt19937::new(5);
    let kind = Kind {
        hidden: "tanh",
        output: "sigmoid",
        loss: "sse",
        bias: false,
        l2: 0.0,
        update: json!({"mode": "batch"}),
        optimizer: json!({"kind": "adam"}),
    };
    let value = random_config(&mut rng, &kind);
    let mut t = trainer(value);
    t.run(5).unwrap();
    let ranges: Vec<_> = t
        .network()
        .layers()
        .iter()
        .map(|l| l.bias_range())
        .collect();
    let grads = t.gradients().to_vec();
    for r in ranges {
        assert!(grads[r.clone()].iter().all(|&g| g == 0.0));
        assert!(t.network().params()[r].iter().all(|&b| b == 0.0));
    }
}

/// L1 beside L2: λ₁·sign(w) in each weight's gradient agrees with central
/// differences of the objective, away from w = 0 where |w| has no derivative.
#[test]
fn the_l1_term_matches_finite_differences() {
    let mut rng = Mt19937::new(11);
    let mut checked = 0;
    for (hidden, output, loss) in allowed_combinations() {
        let kind = Kind {
            hidden,
            output,
            loss,
            bias: true,
            l2: 0.1,
            update: json!({"mode": "batch"}),
            optimizer: json!({"kind": "sgd", "learning_rate": 0.001}),
        };
        let mut value = random_config(&mut rng, &kind);
        value["l1"] = json!(0.05);
        let mut t = trainer(value.clone());
        t.run(3).unwrap();
        if near_relu_kink(&mut t) {
            continue;
        }
        let numeric = t.numeric_gradients(1e-5);
        let analytic = t.gradients().to_vec();
        let params = t.network().params().to_vec();
        for (p, (a, n)) in analytic.iter().zip(&numeric).enumerate() {
            if params[p].abs() < 1e-4 {
                continue;
            }
            let error = relative_error(*a, *n);
            assert!(
                error < 1e-6,
                "parameter {p}: backprop {a}, finite difference {n}, error {error:e}\n{value}"
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} parameters checked");
}
