//! The learning-rate finder (L. Smith, "Cyclical Learning Rates for Training
//! Neural Networks", 2017): from the current weights, in a copy of the run
//! (the run itself is untouched), one iteration at each of rates growing
//! geometrically from 1e-5 to 10, with the loss over all rows after each.
//! It suggests a tenth of the rate where the loss was lowest: small enough
//! to stay clear of the rates where the loss turns up, large enough to learn.
//! (On a problem as small as XOR the loss may still fall at 10, the net
//! having learned it on the way; a tenth stays the safer rate from scratch.)

use crate::nn::optimizer::Optimizer;
use crate::train::saved::{save, Saved};
use crate::Trainer;

pub const FROM: f64 = 1e-5;
pub const TO: f64 = 10.0;
/// Iterations, one per rate.
pub const STEPS: usize = 200;

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rates tried, and the loss over all rows after the iteration at each.
    pub rates: Vec<f64>,
    pub losses: Vec<f64>,
    /// A tenth of the rate where the loss was lowest (none if no loss was finite).
    pub suggested: Option<f64>,
}

impl Finding {
    /// As the page reads it: `{"rates", "losses", "suggested"}`.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::json!({ "rates": self.rates, "losses": self.losses, "suggested": self.suggested })
    }
}

fn with_rate(optimizer: Optimizer, rate: f64) -> Optimizer {
    match optimizer {
        Optimizer::Sgd { .. } => Optimizer::Sgd {
            learning_rate: rate,
        },
        Optimizer::Momentum { momentum, .. } => Optimizer::Momentum {
            learning_rate: rate,
            momentum,
        },
        Optimizer::Adam {
            beta1,
            beta2,
            epsilon,
            ..
        } => Optimizer::Adam {
            learning_rate: rate,
            beta1,
            beta2,
            epsilon,
        },
    }
}

impl Trainer {
    /// The finder, run in a copy of where this run stands.
    pub fn find_learning_rate(&self) -> Finding {
        let mut scratch = Saved::from_value(&save(self))
            .map_or_else(|_| Trainer::new(self.config.clone()), |s| s.trainer());
        let (mut rates, mut losses) = (Vec::new(), Vec::new());
        let mut best = f64::INFINITY;
        for i in 0..STEPS {
            let rate = FROM * libm::pow(TO / FROM, i as f64 / (STEPS - 1) as f64);
            let mut config = scratch.config.clone();
            config.optimizer = with_rate(config.optimizer, rate);
            scratch.set_config(config);
            let loss = match scratch.step() {
                Ok(()) => scratch.loss(),
                Err(_) => f64::NAN,
            };
            rates.push(rate);
            losses.push(loss);
            // Once the loss is far above its best, or not a number, the rest is divergence.
            if !loss.is_finite() || (i >= 10 && loss > 4.0 * best) {
                break;
            }
            best = best.min(loss);
        }
        let lowest = (0..losses.len())
            .filter(|&i| losses[i].is_finite())
            .min_by(|&a, &b| losses[a].total_cmp(&losses[b]));
        Finding {
            suggested: lowest.map(|i| rates[i] / 10.0),
            rates,
            losses,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::presets::preset;
    use crate::config::Config;

    /// XOR's page network with Adam, where rates from 1e-5 to 10 go from too small to too large.
    fn xor_adam(rate: f64) -> Config {
        let mut config = preset("xor").unwrap();
        config.optimizer = Optimizer::Adam {
            learning_rate: rate,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        };
        config
    }

    fn trained_with(rate: f64) -> f64 {
        let mut t = Trainer::new(xor_adam(rate));
        let _ = t.run(500);
        t.loss()
    }

    #[test]
    fn the_suggested_rate_trains_xor_with_adam_better_than_the_ends_of_the_range() {
        let t = Trainer::new(xor_adam(0.01));
        let finding = t.find_learning_rate();
        let suggested = finding.suggested.unwrap();
        assert!((FROM..=TO).contains(&suggested), "{suggested}");
        let loss = trained_with(suggested);
        assert!(
            loss < trained_with(TO),
            "{suggested}: {loss} vs {}",
            trained_with(TO)
        );
        assert!(
            loss < trained_with(FROM),
            "{suggested}: {loss} vs {}",
            trained_with(FROM)
        );
        // The run itself did not move.
        assert_eq!(t.iterations(), 0);
    }

    #[test]
    fn the_rates_grow_geometrically_and_the_finder_stops_when_the_loss_blows_up() {
        let value = crate::config::presets::preset_value("xor").unwrap();
        let mut t = Trainer::new(Config::from_value(&value).unwrap());
        t.run(3).unwrap();
        let f = t.find_learning_rate();
        assert_eq!(f.rates[0], FROM);
        assert!(f.rates.len() <= STEPS && f.rates.len() == f.losses.len());
        let ratio = f.rates[1] / f.rates[0];
        assert!(f
            .rates
            .windows(2)
            .all(|w| (w[1] / w[0] - ratio).abs() < 1e-9));
        assert_eq!(t.iterations(), 3);
    }
}
