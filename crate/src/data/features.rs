//! Input features (docs/numerics.md, `features`): what a network sees of a
//! row of two raw columns x1, x2. TensorFlow Playground's seven: x1, x2,
//! x1², x2², x1·x2, sin(x1), sin(x2); the network's inputs are the chosen
//! ones in the list's order. `sin` is libm's, the same bits natively and in
//! wasm. Uses `data::json`.

use serde_json::Value;

use crate::data::json::{array, ConfigError, Result, Want};
use crate::words::Words;

/// One of the seven values computed from a row's x1 and x2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    X1,
    X2,
    X1Squared,
    X2Squared,
    X1TimesX2,
    SinX1,
    SinX2,
}

impl Feature {
    /// In TensorFlow Playground's order, which the page's input column follows.
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1TimesX2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// The name a config writes.
    pub fn name(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1^2",
            Feature::X2Squared => "x2^2",
            Feature::X1TimesX2 => "x1*x2",
            Feature::SinX1 => "sin(x1)",
            Feature::SinX2 => "sin(x2)",
        }
    }

    pub fn value(self, x1: f64, x2: f64) -> f64 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Squared => x1 * x1,
            Feature::X2Squared => x2 * x2,
            Feature::X1TimesX2 => x1 * x2,
            Feature::SinX1 => libm::sin(x1),
            Feature::SinX2 => libm::sin(x2),
        }
    }
}

/// The features a network sees, in order: at least one, none twice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Features(Vec<Feature>);

impl Features {
    /// The raw columns a row must have.
    pub const RAW_COLUMNS: usize = 2;

    pub fn list(&self) -> &[Feature] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.0.iter().map(|f| f.name()).collect()
    }

    /// Appends the network's inputs for each raw row (x1, x2 pairs, row-major) to `out`.
    pub fn apply(&self, raw: &[f64], out: &mut Vec<f64>) {
        for row in raw.chunks_exact(Features::RAW_COLUMNS) {
            out.extend(self.0.iter().map(|f| f.value(row[0], row[1])));
        }
    }

    /// A config's `features`: a non-empty list of distinct names.
    pub fn from_value(v: &Value) -> Result<Features> {
        let items = array(v, "features")?;
        if items.is_empty() {
            let words = Words::new("features.empty", &[]);
            return Err(ConfigError::worded(
                "features",
                words,
                "expected at least one name",
            ));
        }
        let mut chosen = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("features[{i}]");
            let feature = Feature::ALL
                .into_iter()
                .find(|f| item.as_str() == Some(f.name()))
                .ok_or_else(|| {
                    let names = Feature::ALL.map(Feature::name);
                    crate::data::json::expected(&path, Want::OneOf(&names), item)
                })?;
            if chosen.contains(&feature) {
                return Err(ConfigError::worded(
                    path,
                    Words::new("features.twice", &[("name", &feature.name())]),
                    format!("\"{}\" is listed twice", feature.name()),
                ));
            }
            chosen.push(feature);
        }
        Ok(Features(chosen))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_feature_is_its_formula() {
        let all = Features(Feature::ALL.to_vec());
        let mut out = Vec::new();
        all.apply(&[1.5, -2.0, 0.0, 3.0], &mut out);
        let row = |x1: f64, x2: f64| {
            vec![
                x1,
                x2,
                x1 * x1,
                x2 * x2,
                x1 * x2,
                libm::sin(x1),
                libm::sin(x2),
            ]
        };
        assert_eq!(out, [row(1.5, -2.0), row(0.0, 3.0)].concat());
        assert_eq!(out[5], 0.9974949866040544, "sin(1.5)");
    }

    #[test]
    fn names_read_in_the_order_written() {
        let f = Features::from_value(&json!(["sin(x2)", "x1*x2", "x1^2"])).unwrap();
        assert_eq!(f.names(), ["sin(x2)", "x1*x2", "x1^2"]);
        let mut out = Vec::new();
        f.apply(&[2.0, 0.5], &mut out);
        assert_eq!(out, [libm::sin(0.5), 1.0, 4.0]);
    }

    #[test]
    fn bad_lists_name_the_entry() {
        let err = |v: Value| Features::from_value(&v).unwrap_err();
        assert_eq!(err(json!([])).path, "features");
        assert_eq!(err(json!("x1")).path, "features");
        let unknown = err(json!(["x1", "x3"]));
        assert_eq!(unknown.path, "features[1]");
        assert!(
            unknown.message.contains("\"sin(x1)\""),
            "{}",
            unknown.message
        );
        let twice = err(json!(["x1", "x2", "x1"]));
        assert_eq!(twice.path, "features[2]");
        assert!(twice.message.contains("twice"));
    }
}
