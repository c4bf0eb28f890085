//! The config (docs/numerics.md, "The config"): JSON in, a validated `Config` out, and
//! back. Every error names the JSON path of what is wrong and what was
//! expected; nothing is built from a config that failed.

use serde_json::{json, Value};

use crate::data::dataset::Dataset;
use crate::data::features::Features;
pub use crate::data::json::ConfigError;
use crate::data::json::{
    expected, integer, known_keys, named, number, object, required, Bound, Result, Want,
};
use crate::nn::activation::Activation;
use crate::nn::loss::Loss;
use crate::nn::network::Init;
use crate::nn::optimizer::Optimizer;
pub use crate::nn::schedule::Update;
use crate::words::Words;

use super::fields::{activations, layers, optimizer, update, version};
pub use crate::limits::{MAX_INPUTS, MAX_NEURONS, MAX_OUTPUTS, MAX_ROWS, MAX_WEIGHT_LAYERS};

const KEYS: [&str; 14] = [
    "version",
    "seed",
    "layers",
    "activations",
    "bias",
    "init",
    "loss",
    "l2",
    "l1",
    "features",
    "update",
    "optimizer",
    "stop_loss",
    "data",
];

/// A config that passed every check of docs/numerics.md; build one with `from_json`.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub(crate) seed: u32,
    pub(crate) layers: Vec<usize>,
    pub(crate) activations: Vec<Activation>,
    pub(crate) bias: bool,
    pub(crate) init: Init,
    pub(crate) loss: Loss,
    pub(crate) l2: f64,
    pub(crate) l1: f64,
    pub(crate) update: Update,
    pub(crate) optimizer: Optimizer,
    pub(crate) stop_loss: Option<f64>,
    pub(crate) data: Dataset,
}

impl Config {
    pub fn from_json(text: &str) -> Result<Config> {
        Config::from_value(&crate::data::json::parse(text)?)
    }

    pub fn from_value(value: &Value) -> Result<Config> {
        let top = object(value, "")?;
        version(top.get("version"))?;
        known_keys(top, "", &KEYS)?;

        let layers = layers(required(top, "", "layers")?)?;
        let seed = match top.get("seed") {
            None => crate::math::rng::DEFAULT_SEED,
            Some(v) => integer(v, "seed", 0, u32::MAX as u64)? as u32,
        };
        let activations = match top.get("activations") {
            None => vec![Activation::Sigmoid; layers.len() - 1],
            Some(v) => activations(v, &layers)?,
        };
        let bias = match top.get("bias") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(v) => return Err(expected("bias", Want::TrueOrFalse, v)),
        };
        let init = named(top.get("init"), "init", Init::Uniform, &Init::ALL, |i| {
            i.name()
        })?;
        let loss = named(top.get("loss"), "loss", Loss::Sse, &Loss::ALL, |l| l.name())?;
        let output = activations[activations.len() - 1];
        match (loss, output) {
            (Loss::CrossEntropy, Activation::Sigmoid | Activation::Softmax) => {}
            (Loss::CrossEntropy, other) => {
                return Err(ConfigError::worded(
                    "loss",
                    Words::new("config.cross-entropy-output", &[("got", &other.name())]),
                    format!(
                        "\"cross_entropy\" needs a sigmoid or softmax output, got {}",
                        other.name()
                    ),
                ))
            }
            (other, Activation::Softmax) => {
                return Err(ConfigError::worded(
                    "loss",
                    Words::new("config.softmax-loss", &[("got", &other.name())]),
                    format!(
                        "a softmax output needs \"cross_entropy\", got \"{}\"",
                        other.name()
                    ),
                ))
            }
            _ => {}
        }
        let l2 = match top.get("l2") {
            None => 0.0,
            Some(v) => number(v, "l2", Bound::NonNegative)?,
        };
        let l1 = match top.get("l1") {
            None => 0.0,
            Some(v) => number(v, "l1", Bound::NonNegative)?,
        };
        let features = match top.get("features") {
            None => None,
            Some(v) => Some(Features::from_value(v)?),
        };
        let update = match top.get("update") {
            None => Update::Batch,
            Some(v) => update(v)?,
        };
        let optimizer = match top.get("optimizer") {
            None => Optimizer::Sgd { learning_rate: 1.0 },
            Some(v) => optimizer(v)?,
        };
        let stop_loss = match top.get("stop_loss") {
            None | Some(Value::Null) => None,
            Some(v) => Some(number(v, "stop_loss", Bound::NonNegative)?),
        };
        let data = crate::data::dataset::from_config(
            required(top, "", "data")?,
            &layers,
            features.as_ref(),
            loss,
            output,
        )?;

        Ok(Config {
            seed,
            layers,
            activations,
            bias,
            init,
            loss,
            l2,
            l1,
            update,
            optimizer,
            stop_loss,
            data,
        })
    }

    /// The full config with every default written out, in docs/numerics.md's key order.
    pub fn to_value(&self) -> Value {
        let first = self.activations[0];
        let activations = if self.activations.iter().all(|&a| a == first) {
            json!(first.name())
        } else {
            json!(self
                .activations
                .iter()
                .map(|a| a.name())
                .collect::<Vec<_>>())
        };
        let update = match self.update {
            Update::Minibatch { size } => json!({ "mode": "minibatch", "size": size }),
            other => json!({ "mode": other.mode() }),
        };
        let optimizer = self.optimizer.to_value();
        let mut config = json!({
            "version": 1,
            "seed": self.seed,
            "layers": self.layers,
            "activations": activations,
            "bias": self.bias,
            "init": self.init.name(),
            "loss": self.loss.name(),
            "l2": self.l2,
            "update": update,
            "optimizer": optimizer,
        });
        // Written when set, so that a config without it keeps its bytes.
        if let (true, Some(map)) = (self.l1 != 0.0, config.as_object_mut()) {
            map.insert("l1".into(), json!(self.l1));
        }
        if let (Some(features), Some(map)) = (self.data.features(), config.as_object_mut()) {
            map.insert("features".into(), json!(features.names()));
        }
        if let (Some(stop), Some(map)) = (self.stop_loss, config.as_object_mut()) {
            map.insert("stop_loss".into(), json!(stop));
        }
        if let Some(map) = config.as_object_mut() {
            let data =
                json!({ "inputs": self.data.raw_input_rows(), "targets": self.data.target_rows() });
            map.insert("data".into(), data);
        }
        config
    }

    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    pub fn seed(&self) -> u32 {
        self.seed
    }
    /// A config that the page may train: read as `from_json`, and within
    /// the page's budget (`limits::PAGE_WORK`, `check_work`).
    pub fn from_page_json(text: &str) -> Result<Config> {
        let config = Config::from_json(text)?;
        config.check_work(crate::limits::PAGE_WORK)?;
        Ok(config)
    }

    /// Refuses a config whose one pass over all rows reads more than
    /// `limit` row·parameters: the page's budget for one call into the
    /// engine (past it, the tab stalls).
    pub fn check_work(&self, limit: f64) -> Result<()> {
        let rows = self.data.rows();
        let params = crate::nn::network::parameter_count(&self.layers);
        if (rows * params) as f64 > limit {
            let n = |x: f64| crate::words::group_thousands(x as u64);
            let (rows, params, most) = (n(rows as f64), n(params as f64), n(limit));
            return Err(ConfigError::worded(
                "",
                Words::new(
                    "config.too-much-work",
                    &[("rows", &rows), ("parameters", &params), ("most", &most)],
                ),
                format!(
                    "{rows} rows × {params} weights and biases is more than the page can train \
                     without stalling (at most {most}): use fewer rows or fewer neurons"
                ),
            ));
        }
        Ok(())
    }

    pub fn layers(&self) -> &[usize] {
        &self.layers
    }
    pub fn activations(&self) -> &[Activation] {
        &self.activations
    }
    pub fn bias(&self) -> bool {
        self.bias
    }
    pub fn init(&self) -> Init {
        self.init
    }
    pub fn loss(&self) -> Loss {
        self.loss
    }
    pub fn l2(&self) -> f64 {
        self.l2
    }

    pub fn l1(&self) -> f64 {
        self.l1
    }

    /// The features the network sees of the data's x1, x2, if any.
    pub fn features(&self) -> Option<&Features> {
        self.data.features()
    }

    /// How many numbers a row of data has as given: x1, x2 with features,
    /// else the network's inputs.
    pub fn raw_width(&self) -> usize {
        self.features()
            .map_or(self.layers[0], |_| Features::RAW_COLUMNS)
    }

    /// What the network sees of a row as given (`raw_width` numbers).
    pub fn network_input(&self, raw: &[f64]) -> Vec<f64> {
        let mut seen = Vec::new();
        match self.features() {
            Some(f) => f.apply(raw, &mut seen),
            None => seen.extend_from_slice(raw),
        }
        seen
    }

    /// What training adds to the loss it minimises: `l2` and `l1`.
    pub fn penalty(&self) -> crate::nn::penalty::Penalty {
        crate::nn::penalty::Penalty {
            l2: self.l2,
            l1: self.l1,
        }
    }
    pub fn update(&self) -> Update {
        self.update
    }
    pub fn optimizer(&self) -> Optimizer {
        self.optimizer
    }
    pub fn stop_loss(&self) -> Option<f64> {
        self.stop_loss
    }
    pub fn data(&self) -> &Dataset {
        &self.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIRAJ: &str = r#"{
        "version": 1, "seed": 1, "layers": [3, 5, 4, 1], "activations": "sigmoid",
        "bias": false, "init": "uniform", "loss": "sse", "l2": 0.0,
        "update": { "mode": "batch" }, "optimizer": { "kind": "sgd", "learning_rate": 1.0 },
        "data": { "inputs": [[0,0,1],[1,1,1],[1,0,1],[0,1,1]], "targets": [[0],[1],[1],[0]] }
    }"#;

    fn error_of(text: &str) -> ConfigError {
        Config::from_json(text).expect_err(text)
    }

    fn with(key: &str, value: Value) -> String {
        let mut v: Value = serde_json::from_str(SIRAJ).unwrap();
        v[key] = value;
        v.to_string()
    }

    #[test]
    fn l1_is_read_written_when_set_and_is_part_of_the_penalty() {
        let mut value = crate::config::presets::preset_value("xor").unwrap();
        let plain = Config::from_value(&value).unwrap();
        assert_eq!(plain.l1(), 0.0);
        assert!(
            plain.to_value().get("l1").is_none(),
            "a config without l1 keeps its bytes"
        );
        value["l1"] = json!(0.003);
        let c = Config::from_value(&value).unwrap();
        assert_eq!(c.to_value()["l1"], 0.003);
        assert_eq!(Config::from_value(&c.to_value()).unwrap(), c);
        assert_eq!(c.penalty().l1, 0.003);
    }

    #[test]
    fn work_past_the_pages_budget_is_refused_with_the_counts() {
        let config = crate::config::presets::preset("xor").unwrap(); // 4 rows × (2·4 + 4 + 4·1 + 1) = 4 × 17
        assert_eq!(config.check_work(68.0), Ok(()));
        let e = config.check_work(67.0).unwrap_err();
        assert!(
            e.message.starts_with("4 rows × 17 weights and biases"),
            "{e}"
        );
        assert_eq!(e.words.code, "config.too-much-work");
        use crate::words::group_thousands;
        assert_eq!(group_thousands(12_737), "12,737");
        assert_eq!(group_thousands(20_000_000), "20,000,000");
        assert_eq!(group_thousands(999), "999");
    }

    #[test]
    fn spec_example_parses() {
        let c = Config::from_json(SIRAJ).unwrap();
        assert_eq!(c.layers(), [3, 5, 4, 1]);
        assert!(!c.bias());
        assert_eq!(c.data().rows(), 4);
        assert_eq!(c.optimizer(), Optimizer::Sgd { learning_rate: 1.0 });
    }

    #[test]
    fn defaults_fill_what_is_left_out() {
        let c = Config::from_json(
            r#"{"version": 1, "layers": [2, 1], "data": {"inputs": [[0, 1]], "targets": [[1]]}}"#,
        )
        .unwrap();
        assert_eq!(c.seed(), 1);
        assert_eq!(c.activations(), [Activation::Sigmoid]);
        assert!(c.bias());
        assert_eq!(c.init(), Init::Uniform);
        assert_eq!(c.loss(), Loss::Sse);
        assert_eq!(c.l2(), 0.0);
        assert_eq!(c.update(), Update::Batch);
        assert_eq!(c.stop_loss(), None);
        let momentum = r#"{"version": 1, "layers": [1, 1], "optimizer": {"kind": "momentum"},
            "data": {"inputs": [[0]], "targets": [[1]]}}"#;
        assert_eq!(
            Config::from_json(momentum).unwrap().optimizer(),
            Optimizer::Momentum {
                learning_rate: 0.1,
                momentum: 0.9
            }
        );
        let adam = momentum.replace("momentum", "adam");
        assert_eq!(
            Config::from_json(&adam).unwrap().optimizer(),
            Optimizer::Adam {
                learning_rate: 0.01,
                beta1: 0.9,
                beta2: 0.999,
                epsilon: 1e-8
            }
        );
    }

    #[test]
    fn round_trips_through_json() {
        let c = Config::from_json(SIRAJ).unwrap();
        assert_eq!(Config::from_json(&c.to_json()).unwrap(), c);
        let mixed = with("activations", json!(["tanh", "relu", "sigmoid"]));
        let c = Config::from_json(&mixed).unwrap();
        assert_eq!(Config::from_json(&c.to_json()).unwrap(), c);
    }

    #[test]
    fn errors_name_their_path() {
        let cases = [
            (with("version", json!(2)), "version", "version 1, got 2"),
            (
                with("layers", json!([3, 5, 0, 1])),
                "layers[2]",
                "integer from 1 to 64: the number of neurons in hidden layer 2, got 0",
            ),
            (with("layers", json!([3])), "layers", "got 1"),
            (
                with("layers", json!([3, 65, 1])),
                "layers[1]",
                "from 1 to 64",
            ),
            (
                with("layers", json!([3, 5, 4, 2])),
                "layers[3]",
                "expected 1",
            ),
            (
                with("layers", json!([65, 5, 1])),
                "layers[0]",
                "from 1 to 64: the number of inputs (the data's input columns), got 65",
            ),
            (with("seed", json!(-1)), "seed", "0 to 4294967295"),
            (
                with("seed", json!(4294967296u64)),
                "seed",
                "0 to 4294967295",
            ),
            (with("bias", json!("yes")), "bias", "true or false"),
            (with("l1", json!(-0.1)), "l1", "at least 0"),
            (
                with("activations", json!("gelu")),
                "activations",
                "\"sigmoid\"",
            ),
            (
                with("activations", json!(["tanh", "relu"])),
                "activations",
                "(3), got 2",
            ),
            (
                with("activations", json!(["tanh", "softmax", "relu"])),
                "activations[1]",
                "output layer",
            ),
            (with("loss", json!("hinge")), "loss", "\"cross_entropy\""),
            (with("l2", json!(-0.5)), "l2", "at least 0"),
            (
                with("update", json!({"mode": "minibatch"})),
                "update.size",
                "required",
            ),
            (
                with("update", json!({"mode": "minibatch", "size": 0})),
                "update.size",
                "from 1",
            ),
            (
                with("update", json!({"mode": "batch", "size": 2})),
                "update.size",
                "unknown key",
            ),
            (
                with("optimizer", json!({"learning_rate": 0})),
                "optimizer.learning_rate",
                "greater than 0",
            ),
            (
                with("optimizer", json!({"kind": "sgd", "beta1": 0.9})),
                "optimizer.beta1",
                "unknown key",
            ),
            (
                with("optimizer", json!({"kind": "adam", "beta2": 1.0})),
                "optimizer.beta2",
                "not including",
            ),
            (
                with("optimizer", json!({"kind": "rmsprop"})),
                "optimizer.kind",
                "\"adam\"",
            ),
            (with("stop_loss", json!("low")), "stop_loss", "a number"),
            (with("colour", json!(1)), "colour", "unknown key"),
            (
                with("data", json!({"inputs": [[0, 0, 1]]})),
                "data.targets",
                "required",
            ),
            (
                with("data", json!({"inputs": [], "targets": []})),
                "data.inputs",
                "1 to 10000 rows",
            ),
            (
                with(
                    "data",
                    json!({"inputs": [[0, 0, 1], [1, 1]], "targets": [[0], [1]]}),
                ),
                "data.inputs[1]",
                "expected 3 numbers",
            ),
            (
                with(
                    "data",
                    json!({"inputs": [[0, 0, 1]], "targets": [[0], [1]]}),
                ),
                "data.targets",
                "expected 1 rows",
            ),
            (
                with("data", json!({"inputs": [[0, 0, 1]], "targets": [["x"]]})),
                "data.targets[0][0]",
                "a number",
            ),
            (
                with("data", json!({"inputs": [[0, 1]], "targets": [[1]]})),
                "layers[0]",
                "expected 2",
            ),
        ];
        for (text, path, part) in cases {
            let e = error_of(&text);
            assert_eq!(e.path, path, "{e}");
            assert!(e.message.contains(part), "{e} should contain {part:?}");
        }
    }

    #[test]
    fn softmax_and_cross_entropy_go_together() {
        let base = r#"{"version": 1, "layers": [2, 2], "activations": "softmax", "loss": "LOSS",
            "data": {"inputs": [[0, 1]], "targets": [[TARGET, 0]]}}"#;
        let text = |loss: &str, target: &str| base.replace("LOSS", loss).replace("TARGET", target);
        assert_eq!(error_of(&text("sse", "1")).path, "loss");
        assert!(Config::from_json(&text("cross_entropy", "1")).is_ok());
        assert_eq!(
            error_of(&text("cross_entropy", "2")).path,
            "data.targets[0][0]"
        );
        // Each target row must be a distribution: [1, 1] or [0, 0] are not.
        for (targets, sum) in [
            ("[[1, 1]]", "2"),
            ("[[0, 0]]", "0"),
            ("[[0.5, 0.25]]", "0.75"),
        ] {
            let bad = text("cross_entropy", "1").replace("[[1, 0]]", targets);
            let e = error_of(&bad);
            assert_eq!(e.path, "data.targets[0]", "{e}");
            assert!(e.message.contains(&format!("sums to {sum}")), "{e}");
            assert!(e.message.contains("sigmoid outputs"), "{e}");
            let sigmoid = bad.replace("\"softmax\"", "\"sigmoid\"");
            assert!(
                Config::from_json(&sigmoid).is_ok(),
                "several labels are fine for sigmoid"
            );
        }
        assert!(
            Config::from_json(&text("cross_entropy", "1").replace("[[1, 0]]", "[[0.3, 0.7]]"))
                .is_ok()
        );
        let tanh = text("cross_entropy", "1").replace("softmax", "tanh");
        assert!(error_of(&tanh).message.contains("sigmoid or softmax"));
        let one_output = r#"{"version": 1, "layers": [2, 1], "activations": "softmax",
            "loss": "cross_entropy", "data": {"inputs": [[0, 1]], "targets": [[1]]}}"#;
        assert!(error_of(one_output).message.contains("at least 2 outputs"));
    }

    #[test]
    fn limits_are_enforced() {
        let too_deep = with("layers", json!(vec![3; 14]));
        assert!(error_of(&too_deep)
            .message
            .contains("at most 12 weight layers"));
        let rows = vec![json!([0, 0, 1]); 10_001];
        let too_many = with("data", json!({"inputs": rows, "targets": [[0]]}));
        assert!(error_of(&too_many).message.contains("1 to 10000 rows"));
        assert_eq!(error_of(&with("layers", json!([17, 1]))).path, "layers[0]");
        assert_eq!(error_of(&with("layers", json!([3, 11]))).path, "layers[1]");
    }

    #[test]
    fn bad_json_and_wrong_shapes() {
        assert!(error_of("{").message.contains("not valid JSON"));
        assert!(error_of("[1]").message.contains("an object"));
        let huge = error_of(
            r#"{"version": 1, "layers": [1, 1], "data": {"inputs": [[1e999]], "targets": [[0]]}}"#,
        );
        assert_eq!(huge.path, "data.inputs[0][0]");
        assert!(huge.message.contains("finite"), "{huge}");
        assert_eq!(error_of("{}").path, "version");
        assert_eq!(error_of(r#"{"version": 1}"#).path, "layers");
    }

    #[test]
    fn update_rows_follow_the_spec() {
        let mini = Update::Minibatch { size: 3 };
        assert_eq!(mini.iterations_per_epoch(7), 3);
        assert_eq!(mini.rows(0, 7), 0..3);
        assert_eq!(mini.rows(2, 7), 6..7);
        assert_eq!(mini.rows(3, 7), 0..3);
        assert_eq!(Update::Online.rows(5, 4), 1..2);
        assert_eq!(Update::Batch.rows(9, 4), 0..4);
        assert_eq!(Update::Minibatch { size: 50 }.rows(1, 4), 0..4);
    }
}
