//! A saved run: docs/numerics.md's config plus where training stood, so that it can
//! go on exactly: `"iteration"` (how many ran), `"weights"` (the layers in
//! the command line's output shape) and `"optimizer_state"` (momentum's
//! velocity or Adam's moments and step count, in the flat parameter layout).
//! Each is optional; errors name the JSON path, as the config's do.

use serde_json::{json, Map, Value};

use crate::config::{Config, ConfigError};
use crate::data::json::{self, Bound};
use crate::nn::optimizer::OptimizerState;
use crate::train::trainer::{Trainer, MAX_ITERATIONS};
use crate::words::Words;

/// The largest file a config or saved run may be (the page's imports and
/// links unpack to at most as much; the command line reads no more).
pub const MAX_FILE_BYTES: usize = 50_000_000;

/// The keys a saved run adds to a config.
pub const KEYS: [&str; 3] = ["iteration", "weights", "optimizer_state"];

#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub config: Config,
    pub iteration: u64,
    /// The flat parameters, when the file has weights.
    pub params: Option<Vec<f64>>,
    pub state: Option<OptimizerState>,
}

fn error(path: &str, words: Words, message: impl Into<String>) -> ConfigError {
    ConfigError::worded(path, words, message.into())
}

/// A list of exactly `len` finite numbers at `path`.
fn finite_numbers(value: &Value, path: &str, len: usize) -> Result<Vec<f64>, ConfigError> {
    let list = json::array(value, path)?;
    if list.len() != len {
        return Err(error(
            path,
            Words::new("saved.count", &[("count", &len), ("got", &list.len())]),
            format!("expected {len} numbers, got {}", list.len()),
        ));
    }
    list.iter()
        .enumerate()
        .map(|(i, v)| json::number(v, &format!("{path}[{i}]"), Bound::Any))
        .collect()
}

impl Saved {
    pub fn from_json(text: &str) -> Result<Saved, ConfigError> {
        Saved::from_value(&json::parse(text)?)
    }

    /// A saved run that the page may open: its config within the page's
    /// budget (`Config::from_page_json`).
    pub fn from_page_json(text: &str) -> Result<Saved, ConfigError> {
        let saved = Saved::from_json(text)?;
        saved.config.check_work(crate::limits::PAGE_WORK)?;
        Ok(saved)
    }

    pub fn from_value(value: &Value) -> Result<Saved, ConfigError> {
        let top = json::object(value, "")?;
        let rest: Map<String, Value> = top
            .iter()
            .filter(|(k, _)| !KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let config = Config::from_value(&Value::Object(rest))?;
        let iteration = match top.get("iteration") {
            None => 0,
            Some(v) => v.as_u64().filter(|&n| n <= MAX_ITERATIONS).ok_or_else(|| {
                error(
                    "iteration",
                    Words::new("saved.iteration", &[("most", &MAX_ITERATIONS)]),
                    format!("expected a whole number from 0 to {MAX_ITERATIONS}"),
                )
            })?,
        };
        let params = top
            .get("weights")
            .map(|w| Saved::params(w, &config))
            .transpose()?;
        let state = top
            .get("optimizer_state")
            .map(|s| Saved::state(s, &config, iteration))
            .transpose()?;
        // Without weights the run stands at the seed's first weights: the
        // iteration shown is that of the weights (0), and an optimizer state
        // belongs to weights that are not here.
        let (iteration, state) = match params {
            None => (0, None),
            Some(_) => (iteration, state),
        };
        Ok(Saved {
            config,
            iteration,
            params,
            state,
        })
    }

    /// The flat parameters from `[{"weights": n_in rows of n_out, "biases"}]`.
    fn params(value: &Value, config: &Config) -> Result<Vec<f64>, ConfigError> {
        let layers = config.layers();
        let list = value
            .as_array()
            .filter(|l| l.len() == layers.len() - 1)
            .ok_or_else(|| {
                error(
                    "weights",
                    Words::new("saved.weight-layers", &[("layers", &(layers.len() - 1))]),
                    format!("expected {} layers of weights and biases", layers.len() - 1),
                )
            })?;
        let mut params = Vec::new();
        for (l, layer) in list.iter().enumerate() {
            let (n_in, n_out) = (layers[l], layers[l + 1]);
            let path = format!("weights[{l}]");
            let rows = layer
                .get("weights")
                .and_then(Value::as_array)
                .filter(|r| r.len() == n_in)
                .ok_or_else(|| {
                    error(
                        &format!("{path}.weights"),
                        Words::new("saved.weight-rows", &[("rows", &n_in), ("columns", &n_out)]),
                        format!("expected {n_in} rows of {n_out} numbers"),
                    )
                })?;
            for (i, row) in rows.iter().enumerate() {
                params.extend(finite_numbers(row, &format!("{path}.weights[{i}]"), n_out)?);
            }
            let biases = layer.get("biases").ok_or_else(|| {
                error(
                    &format!("{path}.biases"),
                    Words::new("saved.biases", &[("count", &n_out)]),
                    format!("expected {n_out} numbers"),
                )
            })?;
            let biases = finite_numbers(biases, &format!("{path}.biases"), n_out)?;
            if !config.bias() && biases.iter().any(|&b| b != 0.0) {
                return Err(error(
                    &format!("{path}.biases"),
                    Words::new("saved.biases-zero", &[]),
                    "expected zeros: the config has no biases",
                ));
            }
            params.extend(biases);
        }
        Ok(params)
    }

    /// The optimizer's memory, refused when no run could have left it: more
    /// Adam steps than iterations, or a negative second moment (a mean of g²).
    fn state(
        value: &Value,
        config: &Config,
        iteration: u64,
    ) -> Result<OptimizerState, ConfigError> {
        let count =
            crate::nn::network::Network::new(config.layers(), config.activations(), config.bias())
                .params()
                .len();
        let fresh = OptimizerState::new(&config.optimizer(), count);
        let steps = value
            .get("steps")
            .and_then(Value::as_u64)
            .filter(|&n| n <= iteration)
            .ok_or_else(|| {
                error(
                    "optimizer_state.steps",
                    Words::new("saved.steps", &[("iteration", &iteration)]),
                    format!(
                        "expected a whole number from 0 to the iteration ({iteration}): \
                         the optimizer steps once per iteration at most"
                    ),
                )
            })?;
        let first = finite_numbers(
            value.get("first").unwrap_or(&Value::Null),
            "optimizer_state.first",
            fresh.first.len(),
        )?;
        let second = finite_numbers(
            value.get("second").unwrap_or(&Value::Null),
            "optimizer_state.second",
            fresh.second.len(),
        )?;
        if let Some(i) = second.iter().position(|&s| s < 0.0) {
            return Err(error(
                &format!("optimizer_state.second[{i}]"),
                Words::new("saved.second-negative", &[]),
                "expected a number of at least 0 (a running mean of squared gradients)",
            ));
        }
        Ok(OptimizerState {
            steps,
            first,
            second,
        })
    }

    /// A trainer that stands where the file says: its weights (or the seed's),
    /// iteration and optimizer state.
    pub fn trainer(&self) -> Trainer {
        let mut t = Trainer::new(self.config.clone());
        if self.iteration > 0 || self.params.is_some() || self.state.is_some() {
            t.load(self.iteration, self.params.as_deref(), self.state.clone());
        }
        t
    }
}

/// The run as a file: the config, the iteration, the weights and the optimizer's state.
/// A run whose numbers are no longer finite (it diverged) saves as its config
/// alone, which opens at the seed: JSON cannot hold NaN, and the network and
/// data are what is worth keeping.
pub fn save(trainer: &Trainer) -> Value {
    let mut value = trainer.config().to_value();
    let network = trainer.network();
    let state = trainer.optimizer_state();
    let finite = |xs: &[f64]| xs.iter().all(|x| x.is_finite());
    if trainer.diverged().is_some()
        || !(finite(network.params()) && finite(&state.first) && finite(&state.second))
    {
        return value;
    }
    let layers: Vec<Value> = (0..network.layers().len())
        .map(|l| {
            json!({
                "weights": crate::train::trace::matrix(network.weights(l), network.layers()[l].outputs),
                "biases": network.biases(l),
            })
        })
        .collect();
    value["iteration"] = json!(trainer.iterations());
    value["weights"] = json!(layers);
    value["optimizer_state"] = state.to_value();
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::presets::preset;

    #[test]
    fn a_diverged_run_saves_as_its_config() {
        let mut config = preset("xor").unwrap().to_value();
        config["activations"] = json!("linear");
        config["optimizer"] = json!({"kind": "sgd", "learning_rate": 1e6});
        let mut trainer = Trainer::new(Config::from_value(&config).unwrap());
        assert!(trainer.run(1000).is_err());
        let saved = save(&trainer);
        assert!(saved.get("weights").is_none() && saved.get("iteration").is_none());
        let reopened = Saved::from_value(&saved).unwrap().trainer();
        assert_eq!(reopened.iterations(), 0);
        assert_eq!(reopened.config(), trainer.config());
    }

    #[test]
    fn a_saved_run_goes_on_exactly_as_the_original() {
        for name in ["xor", "moons", "iris"] {
            let mut config = preset(name).unwrap().to_value();
            config["optimizer"] = json!({"kind": "adam", "learning_rate": 0.01});
            let mut original = Trainer::new(Config::from_value(&config).unwrap());
            original.run(37).unwrap();
            let file = save(&original).to_string();
            let mut loaded = Saved::from_json(&file).unwrap().trainer();
            assert_eq!(loaded.iterations(), 37);
            assert_eq!(loaded.network().params(), original.network().params());
            assert_eq!(loaded.loss().to_bits(), original.loss().to_bits());
            original.run(100).unwrap();
            loaded.run(100).unwrap();
            assert_eq!(
                loaded.network().params(),
                original.network().params(),
                "{name}"
            );
        }
    }

    #[test]
    fn without_weights_a_run_stands_at_iteration_0() {
        let mut v = crate::config::presets::preset_value("xor").unwrap();
        v["iteration"] = json!(299_999);
        let saved = Saved::from_value(&v).unwrap();
        assert_eq!(saved.iteration, 0);
        assert_eq!(saved.trainer().iterations(), 0);
    }

    #[test]
    fn a_plain_config_is_a_saved_run_at_iteration_0() {
        let s = Saved::from_value(&preset("xor").unwrap().to_value()).unwrap();
        assert_eq!(
            (s.iteration, s.params.is_none(), s.state.is_none()),
            (0, true, true)
        );
    }

    #[test]
    fn bad_parts_are_refused_with_their_path() {
        let good = save(&Trainer::new(preset("xor").unwrap()));
        let broken = |edit: &dyn Fn(&mut Value)| {
            let mut v = good.clone();
            edit(&mut v);
            Saved::from_value(&v).unwrap_err().to_string()
        };
        assert!(broken(&|v| v["iteration"] = json!(-1)).starts_with("iteration:"));
        assert!(broken(&|v| v["weights"] = json!([])).starts_with("weights:"));
        assert!(broken(&|v| v["weights"][0]["weights"][1] = json!([1, 2]))
            .starts_with("weights[0].weights[1]:"));
        assert!(broken(&|v| v["weights"][1]["biases"][0] = json!("x"))
            .starts_with("weights[1].biases[0]:"));
        assert!(broken(&|v| v["optimizer_state"]["steps"] = json!(1.5))
            .starts_with("optimizer_state.steps:"));
        assert!(broken(&|v| v["layers"] = json!([2, 0, 1])).starts_with("layers[1]:"));
        assert!(broken(&|v| v["extra"] = json!(1)).contains("extra"));
    }

    #[test]
    fn an_optimizer_state_no_run_could_leave_is_refused() {
        let mut config = preset("xor").unwrap().to_value();
        config["optimizer"] = json!({"kind": "adam", "learning_rate": 0.01});
        let mut trainer = Trainer::new(Config::from_value(&config).unwrap());
        trainer.run(5).unwrap();
        let good = save(&trainer);
        assert!(Saved::from_value(&good).is_ok());
        let broken = |edit: &dyn Fn(&mut Value)| {
            let mut v = good.clone();
            edit(&mut v);
            Saved::from_value(&v).unwrap_err().to_string()
        };
        let too_many = broken(&|v| v["optimizer_state"]["steps"] = json!(u64::MAX));
        assert!(too_many.starts_with("optimizer_state.steps:"), "{too_many}");
        assert!(broken(&|v| v["optimizer_state"]["steps"] = json!(6))
            .starts_with("optimizer_state.steps:"));
        let negative = broken(&|v| v["optimizer_state"]["second"][3] = json!(-1e-9));
        assert!(
            negative.starts_with("optimizer_state.second[3]:"),
            "{negative}"
        );
        assert!(broken(&|v| v["iteration"] = json!(MAX_ITERATIONS + 1)).starts_with("iteration:"));
    }
}
