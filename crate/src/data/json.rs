//! The one reader of JSON that people type or load: configs, saved runs,
//! test rows. Every error names the JSON path of what is wrong (`layers[2]`,
//! `optimizer.learning_rate`; empty for the text as a whole) and says what
//! was expected and what was found, in the same words wherever it is read.

use std::fmt;

use serde_json::{Map, Value};

use crate::limits::MAX_ROWS;
use crate::words::{Worded, Words};

/// What is wrong with a JSON input: where (a JSON path such as `layers[2]` or
/// `optimizer.learning_rate`; empty for the text as a whole) and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub message: String,
    /// The message's code and values for a page in another language (none: the page shows the English).
    pub words: Words,
}

impl ConfigError {
    #[cold]
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> ConfigError {
        ConfigError::worded(path, Words::default(), message)
    }

    /// An error a learner meets in the page, with its code and values.
    #[cold]
    pub fn worded(
        path: impl Into<String>,
        words: Words,
        message: impl Into<String>,
    ) -> ConfigError {
        ConfigError {
            path: path.into(),
            message: message.into(),
            words,
        }
    }
}

impl Worded for ConfigError {
    fn words(&self) -> Words {
        if self.words.code.is_empty() {
            return Words::default();
        }
        self.words.clone().with("path", &self.path)
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "config: {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

pub type Result<T> = std::result::Result<T, ConfigError>;

/// The text as JSON; the error is the same for every input.
pub fn parse(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| {
        let words = Words::new("json.not-json", &[("error", &e)]);
        ConfigError::worded("", words, format!("not valid JSON ({e})"))
    })
}

pub fn rows(v: &Value, path: &str, max_width: usize) -> Result<Vec<Vec<f64>>> {
    let items = array(v, path)?;
    if items.is_empty() || items.len() > MAX_ROWS {
        return Err(ConfigError::worded(
            path,
            Words::new(
                "json.row-count",
                &[("most", &MAX_ROWS), ("got", &items.len())],
            ),
            format!("expected 1 to {MAX_ROWS} rows, got {}", items.len()),
        ));
    }
    let mut rows = Vec::with_capacity(items.len());
    for (r, item) in items.iter().enumerate() {
        let path = format!("{path}[{r}]");
        let cells = array(item, &path)?;
        let width = rows
            .first()
            .map_or(cells.len(), |first: &Vec<f64>| first.len());
        if cells.is_empty() || cells.len() > max_width {
            return Err(ConfigError::worded(
                path,
                Words::new(
                    "json.row-width",
                    &[("most", &max_width), ("got", &cells.len())],
                ),
                format!(
                    "expected a row of 1 to {max_width} numbers, got {}",
                    cells.len()
                ),
            ));
        }
        if cells.len() != width {
            return Err(ConfigError::worded(
                path,
                Words::new(
                    "json.row-like-first",
                    &[("width", &width), ("got", &cells.len())],
                ),
                format!(
                    "expected {width} numbers, as many as row 0 has, got {}",
                    cells.len()
                ),
            ));
        }
        let row = cells
            .iter()
            .enumerate()
            .map(|(c, v)| number(v, &format!("{path}[{c}]"), Bound::Any))
            .collect::<Result<Vec<f64>>>()?;
        rows.push(row);
    }
    Ok(rows)
}

pub fn object<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>> {
    v.as_object().ok_or_else(|| expected(path, Want::Object, v))
}

pub fn array<'a>(v: &'a Value, path: &str) -> Result<&'a Vec<Value>> {
    v.as_array().ok_or_else(|| expected(path, Want::List, v))
}

pub fn required<'a>(map: &'a Map<String, Value>, path: &str, key: &str) -> Result<&'a Value> {
    map.get(key).ok_or_else(|| {
        ConfigError::worded(
            join(path, key),
            Words::new("json.required", &[]),
            "required",
        )
    })
}

pub fn known_keys(map: &Map<String, Value>, path: &str, keys: &[&str]) -> Result<()> {
    match map.keys().find(|k| !keys.contains(&k.as_str())) {
        None => Ok(()),
        Some(key) => Err(ConfigError::worded(
            join(path, &short(key)),
            Words::new("json.unknown-key", &[("keys", &keys.join(", "))]),
            format!("unknown key; expected one of {}", keys.join(", ")),
        )),
    }
}

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

pub fn integer(v: &Value, path: &str, min: u64, max: u64) -> Result<u64> {
    match v.as_u64() {
        Some(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(expected(path, Want::Integer { min, max }, v)),
    }
}

/// The range a number must lie in.
#[derive(Clone, Copy, Debug)]
pub enum Bound {
    Any,
    NonNegative,
    Positive,
    /// 0 ≤ x < 1
    Fraction,
}

pub fn number(v: &Value, path: &str, bound: Bound) -> Result<f64> {
    // A JSON number too large for f64 (1e999) is a number that is not finite.
    let x = v.as_f64().filter(|x| x.is_finite());
    let (ok, want) = match (x, bound) {
        (None, _) if v.is_number() => (false, Want::FiniteNumber),
        (None, _) => (false, Want::Number),
        (Some(_), Bound::Any) => (true, Want::Number),
        (Some(x), Bound::NonNegative) => (x >= 0.0, Want::NonNegative),
        (Some(x), Bound::Positive) => (x > 0.0, Want::Positive),
        (Some(x), Bound::Fraction) => ((0.0..1.0).contains(&x), Want::Fraction),
    };
    match x {
        Some(x) if ok => Ok(x),
        _ => Err(expected(path, want, v)),
    }
}

pub fn named<T: Copy>(
    v: Option<&Value>,
    path: &str,
    default: T,
    all: &[T],
    name: impl Fn(T) -> &'static str,
) -> Result<T> {
    let Some(v) = v else { return Ok(default) };
    let found = v
        .as_str()
        .and_then(|s| all.iter().copied().find(|&t| name(t) == s));
    found.ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|&t| name(t)).collect();
        expected(path, Want::OneOf(&names), v)
    })
}

/// What a value should have been: `expected`'s English, and its words for the page.
#[derive(Clone, Copy, Debug)]
pub enum Want<'a> {
    Object,
    List,
    Number,
    FiniteNumber,
    NonNegative,
    Positive,
    /// 0 ≤ x < 1
    Fraction,
    TrueOrFalse,
    NameOrList,
    Integer {
        min: u64,
        max: u64,
    },
    /// One of these names (written quoted).
    OneOf(&'a [&'a str]),
    /// `layers[0]`: 1 to `max` inputs.
    Inputs(usize),
    /// The last entry of `layers`: 1 to `max` outputs.
    Outputs(usize),
    /// `layers[layer]`: 1 to `max` neurons.
    Neurons {
        max: usize,
        layer: usize,
    },
}

impl Want<'_> {
    fn english(self) -> String {
        match self {
            Want::Object => "an object".into(),
            Want::List => "a list".into(),
            Want::Number => "a number".into(),
            Want::FiniteNumber => "a finite number".into(),
            Want::NonNegative => "a number of at least 0".into(),
            Want::Positive => "a number greater than 0".into(),
            Want::Fraction => "a number from 0 up to (not including) 1".into(),
            Want::TrueOrFalse => "true or false".into(),
            Want::NameOrList => "a name or a list of names".into(),
            Want::Integer { min, max } => format!("an integer from {min} to {max}"),
            Want::OneOf(names) => format!("one of {}", quoted(names)),
            Want::Inputs(max) => format!(
                "an integer from 1 to {max}: the number of inputs (the data's input columns)"
            ),
            Want::Outputs(max) => format!(
                "an integer from 1 to {max}: the number of outputs (the data's target columns)"
            ),
            Want::Neurons { max, layer } => {
                format!("an integer from 1 to {max}: the number of neurons in hidden layer {layer}")
            }
        }
    }

    fn words(self) -> Words {
        match self {
            Want::Object => Words::new("json.expected-object", &[]),
            Want::List => Words::new("json.expected-list", &[]),
            Want::Number => Words::new("json.expected-number", &[]),
            Want::FiniteNumber => Words::new("json.expected-finite", &[]),
            Want::NonNegative => Words::new("json.expected-at-least-0", &[]),
            Want::Positive => Words::new("json.expected-positive", &[]),
            Want::Fraction => Words::new("json.expected-fraction", &[]),
            Want::TrueOrFalse => Words::new("json.expected-true-false", &[]),
            Want::NameOrList => Words::new("json.expected-name-or-list", &[]),
            Want::Integer { min, max } => {
                Words::new("json.expected-integer", &[("min", &min), ("max", &max)])
            }
            Want::OneOf(names) => Words::new("json.expected-one-of", &[("names", &quoted(names))]),
            Want::Inputs(max) => Words::new("json.expected-inputs", &[("max", &max)]),
            Want::Outputs(max) => Words::new("json.expected-outputs", &[("max", &max)]),
            Want::Neurons { max, layer } => {
                Words::new("json.expected-neurons", &[("max", &max), ("layer", &layer)])
            }
        }
    }
}

/// Names as a message lists them: "a", "b", "c".
fn quoted(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    quoted.join(", ")
}

/// The error at `path`: `want` expected, `got` found. Its words carry `got`
/// as JSON shows it ([…] with its length, {…}, the text or the number), the
/// same in every language.
#[cold]
#[inline(never)]
pub fn expected(path: &str, want: Want, got: &Value) -> ConfigError {
    let shown = match got {
        Value::Array(items) => format!("[…] ({})", items.len()),
        Value::Object(_) => "{…}".to_string(),
        Value::String(s) => format!("\"{}\"", short(s)),
        other => short(&other.to_string()),
    };
    ConfigError::worded(
        path,
        want.words().with("got", shown),
        format!("expected {}, got {}", want.english(), describe(got)),
    )
}

/// A short rendering of a JSON value for a message.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Array(items) => format!("a list of {}", items.len()),
        Value::Object(_) => "an object".to_string(),
        Value::String(s) => format!("\"{}\"", short(s)),
        other => short(&other.to_string()),
    }
}

pub fn short(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}
