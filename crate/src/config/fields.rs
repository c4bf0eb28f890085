//! The config's fields one at a time (docs/numerics.md, "The config"):
//! `version`, `layers`, `activations`, `update` and `optimizer`, each read
//! from its JSON value with the limits that apply, an error naming its path.

use serde_json::Value;

use crate::data::json::{
    array, describe, expected, integer, known_keys, named, number, object, required, Bound, Result,
    Want,
};
use crate::limits::{MAX_INPUTS, MAX_NEURONS, MAX_OUTPUTS, MAX_ROWS, MAX_WEIGHT_LAYERS};
use crate::nn::activation::Activation;
use crate::nn::optimizer::Optimizer;
use crate::nn::schedule::Update;
use crate::words::Words;

use super::ConfigError;

pub(super) fn version(v: Option<&Value>) -> Result<()> {
    match v {
        Some(v) if v.as_u64() == Some(1) => Ok(()),
        Some(v) => Err(ConfigError::worded(
            "version",
            Words::new("config.version", &[("got", &describe(v))]),
            format!("this build reads config version 1, got {}", describe(v)),
        )),
        None => Err(ConfigError::worded(
            "version",
            Words::new("config.version-required", &[]),
            "required: 1 for this schema",
        )),
    }
}

pub(super) fn layers(v: &Value) -> Result<Vec<usize>> {
    let items = array(v, "layers")?;
    let (min, max) = (2, MAX_WEIGHT_LAYERS + 1);
    if items.len() < min || items.len() > max {
        return Err(ConfigError::worded(
            "layers",
            Words::new(
                "config.layer-count",
                &[("min", &min), ("max", &max), ("got", &items.len())],
            ),
            format!(
                "expected {min} to {max} layer sizes, input first (at most {MAX_WEIGHT_LAYERS} weight layers), got {}",
                items.len()
            ),
        ));
    }
    let last = items.len() - 1;
    items
        .iter()
        .enumerate()
        .map(|(i, v)| {
            // The message names what the entry counts: a CSV or a table
            // too wide must say it is about the inputs or the outputs.
            let (max, want) = match i {
                0 => (MAX_INPUTS, Want::Inputs(MAX_INPUTS)),
                _ if i == last => (MAX_OUTPUTS, Want::Outputs(MAX_OUTPUTS)),
                _ => (
                    MAX_NEURONS,
                    Want::Neurons {
                        max: MAX_NEURONS,
                        layer: i,
                    },
                ),
            };
            match v.as_u64() {
                Some(n) if (1..=max as u64).contains(&n) => Ok(n as usize),
                _ => Err(expected(&format!("layers[{i}]"), want, v)),
            }
        })
        .collect()
}

pub(super) fn activations(v: &Value, layers: &[usize]) -> Result<Vec<Activation>> {
    let count = layers.len() - 1;
    let list = match v {
        Value::String(_) => vec![activation(v, "activations")?; count],
        Value::Array(items) if items.len() == count => items
            .iter()
            .enumerate()
            .map(|(i, v)| activation(v, &format!("activations[{i}]")))
            .collect::<Result<_>>()?,
        Value::Array(items) => {
            return Err(ConfigError::worded(
                "activations",
                Words::new(
                    "config.activation-count",
                    &[("count", &count), ("got", &items.len())],
                ),
                format!(
                    "expected one name per weight layer ({count}), got {}",
                    items.len()
                ),
            ))
        }
        _ => return Err(expected("activations", Want::NameOrList, v)),
    };
    for (i, &a) in list.iter().enumerate() {
        if a == Activation::Softmax && i + 1 < count {
            let path = if v.is_string() {
                "activations".to_string()
            } else {
                format!("activations[{i}]")
            };
            return Err(ConfigError::worded(
                path,
                Words::new("config.softmax-hidden", &[]),
                "softmax is only for the output layer; give a list such as [\"sigmoid\", \"softmax\"]",
            ));
        }
    }
    let outputs = layers[layers.len() - 1];
    if list[count - 1] == Activation::Softmax && outputs < 2 {
        return Err(ConfigError::worded(
            "activations",
            Words::new("config.softmax-outputs", &[("outputs", &outputs)]),
            format!("softmax needs at least 2 outputs, but the last layer has {outputs}"),
        ));
    }
    Ok(list)
}

pub(super) fn activation(v: &Value, path: &str) -> Result<Activation> {
    named(Some(v), path, Activation::Sigmoid, &Activation::ALL, |a| {
        a.name()
    })
}

/// The update modes a config may name.
const MODES: [&str; 3] = ["batch", "online", "minibatch"];

pub(super) fn update(v: &Value) -> Result<Update> {
    let map = object(v, "update")?;
    let mode = match map.get("mode") {
        None => "batch",
        Some(Value::String(s)) => s.as_str(),
        Some(v) => return Err(expected("update.mode", Want::OneOf(&MODES), v)),
    };
    let update = match mode {
        "batch" => Update::Batch,
        "online" => Update::Online,
        "minibatch" => {
            let size = required(map, "update", "size")?;
            Update::Minibatch {
                size: integer(size, "update.size", 1, MAX_ROWS as u64)? as usize,
            }
        }
        _ => return Err(expected("update.mode", Want::OneOf(&MODES), &map["mode"])),
    };
    let keys: &[&str] = if mode == "minibatch" {
        &["mode", "size"]
    } else {
        &["mode"]
    };
    known_keys(map, "update", keys)?;
    Ok(update)
}

pub(super) fn optimizer(v: &Value) -> Result<Optimizer> {
    let map = object(v, "optimizer")?;
    let kinds = Optimizer::KINDS;
    let kind = match map.get("kind") {
        None => "sgd",
        Some(Value::String(s)) if kinds.contains(&s.as_str()) => s.as_str(),
        Some(v) => return Err(expected("optimizer.kind", Want::OneOf(&kinds), v)),
    };
    let keys: &[&str] = match kind {
        "sgd" => &["kind", "learning_rate"],
        "momentum" => &["kind", "learning_rate", "momentum"],
        _ => &["kind", "learning_rate", "beta1", "beta2", "epsilon"],
    };
    known_keys(map, "optimizer", keys)?;
    let get = |key: &str, default: f64, bound: Bound| match map.get(key) {
        None => Ok(default),
        Some(v) => number(v, &format!("optimizer.{key}"), bound),
    };
    let below_one = Bound::Fraction;
    Ok(match Optimizer::default_of(kind) {
        Optimizer::Sgd { learning_rate } => Optimizer::Sgd {
            learning_rate: get("learning_rate", learning_rate, Bound::Positive)?,
        },
        Optimizer::Momentum {
            learning_rate,
            momentum,
        } => Optimizer::Momentum {
            learning_rate: get("learning_rate", learning_rate, Bound::Positive)?,
            momentum: get("momentum", momentum, below_one)?,
        },
        Optimizer::Adam {
            learning_rate,
            beta1,
            beta2,
            epsilon,
        } => Optimizer::Adam {
            learning_rate: get("learning_rate", learning_rate, Bound::Positive)?,
            beta1: get("beta1", beta1, below_one)?,
            beta2: get("beta2", beta2, below_one)?,
            epsilon: get("epsilon", epsilon, Bound::Positive)?,
        },
    })
}
