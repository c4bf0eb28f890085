//! docs/numerics.md's reference figures: the seed programs' numbers, reproduced.

use backprop_lab::math::rng::Mt19937;
use backprop_lab::{preset, Trainer};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn assert_relative(got: f64, want: f64, what: &str) {
    let error = (got - want).abs() / want.abs();
    assert!(
        error <= 1e-9,
        "{what}: got {got}, want {want} (relative error {error:e})"
    );
}

#[test]
fn first_draws_of_the_generator() {
    let mut rng = Mt19937::new(1);
    assert_eq!(rng.next_f64(), 0.417022004702574);
    assert_eq!(rng.next_f64(), 0.7203244934421581);
}

#[test]
fn single_neuron_after_10000_iterations() {
    let mut trainer = Trainer::new(preset("siraj-neuron").unwrap());
    assert_eq!(
        trainer.network().weights(0),
        [-0.165955990594852, 0.4406489868843162, -0.9997712503653102]
    );
    let run = trainer.run(10_000).unwrap();
    assert_eq!(run.iterations, 10_000);
    let want = [9.672993027736892, -0.20784349926631962, -4.62963668773159];
    for (got, want) in trainer.network().weights(0).iter().zip(want) {
        assert_relative(*got, want, "weight");
    }
    let answer = trainer.network().predict(&[1.0, 0.0, 0.0])[0];
    assert_relative(answer, 0.9999370428352157, "prediction for [1, 0, 0]");
    assert_eq!(format!("{answer:.8}"), "0.99993704");
}

/// The seed's three-layer program, run with NumPy 2.4 by
/// `python3 scripts/seed_reference.py`, which prints these figures.
#[test]
fn three_layer_challenge_after_10000_iterations() {
    let mut trainer = Trainer::new(preset("three-layer-challenge").unwrap());
    trainer.run(1).unwrap();
    assert_relative(trainer.loss(), 0.51925756740982, "loss after 1");
    trainer.run(4).unwrap();
    assert_relative(trainer.loss(), 0.5070162915759382, "loss after 5");
    trainer.run(9_995).unwrap();
    let w1 = [
        -0.3904271675407151,
        4.022205428007788,
        -1.5232252282208643,
        2.4045171665699576,
        -2.7717763217145106,
        -0.8681790387229883,
        -0.33659722620984217,
        -0.2455779964949858,
        -0.31292607603443573,
        0.26079732907707076,
        -0.006005912159224831,
        -1.6904681699453301,
        0.12647375003052128,
        -0.7936745493414479,
        1.0461399951637165,
    ];
    let w2 = [
        0.961437497358391,
        -0.15372521069928916,
        -0.6770307570894499,
        -0.004984858627830303,
        -2.771405797993812,
        0.7736278723200812,
        2.7163835305910475,
        -2.424922499541867,
        1.8855004390190266,
        0.7071734629136447,
        -0.7172936572014416,
        0.7730995012064718,
        -1.5947337165760327,
        -0.557565710843504,
        1.2322196538795032,
        -1.2869518529328074,
        1.9223257846868946,
        0.8607752291082945,
        -2.1367686581246064,
        2.5423824742532903,
    ];
    let w3 = [
        -4.392068997230729,
        0.6656325582772528,
        5.762802118770498,
        -3.889364241551523,
    ];
    for (l, want) in [&w1[..], &w2[..], &w3[..]].into_iter().enumerate() {
        let got = trainer.network().weights(l);
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert_relative(*g, *w, &format!("layer {} weight", l + 1));
        }
    }
    assert_relative(trainer.loss(), 3.755049364234109e-05, "loss after 10,000");
    let answer = trainer.network().predict(&[1.0, 0.0, 0.0])[0];
    assert_relative(answer, 0.9965083846955584, "prediction for [1, 0, 0]");
}
