//! The engine's facts that the page reads instead of typing them again: the
//! limits, the defaults a config leaves out, and where a run's numbers are
//! (the layout of the parameters, the size of an update and of an epoch).

use serde_json::{json, Map, Value};

use crate::config::presets;
use crate::data::features::Feature;
use crate::data::{csv, digits};
use crate::limits;
use crate::nn::optimizer::Optimizer;
use crate::train::trainer::Trainer;
use crate::words::{group_thousands, Refusal, Words};

/// What a config, a file or the boundary may be.
pub fn limits() -> Value {
    json!({
        "weight_layers": limits::MAX_WEIGHT_LAYERS, "neurons": limits::MAX_NEURONS,
        "inputs": limits::MAX_INPUTS, "outputs": limits::MAX_OUTPUTS, "rows": limits::MAX_ROWS,
        "csv_chars": csv::MAX_CHARS, "csv_columns": csv::MAX_COLUMNS,
        "file_bytes": crate::train::saved::MAX_FILE_BYTES,
        "iterations": crate::train::trainer::MAX_ITERATIONS,
        "grid_cells": super::boundary::MAX_CELLS,
        "landscape_cells": super::landscape::CELLS,
    })
}

/// The defaults a config leaves out (each optimizer's settings, the seed), a
/// point set's settings, the presets' names, the side of a picture input and
/// the input features in their order.
pub fn defaults() -> Value {
    let optimizers: Map<String, Value> = Optimizer::KINDS
        .iter()
        .map(|&k| (k.to_string(), Optimizer::default_of(k).to_value()))
        .collect();
    let (points, noise, test_share) = presets::POINT_DEFAULTS;
    json!({
        "optimizers": optimizers,
        "seed": crate::math::rng::DEFAULT_SEED,
        "points": { "points": points, "noise": noise, "test_share": test_share },
        "presets": presets::NAMES,
        "picture_side": digits::SIDE,
        "features": Feature::ALL.map(Feature::name),
    })
}

/// Where each layer's numbers are: `{"sizes", "parameters", "update_rows",
/// "iterations_per_epoch", "input_names", "layers": [{"inputs", "outputs", "activation",
/// "weights_at", "biases_at", "values_at"}]}`, offsets into the parameters
/// and gradients (the weights row by row, n_in × n_out, then the biases) and
/// into a row's values (the layer's z values, then its a values).
pub fn layout(trainer: &Trainer) -> Value {
    let network = trainer.network();
    let mut values_at = 0;
    let layers: Vec<Value> = network
        .layers()
        .iter()
        .map(|l| {
            let layer = json!({
                "inputs": l.inputs, "outputs": l.outputs, "activation": l.activation.name(),
                "weights_at": l.weight_range().start, "biases_at": l.bias_range().start,
                "values_at": values_at,
            });
            values_at += 2 * l.outputs;
            layer
        })
        .collect();
    let rows = trainer.config().data().rows();
    // What each input neuron sees: a feature of x1, x2, or column i as x_i.
    let input_names: Vec<String> = match trainer.config().features() {
        Some(f) => f.names().iter().map(|n| n.to_string()).collect(),
        None => (1..=network.inputs()).map(|i| format!("x{i}")).collect(),
    };
    json!({
        "sizes": network.sizes(),
        "parameters": network.params().len(),
        "update_rows": trainer.config().update().block(rows),
        "iterations_per_epoch": trainer.iterations_per_epoch(),
        "input_names": input_names,
        "layers": layers,
    })
}

/// Where the run stands: `[iteration, epoch, rows, the next update's first
/// row, one past its last, the iteration that diverged or NaN, 1 if a
/// parameter was set by hand since the weights were drawn else 0]`; counts
/// are exact up to 2^53.
pub fn counters(trainer: &Trainer) -> Vec<f64> {
    let next = trainer.next_rows();
    let counts = [
        trainer.iterations(),
        trainer.epochs(),
        trainer.config().data().rows() as u64,
    ];
    let rows = [next.start as f64, next.end as f64];
    let diverged = trainer.diverged().map_or(f64::NAN, |i| i as f64);
    let hand = if trainer.hand_edited() { 1.0 } else { 0.0 };
    counts
        .map(|n| n as f64)
        .into_iter()
        .chain(rows)
        .chain([diverged, hand])
        .collect()
}

/// Refuses a trace past the page's budget (`limits::PAGE_TRACE_NUMBERS`): the
/// numbers of one iteration are 5 per row and neuron (z, a, δ, f', Σwδ) and 6
/// per parameter.
pub fn trace_within_budget(trainer: &Trainer) -> Result<(), Refusal> {
    let sizes = trainer.network().sizes();
    let rows = trainer
        .config()
        .update()
        .block(trainer.config().data().rows());
    let neurons: usize = sizes.iter().sum();
    let numbers = 5 * rows * neurons + 6 * trainer.network().params().len();
    if numbers <= limits::PAGE_TRACE_NUMBERS {
        return Ok(());
    }
    let n = |x: usize| group_thousands(x as u64);
    let (numbers, rows, neurons, most) = (
        n(numbers),
        n(rows),
        n(neurons),
        n(limits::PAGE_TRACE_NUMBERS),
    );
    let words = Words::new(
        "limits.trace",
        &[
            ("numbers", &numbers),
            ("rows", &rows),
            ("neurons", &neurons),
            ("most", &most),
        ],
    );
    Err(Refusal::new(words, format!(
        "This iteration has about {numbers} numbers ({rows} rows × {neurons} neurons, and every parameter), \
         more than the inspector shows at once ({most}): choose mini-batches or one row at a time, or a smaller network"
    )))
}

/// Refuses a gradient check past the page's budget (`limits::PAGE_GRADIENT_CHECK`):
/// two passes over the update's rows per parameter.
pub fn check_within_budget(trainer: &Trainer) -> Result<(), Refusal> {
    let params = trainer.network().params().len();
    let rows = trainer
        .config()
        .update()
        .block(trainer.config().data().rows());
    if ((params * params * rows) as f64) <= limits::PAGE_GRADIENT_CHECK {
        return Ok(());
    }
    let (parameters, rows) = (group_thousands(params as u64), group_thousands(rows as u64));
    let words = Words::new(
        "limits.check",
        &[("parameters", &parameters), ("rows", &rows)],
    );
    Err(Refusal::new(
        words,
        format!(
        "the check runs the network twice per parameter: {parameters} parameters on {rows} rows \
         is too much work for the page; try a smaller network or mini-batches"
    ),
    ))
}
