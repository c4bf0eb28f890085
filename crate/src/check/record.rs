//! The record of a learner's program (docs/numerics.md, "The record of a
//! learner's program"): its config, its starting parameters and the numbers
//! it recorded at some iterations. Errors name the JSON path; the learner's
//! own numbers may be anything, NaN included (a finding, not an error).

use serde_json::{Map, Value};

use crate::config::Config;
use crate::data::json::{array, integer, join, known_keys, object, required, ConfigError, Result};
use crate::nn::network::Network;
use crate::words::Words;

/// The most bytes and entries a record may have.
pub const MAX_BYTES: usize = 20_000_000;
pub const MAX_ENTRIES: usize = 100_000;

/// The quantities an entry may record for a layer, in the order they are compared.
pub const QUANTITIES: [&str; 7] = [
    "z",
    "a",
    "delta",
    "grad_weights",
    "grad_biases",
    "weights_after",
    "biases_after",
];

/// One weight layer's recorded numbers at one iteration, each flat and
/// row-major (`z`, `a`, `delta`: rows used × n_out; `grad_weights`,
/// `weights_after`: n_in × n_out), indexed like `QUANTITIES`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayerEntry {
    pub values: [Option<Vec<f64>>; 7],
}

/// What the learner recorded at one iteration.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub iteration: u64,
    pub loss: Option<f64>,
    pub layers: Vec<LayerEntry>,
}

#[derive(Clone, Debug)]
pub struct Record {
    pub config: Config,
    /// The starting parameters in the engine's flat layout.
    pub initial: Vec<f64>,
    pub entries: Vec<Entry>,
}

impl Record {
    pub fn from_json(text: &str) -> Result<Record> {
        if text.len() > MAX_BYTES {
            let mb = format!("{:.1}", text.len() as f64 / 1e6);
            let words = Words::new("record.too-large", &[("size", &mb)]);
            let message = format!("the record is {mb} MB; at most 20 MB");
            return Err(ConfigError::worded("", words, message));
        }
        let value: Value = serde_json::from_str(&nan_as_null(text)).map_err(|e| {
            let words = Words::new("json.not-json", &[("error", &e)]);
            ConfigError::worded("", words, format!("not valid JSON ({e})"))
        })?;
        Record::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Result<Record> {
        let top = object(value, "")?;
        known_keys(
            top,
            "",
            &["format", "version", "config", "initial", "iterations"],
        )?;
        match required(top, "", "format")? {
            Value::String(s) if s == "backprop-lab-record" => {}
            other => {
                let got = crate::data::json::describe(other);
                let message = format!("expected \"backprop-lab-record\", got {got}");
                let words = Words::new("record.format", &[("got", &got)]);
                return Err(ConfigError::worded("format", words, message));
            }
        }
        if integer(required(top, "", "version")?, "version", 1, 1).is_err() {
            let got = crate::data::json::describe(&top["version"]);
            let words = Words::new("record.version", &[("got", &got)]);
            let message = format!("this lab reads version 1, got {got}");
            return Err(ConfigError::worded("version", words, message));
        }
        let config = Config::from_value(required(top, "", "config")?).map_err(|e| ConfigError {
            path: join("config", &e.path),
            ..e
        })?;
        let mut network = Network::new(config.layers(), config.activations(), config.bias());
        match top.get("initial") {
            Some(v) => initial(v, &config, &mut network)?,
            None => network.initialise(config.init(), config.seed()),
        }
        let items = array(required(top, "", "iterations")?, "iterations")?;
        if items.len() > MAX_ENTRIES {
            let message = format!("{} entries; at most {MAX_ENTRIES}", items.len());
            let words = Words::new(
                "record.too-many",
                &[("count", &items.len()), ("most", &MAX_ENTRIES)],
            );
            return Err(ConfigError::worded("iterations", words, message));
        }
        let mut entries: Vec<Entry> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let entry = entry(item, &format!("iterations[{i}]"), &config)?;
            if let Some(last) = entries.last() {
                if entry.iteration <= last.iteration {
                    let message = format!(
                        "iteration {} comes after iteration {}: entries go in increasing order",
                        entry.iteration, last.iteration
                    );
                    let words = Words::new(
                        "record.order",
                        &[("iteration", &entry.iteration), ("last", &last.iteration)],
                    );
                    let at = format!("iterations[{i}].iteration");
                    return Err(ConfigError::worded(at, words, message));
                }
            }
            entries.push(entry);
        }
        let initial = network.params().to_vec();
        Ok(Record {
            config,
            initial,
            entries,
        })
    }

    /// Rows used by iteration `t` (the config's update mode).
    pub fn rows_at(&self, t: u64) -> std::ops::Range<usize> {
        self.config.update().rows(t, self.config.data().rows())
    }
}

/// Python's `json.dump` writes NaN and ±Infinity as bare words, which JSON
/// lacks: outside strings they become null, which the learner's numbers read as NaN.
fn nan_as_null(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("NaN") && !text.contains("Infinity") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c == '"' {
            in_string = true;
        } else {
            let word = ["-Infinity", "Infinity", "NaN"]
                .into_iter()
                .find(|w| rest.starts_with(w));
            if let Some(w) = word {
                out.push_str("null");
                rest = &rest[w.len()..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.into()
}

/// The starting parameters: finite numbers in the shapes of the layers.
fn initial(v: &Value, config: &Config, network: &mut Network) -> Result<()> {
    let layers = array(v, "initial")?;
    let sizes = config.layers();
    if layers.len() != sizes.len() - 1 {
        let message = format!(
            "expected {} weight layers, got {}",
            sizes.len() - 1,
            layers.len()
        );
        let words = Words::new(
            "record.layer-count",
            &[("expected", &(sizes.len() - 1)), ("got", &layers.len())],
        );
        return Err(ConfigError::worded("initial", words, message));
    }
    let ranges: Vec<_> = network
        .layers()
        .iter()
        .map(|l| (l.weight_range(), l.bias_range()))
        .collect();
    for (k, (layer, (w_at, b_at))) in layers.iter().zip(ranges).enumerate() {
        let path = format!("initial[{k}]");
        let map = object(layer, &path)?;
        known_keys(map, &path, &["weights", "biases"])?;
        let (n_in, n_out) = (sizes[k], sizes[k + 1]);
        let weights = finite_matrix(
            required(map, &path, "weights")?,
            &join(&path, "weights"),
            n_in,
            n_out,
        )?;
        network.params_mut()[w_at].copy_from_slice(&weights);
        if let Some(b) = map.get("biases") {
            let biases = finite_matrix(
                &Value::Array(vec![b.clone()]),
                &join(&path, "biases"),
                1,
                n_out,
            )
            .map_err(|e| ConfigError {
                path: e.path.replace("[0]", ""),
                ..e
            })?;
            if !config.bias() && biases.iter().any(|&x| x != 0.0) {
                let message =
                    "the config has no biases (\"bias\": false): leave them out or write zeros";
                let words = Words::new("record.no-biases", &[]);
                return Err(ConfigError::worded(join(&path, "biases"), words, message));
            }
            network.params_mut()[b_at].copy_from_slice(&biases);
        }
    }
    Ok(())
}

/// A `rows` × `cols` matrix of finite numbers, flat.
fn finite_matrix(v: &Value, path: &str, rows: usize, cols: usize) -> Result<Vec<f64>> {
    let flat = matrix(v, path, rows, cols)?;
    match flat.iter().position(|x| !x.is_finite()) {
        Some(i) => Err(ConfigError::worded(
            format!("{path}[{}][{}]", i / cols, i % cols),
            Words::new("record.not-finite", &[]),
            "expected a finite number",
        )),
        None => Ok(flat),
    }
}

/// A `rows` × `cols` matrix of numbers (null reads as NaN), flat; a bare row
/// of `cols` numbers is taken for a 1 × `cols` matrix.
fn matrix(v: &Value, path: &str, rows: usize, cols: usize) -> Result<Vec<f64>> {
    let outer = array(v, path)?;
    let flat_row = rows == 1 && outer.iter().all(|x| !x.is_array());
    let lines: Vec<&Value> = if flat_row {
        vec![v]
    } else {
        outer.iter().collect()
    };
    if lines.len() != rows {
        let message = format!(
            "expected {rows} rows of {cols} numbers, got {} rows",
            lines.len()
        );
        let words = Words::new(
            "record.rows",
            &[("rows", &rows), ("cols", &cols), ("got", &lines.len())],
        );
        return Err(ConfigError::worded(path, words, message));
    }
    let mut out = Vec::with_capacity(rows * cols);
    for (r, line) in lines.into_iter().enumerate() {
        let at = if flat_row {
            path.to_string()
        } else {
            format!("{path}[{r}]")
        };
        let cells = array(line, &at)?;
        if cells.len() != cols {
            let message = format!("expected {cols} numbers, got {}", cells.len());
            let words = Words::new("record.numbers", &[("cols", &cols), ("got", &cells.len())]);
            return Err(ConfigError::worded(at, words, message));
        }
        for (c, cell) in cells.iter().enumerate() {
            out.push(learner_number(cell, &format!("{at}[{c}]"))?);
        }
    }
    Ok(out)
}

/// One of the learner's numbers: a number, or null for NaN.
fn learner_number(v: &Value, path: &str) -> Result<f64> {
    match v {
        Value::Number(n) => Ok(n.as_f64().unwrap_or(f64::NAN)),
        Value::Null => Ok(f64::NAN),
        other => Err(crate::data::json::expected(
            path,
            crate::data::json::Want::Number,
            other,
        )),
    }
}

fn entry(v: &Value, path: &str, config: &Config) -> Result<Entry> {
    let map = object(v, path)?;
    known_keys(map, path, &["iteration", "loss", "layers"])?;
    let iteration = integer(
        required(map, path, "iteration")?,
        &join(path, "iteration"),
        0,
        1 << 53,
    )?;
    let loss = map
        .get("loss")
        .map(|l| learner_number(l, &join(path, "loss")))
        .transpose()?;
    let sizes = config.layers();
    let layers = match map.get("layers") {
        None => Vec::new(),
        Some(v) => {
            let items = array(v, &join(path, "layers"))?;
            if items.len() > sizes.len() - 1 {
                let message = format!(
                    "expected at most {} weight layers, got {}",
                    sizes.len() - 1,
                    items.len()
                );
                let words = Words::new(
                    "record.layers-at-most",
                    &[("most", &(sizes.len() - 1)), ("got", &items.len())],
                );
                return Err(ConfigError::worded(join(path, "layers"), words, message));
            }
            let rows = config.data().rows();
            let mut layers = Vec::with_capacity(items.len());
            for (k, item) in items.iter().enumerate() {
                let at = format!("{}[{k}]", join(path, "layers"));
                layers.push(layer_entry(
                    object(item, &at)?,
                    &at,
                    rows,
                    sizes[k],
                    sizes[k + 1],
                )?);
            }
            layers
        }
    };
    Ok(Entry {
        iteration,
        loss,
        layers,
    })
}

/// A layer's numbers: `z`, `a` and `delta` have one row per row used (1 to
/// the data's `rows`: a program that used other rows than the config says is
/// a finding), the others the layer's shapes.
fn layer_entry(
    map: &Map<String, Value>,
    path: &str,
    rows: usize,
    n_in: usize,
    n_out: usize,
) -> Result<LayerEntry> {
    known_keys(map, path, &QUANTITIES)?;
    let mut entry = LayerEntry::default();
    for (q, name) in QUANTITIES.iter().enumerate() {
        let Some(v) = map.get(*name) else { continue };
        let at = join(path, name);
        let (r, c) = match *name {
            "z" | "a" | "delta" => {
                let n = array(v, &at)?.len();
                if !(1..=rows).contains(&n) {
                    let message = format!(
                        "expected 1 to {rows} rows (the rows used) of {n_out} numbers, got {n}"
                    );
                    let words = Words::new(
                        "record.rows-used",
                        &[("rows", &rows), ("cols", &n_out), ("got", &n)],
                    );
                    return Err(ConfigError::worded(at, words, message));
                }
                (n, n_out)
            }
            "grad_weights" | "weights_after" => (n_in, n_out),
            _ => (1, n_out),
        };
        entry.values[q] = Some(matrix(v, &at, r, c)?);
    }
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record() -> Value {
        let config = crate::config::presets::preset_value("siraj-neuron").unwrap();
        json!({
            "format": "backprop-lab-record", "version": 1, "config": config,
            "initial": [{"weights": [[0.1], [0.2], [0.3]]}],
            "iterations": [{"iteration": 0, "loss": 0.5, "layers": [{"z": [[1], [2], [3], [4]], "weights_after": [[0.1], [0.2], [0.3]]}]}]
        })
    }

    type Edit = Box<dyn Fn(&mut Value)>;

    fn error(edit: impl Fn(&mut Value)) -> String {
        let mut v = record();
        edit(&mut v);
        Record::from_value(&v).unwrap_err().to_string()
    }

    #[test]
    fn a_record_reads_into_the_engines_layout() {
        let r = Record::from_value(&record()).unwrap();
        assert_eq!(&r.initial[..3], &[0.1, 0.2, 0.3]);
        assert_eq!(r.entries[0].loss, Some(0.5));
        assert_eq!(
            r.entries[0].layers[0].values[0],
            Some(vec![1.0, 2.0, 3.0, 4.0])
        );
        assert_eq!(r.entries[0].layers[0].values[2], None);
    }

    #[test]
    fn bad_records_are_errors_that_name_the_field() {
        let cases: Vec<(Edit, &str)> = vec![
            (
                Box::new(|v| v["format"] = json!("other")),
                "format: expected \"backprop-lab-record\"",
            ),
            (
                Box::new(|v| v["version"] = json!(2)),
                "version: this lab reads version 1, got 2",
            ),
            (
                Box::new(|v| v["config"]["layers"] = json!([3, 2])),
                "config.layers",
            ),
            (
                Box::new(|v| v["initial"][0]["weights"] = json!([[0.1], [0.2]])),
                "initial[0].weights: expected 3 rows",
            ),
            (
                Box::new(|v| v["initial"][0]["weights"][1][0] = Value::Null),
                "initial[0].weights[1][0]: expected a finite number",
            ),
            (
                Box::new(|v| v["iterations"][0]["layers"][0]["weights_after"] = json!([[1, 2]])),
                "iterations[0].layers[0].weights_after",
            ),
            (
                Box::new(|v| v["iterations"][0]["layers"][0]["z"] = json!([])),
                "iterations[0].layers[0].z: expected 1 to 4 rows",
            ),
            (
                Box::new(|v| v["iterations"][0]["oops"] = json!(1)),
                "iterations[0]",
            ),
            (
                Box::new(|v| v["iterations"] = json!([{"iteration": 3}, {"iteration": 2}])),
                "iterations[1].iteration: iteration 2 comes after iteration 3",
            ),
        ];
        for (edit, expected) in cases {
            let e = error(edit);
            assert!(e.contains(expected), "{e} should contain {expected}");
        }
        let many = json!(vec![json!({"iteration": 0}); MAX_ENTRIES + 1]);
        assert!(error(|v| v["iterations"] = many.clone()).contains("at most 100000"));
        assert!(Record::from_json("{")
            .unwrap_err()
            .to_string()
            .contains("not valid JSON"));
    }

    #[test]
    fn nan_and_infinity_words_are_the_learners_nan_outside_strings() {
        let text = r#"{"a": [NaN, -Infinity, Infinity], "b": "NaN \"Infinity\""}"#;
        let v: Value = serde_json::from_str(&nan_as_null(text)).unwrap();
        assert_eq!(v["a"], json!([null, null, null]));
        assert_eq!(v["b"], json!("NaN \"Infinity\""));
        let mut r = record();
        r["iterations"][0]["loss"] = json!("x");
        let text = r.to_string().replace("\"x\"", "NaN");
        assert!(Record::from_json(&text).unwrap().entries[0]
            .loss
            .unwrap()
            .is_nan());
    }
}
