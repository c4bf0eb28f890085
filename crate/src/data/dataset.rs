//! The training data: rows of inputs and targets, stored flat and row-major
//! so that a block of consecutive rows is one slice; a config's `data`
//! checked against its network and loss; and truth tables.

use std::ops::Range;

use serde_json::Value;

use crate::data::features::Features;
use crate::data::json::ConfigError;
use crate::data::json::{known_keys, object, required, rows};
use crate::limits::{MAX_INPUTS, MAX_OUTPUTS};
use crate::nn::activation::Activation;
use crate::nn::loss::Loss;
use crate::words::Words;

#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    input_width: usize,
    target_width: usize,
    /// The network's inputs: the raw columns, or the features computed from them.
    inputs: Vec<f64>,
    targets: Vec<f64>,
    /// With features: which, and the raw x1, x2 columns they were computed from.
    raw: Option<(Features, Vec<f64>)>,
}

impl Dataset {
    /// Rows that the config has already checked: the same count on both sides,
    /// and every row as wide as the first.
    pub(crate) fn from_rows(inputs: &[Vec<f64>], targets: &[Vec<f64>]) -> Dataset {
        Dataset {
            input_width: inputs.first().map_or(0, Vec::len),
            target_width: targets.first().map_or(0, Vec::len),
            inputs: inputs.concat(),
            targets: targets.concat(),
            raw: None,
        }
    }

    /// The same rows seen through `features`: the network's inputs become the
    /// features of each row's raw x1, x2 (the caller has checked the 2 columns).
    pub(crate) fn with_features(self, features: &Features) -> Dataset {
        let raw = match self.raw {
            Some((_, raw)) => raw,
            None => self.inputs,
        };
        let mut inputs = Vec::with_capacity(raw.len() / Features::RAW_COLUMNS * features.len());
        features.apply(&raw, &mut inputs);
        Dataset {
            input_width: features.len(),
            target_width: self.target_width,
            inputs,
            targets: self.targets,
            raw: Some((features.clone(), raw)),
        }
    }

    /// The same rows seen through another network's `features` (or none): a
    /// dataset of raw x1, x2 columns follows its training rows' features.
    pub fn seen_through(self, features: Option<&Features>) -> Dataset {
        match (features, self.raw) {
            (Some(f), raw) if raw.is_some() || self.input_width == Features::RAW_COLUMNS => {
                Dataset { raw, ..self }.with_features(f)
            }
            (None, Some((_, raw))) => Dataset {
                input_width: Features::RAW_COLUMNS,
                inputs: raw,
                raw: None,
                ..self
            },
            (_, raw) => Dataset { raw, ..self },
        }
    }

    /// Whether both hold the same rows as given (whatever features see them).
    pub fn same_rows(&self, other: &Dataset) -> bool {
        self.targets == other.targets && self.given() == other.given()
    }

    /// The inputs as given: the raw columns.
    fn given(&self) -> &[f64] {
        match &self.raw {
            Some((_, raw)) => raw,
            None => &self.inputs,
        }
    }

    /// The features the network sees, when it does not see the raw columns.
    pub fn features(&self) -> Option<&Features> {
        self.raw.as_ref().map(|(features, _)| features)
    }

    /// The rows as they were given: the raw columns, before any features.
    pub fn raw_input_rows(&self) -> Vec<Vec<f64>> {
        match &self.raw {
            Some((_, raw)) => raw
                .chunks(Features::RAW_COLUMNS)
                .map(<[f64]>::to_vec)
                .collect(),
            None => self.input_rows(),
        }
    }

    /// Held-out rows as the page sends them: JSON `{"inputs", "targets"}`,
    /// or `null` for none. The error names the JSON path or the row.
    pub fn held_out_json(text: &str) -> Result<Option<Dataset>, String> {
        let value = crate::data::json::parse(text).map_err(|e| e.to_string())?;
        if value.is_null() {
            return Ok(None);
        }
        let width = MAX_INPUTS.max(MAX_OUTPUTS);
        let read =
            |key: &str| rows(&value[key], &format!("test.{key}"), width).map_err(|e| e.to_string());
        Dataset::checked(&read("inputs")?, &read("targets")?).map(Some)
    }

    /// Rows from outside a config (test rows): as many targets as inputs,
    /// every row as wide as the first, every number finite.
    pub fn checked(inputs: &[Vec<f64>], targets: &[Vec<f64>]) -> Result<Dataset, String> {
        if inputs.is_empty() || inputs.len() != targets.len() {
            return Err(format!(
                "{} rows of inputs and {} of targets; expected the same number, at least 1",
                inputs.len(),
                targets.len()
            ));
        }
        for (side, rows) in [("inputs", inputs), ("targets", targets)] {
            let width = rows[0].len();
            if width == 0 {
                return Err(format!("{side}: rows are empty"));
            }
            if let Some(r) = rows.iter().position(|row| row.len() != width) {
                return Err(format!(
                    "{side}[{r}]: expected {width} numbers like the first row"
                ));
            }
            if let Some(r) = rows
                .iter()
                .position(|row| row.iter().any(|v| !v.is_finite()))
            {
                return Err(format!("{side}[{r}]: expected finite numbers"));
            }
        }
        Ok(Dataset::from_rows(inputs, targets))
    }

    pub fn rows(&self) -> usize {
        self.inputs.len() / self.input_width.max(1)
    }

    pub fn input_width(&self) -> usize {
        self.input_width
    }

    pub fn target_width(&self) -> usize {
        self.target_width
    }

    /// The inputs of a block of rows, row-major.
    pub fn inputs(&self, rows: Range<usize>) -> &[f64] {
        &self.inputs[rows.start * self.input_width..rows.end * self.input_width]
    }

    /// The targets of a block of rows, row-major.
    pub fn targets(&self, rows: Range<usize>) -> &[f64] {
        &self.targets[rows.start * self.target_width..rows.end * self.target_width]
    }

    /// The network's inputs, row by row.
    pub fn input_rows(&self) -> Vec<Vec<f64>> {
        self.inputs
            .chunks(self.input_width.max(1))
            .map(<[f64]>::to_vec)
            .collect()
    }

    pub fn target_rows(&self) -> Vec<Vec<f64>> {
        self.targets
            .chunks(self.target_width.max(1))
            .map(<[f64]>::to_vec)
            .collect()
    }
}

/// Every combination of `inputs` bits, in counting order with x1 the most
/// significant bit (00, 01, 10, 11), and the targets `f` gives for each.
pub fn truth_table(
    inputs: usize,
    f: impl Fn(&[bool]) -> Vec<bool>,
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let bit = |b: bool| if b { 1.0 } else { 0.0 };
    (0..1usize << inputs)
        .map(|k| {
            let x: Vec<bool> = (0..inputs)
                .map(|i| k >> (inputs - 1 - i) & 1 == 1)
                .collect();
            let y = f(&x);
            (
                x.into_iter().map(bit).collect(),
                y.into_iter().map(bit).collect(),
            )
        })
        .unzip()
}

/// How far a softmax target row's sum may be from 1.
const DISTRIBUTION_TOLERANCE: f64 = 1e-9;

/// A config's `data`, checked against its layers and what its loss and output
/// need of the targets; every error names its JSON path.
pub(crate) fn from_config(
    v: &Value,
    layers: &[usize],
    features: Option<&Features>,
    loss: Loss,
    output: Activation,
) -> crate::data::json::Result<Dataset> {
    let map = object(v, "data")?;
    known_keys(map, "data", &["inputs", "targets"])?;
    let inputs = rows(required(map, "data", "inputs")?, "data.inputs", MAX_INPUTS)?;
    let targets = rows(
        required(map, "data", "targets")?,
        "data.targets",
        MAX_OUTPUTS,
    )?;
    if targets.len() != inputs.len() {
        return Err(ConfigError::worded(
            "data.targets",
            Words::new(
                "data.target-rows",
                &[("rows", &inputs.len()), ("got", &targets.len())],
            ),
            format!(
                "expected {} rows, as many as data.inputs has, got {}",
                inputs.len(),
                targets.len()
            ),
        ));
    }
    if let (Some(_), width @ (0 | 1 | 3..)) = (features, inputs[0].len()) {
        return Err(ConfigError::worded(
            "features",
            Words::new("data.features-columns", &[("width", &width)]),
            format!(
                "features are computed from exactly {} input columns (x1, x2); data.inputs has {width}",
                Features::RAW_COLUMNS
            ),
        ));
    }
    let (network_inputs, input_source, code) = match features {
        Some(f) => (f.len(), "features lists", "data.layer-features"),
        None => (
            inputs[0].len(),
            "data.inputs has columns",
            "data.layer-inputs",
        ),
    };
    let last = layers.len() - 1;
    for (path, size, width, what, code) in [
        ("layers[0]", layers[0], network_inputs, input_source, code),
        (
            &format!("layers[{last}]") as &str,
            layers[last],
            targets[0].len(),
            "data.targets has columns",
            "data.layer-outputs",
        ),
    ] {
        if size != width {
            return Err(ConfigError::worded(
                path,
                Words::new(code, &[("width", &width), ("got", &size)]),
                format!("expected {width}, as many neurons as {what}, got {size}"),
            ));
        }
    }
    if loss == Loss::CrossEntropy {
        for (r, row) in targets.iter().enumerate() {
            if let Some(c) = row.iter().position(|y| !(0.0..=1.0).contains(y)) {
                return Err(ConfigError::worded(
                    format!("data.targets[{r}][{c}]"),
                    Words::new("data.cross-entropy-target", &[("got", &row[c])]),
                    format!(
                        "\"cross_entropy\" needs targets from 0 to 1, got {}",
                        row[c]
                    ),
                ));
            }
        }
    }
    if output == Activation::Softmax {
        // (Ŷ − Y)/n is the gradient of softmax cross-entropy only when each
        // row of Y is a distribution: anything else would train on a wrong gradient.
        for (r, row) in targets.iter().enumerate() {
            let sum: f64 = row.iter().sum();
            if (sum - 1.0).abs() > DISTRIBUTION_TOLERANCE {
                return Err(ConfigError::worded(
                    format!("data.targets[{r}]"),
                    Words::new("data.softmax-distribution", &[("sum", &sum)]),
                    format!(
                        "a softmax output needs each target row to be a distribution (entries from 0 to 1 \
                         summing to 1), but this row sums to {sum}; several labels per row need sigmoid outputs"
                    ),
                ));
            }
        }
    }
    let data = Dataset::from_rows(&inputs, &targets);
    Ok(match features {
        Some(f) => data.with_features(f),
        None => data,
    })
}

/// A non-empty list of rows of numbers, every row as wide as the first.
/// Rows as the page reads them: `{"inputs": [[…]], "targets": [[…]]}`.
pub fn rows_value(inputs: &[Vec<f64>], targets: &[Vec<f64>]) -> Value {
    serde_json::json!({ "inputs": inputs, "targets": targets })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xor_table_in_counting_order() {
        let (x, y) = truth_table(2, |b| vec![b[0] ^ b[1]]);
        assert_eq!(x, [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]);
        assert_eq!(y, [[0.0], [1.0], [1.0], [0.0]]);
    }

    #[test]
    fn blocks_of_rows_are_slices() {
        let (x, y) = truth_table(2, |b| vec![b[0] & b[1], b[0] | b[1]]);
        let data = Dataset::from_rows(&x, &y);
        assert_eq!(data.rows(), 4);
        assert_eq!(data.inputs(1..3), [0.0, 1.0, 1.0, 0.0]);
        assert_eq!(data.targets(3..4), [1.0, 1.0]);
        assert_eq!(data.input_rows(), x);
    }
}
