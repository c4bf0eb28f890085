//! Why a run diverged: the iteration that failed, traced again exactly
//! (from the latest snapshot before it, or from the seed), and the layer
//! where it broke: the first layer (input to output) whose gradient is not
//! finite; else the first whose weights the update made not finite; else the
//! one whose weights grew the most in that step, relative to their size.

use crate::inspect::health::rms;
use crate::train::trace::{LayerTrace, Trace};
use crate::Trainer;

/// What went wrong first, in one layer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cause {
    GradientNotFinite,
    WeightsNotFinite,
    /// The weights' update was this many times their size (RMS over RMS).
    GrewFastest(f64),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Explanation {
    /// The iteration that failed (1-based: the run stands after iteration − 1).
    pub iteration: u64,
    /// The weight layer, 1-based (1 = from the inputs).
    pub layer: usize,
    pub cause: Cause,
}

impl Explanation {
    /// What broke, in words: "layer 2's gradient was the first …".
    pub fn sentence(&self) -> String {
        let layer = self.layer;
        let what = match self.cause {
            Cause::GradientNotFinite => {
                format!("layer {layer}'s gradient was the first to stop being a finite number")
            }
            Cause::WeightsNotFinite => {
                format!("layer {layer}'s weights were the first to stop being finite numbers")
            }
            Cause::GrewFastest(ratio) => {
                format!("layer {layer}'s weights grew fastest (the update was {ratio:.3e} times their size)")
            }
        };
        what
    }

    /// The whole message: the iteration, what broke, and what to change.
    pub fn message(&self) -> String {
        format!(
            "training diverged at iteration {}: {}. Try a smaller learning rate (Find a learning rate \
             suggests one), a smaller batch, or a bounded activation (tanh or sigmoid) in place of linear \
             or relu; then reset",
            self.iteration,
            self.sentence()
        )
    }
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl crate::words::Worded for Explanation {
    fn words(&self) -> crate::words::Words {
        use crate::words::Words;
        let (iteration, layer) = (&self.iteration, &self.layer);
        match self.cause {
            Cause::GradientNotFinite => Words::new(
                "engine.diverged-gradient",
                &[("iteration", iteration), ("layer", layer)],
            ),
            Cause::WeightsNotFinite => Words::new(
                "engine.diverged-weights",
                &[("iteration", iteration), ("layer", layer)],
            ),
            Cause::GrewFastest(ratio) => Words::new(
                "engine.diverged-growth",
                &[
                    ("iteration", iteration),
                    ("layer", layer),
                    ("ratio", &format!("{ratio:.3e}")),
                ],
            ),
        }
    }
}

fn finite(rows: &[Vec<f64>]) -> bool {
    rows.iter().flatten().all(|x| x.is_finite())
}

/// How much a layer's weights moved in the step, relative to their size.
fn growth(layer: &LayerTrace) -> f64 {
    let before = || layer.weights_before.iter().flatten().copied();
    let after = layer.weights_after.iter().flatten();
    let moved = rms(before().zip(after).map(|(b, a)| a - b));
    moved / rms(before()).max(f64::MIN_POSITIVE)
}

/// The layer where the traced iteration broke (see the module's rule).
pub fn explain(trace: &Trace) -> Explanation {
    let layers = &trace.layers;
    let gradient_bad =
        |l: &LayerTrace| !finite(&l.grad_weights) || !l.grad_biases.iter().all(|x| x.is_finite());
    let weights_bad =
        |l: &LayerTrace| !finite(&l.weights_after) || !l.biases_after.iter().all(|x| x.is_finite());
    let (layer, cause) = if let Some(l) = layers.iter().position(gradient_bad) {
        (l, Cause::GradientNotFinite)
    } else if let Some(l) = layers.iter().position(weights_bad) {
        (l, Cause::WeightsNotFinite)
    } else {
        let growths: Vec<f64> = layers.iter().map(growth).collect();
        let l = (0..growths.len()).fold(
            0,
            |best, l| if growths[l] > growths[best] { l } else { best },
        );
        (l, Cause::GrewFastest(growths[l]))
    };
    Explanation {
        iteration: trace.iteration + 1,
        layer: layer + 1,
        cause,
    }
}

impl Trainer {
    /// A training error as the page shows it: a divergence with where it
    /// broke (`explain_divergence`), else the error itself.
    pub fn explained(&self, e: crate::TrainError) -> crate::words::Refusal {
        match self.explain_divergence() {
            Some(why) => crate::words::Refusal::of(&why),
            None => crate::words::Refusal::of(&e),
        }
    }

    /// Why the run diverged, when it did: its failed iteration traced again
    /// in a copy, from the latest snapshot before it (the page keeps them)
    /// or from the seed.
    pub fn explain_divergence(&self) -> Option<Explanation> {
        let failed = self.diverged?;
        let before = failed.checked_sub(1)?;
        let mut scratch = self.clone();
        let epoch = before / scratch.iterations_per_epoch();
        if scratch.restore(epoch).is_none() || scratch.iterations() > before {
            scratch.reset();
        }
        scratch.run(before - scratch.iterations()).ok()?;
        Some(explain(&scratch.trace().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::presets::preset;
    use crate::config::Config;
    use serde_json::json;

    fn diverging(activation: &str) -> Trainer {
        let mut value = preset("xor").unwrap().to_value();
        value["activations"] = json!(activation);
        value["optimizer"] = json!({"kind": "sgd", "learning_rate": 1e6});
        Trainer::new(Config::from_value(&value).unwrap())
    }

    #[test]
    fn a_diverged_run_names_its_failed_iteration_and_a_layer_as_its_trace_shows() {
        for keep in [false, true] {
            let mut t = diverging("linear");
            if keep {
                t.keep_snapshots();
            }
            let err = t.run(10_000).unwrap_err();
            let failed = t.diverged().unwrap();
            assert!(err.to_string().contains(&failed.to_string()));
            let why = t.explain_divergence().unwrap();
            assert_eq!(why.iteration, failed);
            // The same iteration traced from a fresh run of the same config.
            let mut fresh = Trainer::new(t.config().clone());
            fresh.run(failed - 1).unwrap();
            assert_eq!(explain(&fresh.trace().unwrap()), why);
            assert!(why.sentence().contains(&format!("layer {}", why.layer)));
            assert!(why
                .message()
                .contains(&format!("diverged at iteration {failed}: layer")));
        }
    }

    #[test]
    fn a_run_that_has_not_diverged_has_nothing_to_explain() {
        let mut t = Trainer::new(preset("xor").unwrap());
        t.run(10).unwrap();
        assert_eq!(t.explain_divergence(), None);
    }
}
