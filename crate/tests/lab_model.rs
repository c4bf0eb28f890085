//! A model-based test of the `Lab` as JavaScript drives it: random sequences
//! of what the page does (resize, edit cells, add and remove rows, tune, step,
//! run, reset, hand-edit, go back, import, inspect) against a small model of
//! what must hold after each call: no panic (a panic aborts the wasm test),
//! errors as values with a message, a refused call changes nothing, the
//! iteration count moves as the call says, and the loss shown is a number
//! unless training says it diverged.
//!
//! 300 sequences of 40 calls in `npm test`; a longer run:
//! `LAB_MODEL_SEQUENCES=3000 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//!  cargo test --release --target wasm32-unknown-unknown -p backprop-lab --test lab_model`
#![cfg(target_arch = "wasm32")]

mod common;

use backprop_lab::wasm::Lab;
use common::message;
use serde_json::{json, Value};
use wasm_bindgen_test::wasm_bindgen_test as test;

const CALLS: usize = 40;

/// The run as the page saves it (Export JSON's text).
fn saved(lab: &Lab) -> String {
    String::from_utf8(lab.export_as("json", None).unwrap()).unwrap()
}

fn sequences() -> u64 {
    option_env!("LAB_MODEL_SEQUENCES")
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

/// xorshift64*: each sequence is reproducible from its number.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

/// What the model knows of the lab between calls.
struct Model {
    config: Value,
    iteration: f64,
    diverged: bool,
}

/// The outcome the model expects of a config edit.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Expect {
    Accepted,
    Refused,
    /// Either, by rules the model does not repeat (a zero learning rate…).
    Either,
}

impl Expect {
    fn valid_if(valid: bool) -> Expect {
        if valid {
            Expect::Accepted
        } else {
            Expect::Refused
        }
    }
}

struct Run<'a> {
    lab: Lab,
    model: Model,
    random: &'a mut Random,
    log: Vec<String>,
}

impl Run<'_> {
    fn fail(&self, what: &str) -> ! {
        panic!("{what}\ncalls:\n  {}", self.log.join("\n  "));
    }

    /// Offers an edited config; checks the outcome and that a refusal changed nothing.
    fn offer(&mut self, config: Value, expect: Expect) {
        let before = saved(&self.lab);
        match self.lab.set_config(&config.to_string()) {
            Ok(kept) => {
                if expect == Expect::Refused {
                    self.fail(&format!("accepted {config}"));
                }
                let accepted: Value = serde_json::from_str(&self.lab.config()).unwrap();
                if kept {
                    if self.lab.counters()[0] != self.model.iteration {
                        self.fail("kept the weights but moved the iteration");
                    }
                } else {
                    self.model.iteration = 0.0;
                    self.model.diverged = false;
                }
                self.model.config = accepted;
            }
            Err(e) => {
                let m = message(e);
                if expect == Expect::Accepted {
                    self.fail(&format!("refused {config}: {m}"));
                }
                if m.is_empty() || saved(&self.lab) != before {
                    self.fail(&format!("a refusal ({m}) changed the lab or said nothing"));
                }
            }
        }
    }

    /// Steps, epochs and runs: the iteration moves by `by` unless training diverges.
    fn train(&mut self, by: f64, result: Result<(), wasm_bindgen::JsValue>) {
        match result {
            Ok(()) => {
                if self.model.diverged {
                    self.fail("trained on after diverging");
                }
                self.model.iteration += by;
            }
            Err(e) => {
                let m = message(e);
                if !m.contains("diverged") {
                    self.fail(&format!("training failed: {m}"));
                }
                if self.lab.counters()[5].is_nan() {
                    self.fail("an error without divergence");
                }
                self.model.diverged = true;
                self.model.iteration = self.lab.counters()[0];
            }
        }
    }

    fn call(&mut self) {
        let mut config = self.model.config.clone();
        let rows = config["data"]["inputs"].as_array().unwrap().len();
        let inputs = config["layers"][0].as_u64().unwrap() as usize;
        let outputs = config["data"]["targets"][0].as_array().unwrap().len();
        match self.random.below(13) {
            0 => {
                let hidden: Vec<u64> = (0..self.random.below(4))
                    .map(|_| self.random.pick(&[0, 1, 2, 3, 5, 8, 65]))
                    .collect();
                self.log.push(format!("resize hidden {hidden:?}"));
                let valid = hidden.iter().all(|&n| (1..=64).contains(&n));
                let mut layers = vec![json!(inputs)];
                layers.extend(hidden.iter().map(|&n| json!(n)));
                layers.push(config["layers"].as_array().unwrap().last().unwrap().clone());
                let count = layers.len();
                config["layers"] = json!(layers);
                config["activations"] = json!(vec!["sigmoid"; count - 1]);
                self.offer(config, Expect::valid_if(valid));
            }
            1 | 2 => {
                let (r, c) = (self.random.below(rows), self.random.below(inputs));
                let value = self.random.pick(&[
                    json!(0),
                    json!(1),
                    json!(-2.5),
                    json!(1e6),
                    json!("x"),
                    json!(null),
                ]);
                self.log
                    .push(format!("edit x{} of row {} = {value}", c + 1, r + 1));
                let valid = value.is_number();
                config["data"]["inputs"][r][c] = value;
                self.offer(config, Expect::valid_if(valid));
            }
            3 => {
                let cross_entropy = config["loss"] == "cross_entropy";
                let (r, c) = (self.random.below(rows), self.random.below(outputs));
                let value = self.random.pick(&[0.0, 1.0, 0.25, 2.0, -1.0]);
                self.log
                    .push(format!("edit y{} of row {} = {value}", c + 1, r + 1));
                config["data"]["targets"][r][c] = json!(value);
                let valid = !cross_entropy || (0.0..=1.0).contains(&value);
                self.offer(config, Expect::valid_if(valid));
            }
            4 => {
                let add = self.random.below(2) == 0;
                self.log
                    .push(if add { "add row" } else { "remove row" }.into());
                let data = &mut config["data"];
                if add {
                    let row: Vec<u64> = (0..inputs).map(|_| self.random.below(2) as u64).collect();
                    data["inputs"].as_array_mut().unwrap().push(json!(row));
                    let target: Vec<u64> =
                        (0..outputs).map(|_| self.random.below(2) as u64).collect();
                    data["targets"].as_array_mut().unwrap().push(json!(target));
                } else {
                    data["inputs"].as_array_mut().unwrap().pop();
                    data["targets"].as_array_mut().unwrap().pop();
                }
                let valid = add || rows > 1;
                self.offer(config, Expect::valid_if(valid));
            }
            5 => {
                let (rate, expect) = self.random.pick(&[
                    (json!(0.5), Expect::Accepted),
                    (json!(5), Expect::Accepted),
                    (json!(1e6), Expect::Accepted),
                    (json!(1e308), Expect::Either),
                    (json!(0), Expect::Either),
                    (json!(-1), Expect::Refused),
                    (json!("fast"), Expect::Refused),
                ]);
                let loss = self.random.pick(&["sse", "mse", "cross_entropy"]);
                self.log.push(format!("learning rate {rate}, loss {loss}"));
                config["optimizer"]["learning_rate"] = rate;
                config["loss"] = json!(loss);
                let targets_in_range = config["data"]["targets"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|t| t.as_array().unwrap())
                    .all(|t| (0.0..=1.0).contains(&t.as_f64().unwrap()));
                let expect = if loss == "cross_entropy" && !targets_in_range {
                    Expect::Refused
                } else {
                    expect
                };
                self.offer(config, expect);
            }
            6 => {
                self.log.push("step".into());
                let r = self.lab.step();
                self.train(1.0, r);
            }
            7 => {
                self.log.push("step epoch".into());
                let r = self.lab.step_epoch();
                self.train(1.0, r);
            }
            8 => {
                let n = 1 + self.random.below(60) as u32;
                self.log.push(format!("run {n}"));
                let r = self.lab.run(n).map(|ran| {
                    assert_eq!(ran, n, "no stop_loss: every iteration runs");
                });
                self.train(n as f64, r);
            }
            9 => {
                self.log.push("reset".into());
                self.lab.reset();
                self.model.iteration = 0.0;
                self.model.diverged = false;
                let fresh = Lab::new(&self.lab.config()).unwrap().loss();
                if self.lab.loss().to_bits() != fresh.to_bits() {
                    self.fail("reset is not the seed's network");
                }
            }
            10 => {
                let len = self.lab.params().length();
                let index = self.random.below(len as usize + 3) as u32;
                let value = self
                    .random
                    .pick(&[0.5, -3.0, f64::NAN, f64::INFINITY, 1e300]);
                self.log.push(format!("set parameter {index} = {value}"));
                let before = saved(&self.lab);
                match self.lab.set_param(index, value) {
                    Ok(()) if index < len && value.is_finite() => {}
                    Ok(()) => self.fail("accepted a bad parameter"),
                    Err(e) => {
                        if index < len && value.is_finite()
                            || message(e).is_empty()
                            || saved(&self.lab) != before
                        {
                            self.fail("refused a good parameter, or changed the lab");
                        }
                    }
                }
            }
            11 => {
                let epoch = self.random.below(self.model.iteration as usize + 3) as f64;
                self.log.push(format!("go back to epoch {epoch}"));
                let before = saved(&self.lab);
                match self.lab.restore(epoch) {
                    Ok(at) => {
                        if at > epoch || at > self.model.iteration {
                            self.fail(&format!("went to epoch {at}"));
                        }
                        // Full batch: an epoch is an iteration.
                        self.model.iteration = self.lab.counters()[0];
                        self.model.diverged = false;
                        if self.lab.counters()[1] != at {
                            self.fail("restored epoch and epoch count differ");
                        }
                    }
                    Err(e) => {
                        if message(e).is_empty() || saved(&self.lab) != before {
                            self.fail("a refused restore changed the lab");
                        }
                    }
                }
            }
            _ => {
                // Import: the run as a file into a fresh lab (exact), and a damaged file (refused or read).
                self.log.push("export and import".into());
                let file = saved(&self.lab);
                let mut other = Lab::new(&backprop_lab::preset("and").unwrap().to_json()).unwrap();
                other.load_saved(&file).unwrap();
                // A diverged run saves as its config, which opens at the seed.
                let expected = if self.model.diverged {
                    saved(&Lab::new(&self.lab.config()).unwrap())
                } else {
                    file.clone()
                };
                if saved(&other) != expected {
                    self.fail("an imported run differs");
                }
                let mut damaged: Value = serde_json::from_str(&file).unwrap();
                let key = self.random.pick(&[
                    "weights",
                    "optimizer_state",
                    "iteration",
                    "layers",
                    "data",
                ]);
                damaged[key] =
                    self.random
                        .pick(&[json!(null), json!([1, 2]), json!("x"), json!(-1)]);
                let before = saved(&other);
                if let Err(e) = other.load_saved(&damaged.to_string()) {
                    if message(e).is_empty() || saved(&other) != before {
                        self.fail("a refused import changed the lab");
                    }
                }
                // What the inspector reads.
                let _ = self.lab.trace();
                let _ = self.lab.gradient_check();
                let _ = self.lab.fit(false);
                let _ = self.lab.predict(0, 1_000);
            }
        }
        self.check();
    }

    /// What holds after every call.
    fn check(&mut self) {
        if self.lab.counters()[0] != self.model.iteration {
            self.fail(&format!(
                "iteration {} where the model has {}",
                self.lab.counters()[0],
                self.model.iteration
            ));
        }
        if !self.lab.counters()[5].is_nan() != self.model.diverged {
            self.fail("divergence differs from the model");
        }
        let loss = self.lab.loss();
        if !self.model.diverged && !loss.is_finite() {
            self.fail(&format!("the loss shown is {loss} without a divergence"));
        }
        let config: Value = serde_json::from_str(&self.lab.config()).unwrap();
        if config != self.model.config {
            self.fail("the config differs from the last accepted one");
        }
    }
}

#[test]
fn random_call_sequences_keep_the_model() {
    for n in 0..sequences() {
        let mut random =
            Random(0x9e37_79b9_7f4a_7c15 ^ (n + 1).wrapping_mul(0xbf58_476d_1ce4_e5b9));
        let preset = random.pick(&["xor", "and", "full-adder", "parity-3"]);
        let lab = Lab::new(&backprop_lab::preset(preset).unwrap().to_json()).unwrap();
        let config = serde_json::from_str(&lab.config()).unwrap();
        let mut run = Run {
            lab,
            model: Model {
                config,
                iteration: 0.0,
                diverged: false,
            },
            random: &mut random,
            log: vec![format!("sequence {n}: {preset}")],
        };
        for _ in 0..CALLS {
            run.call();
        }
    }
}
