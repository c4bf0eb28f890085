//! Every number of one iteration (docs/numerics.md, the `trace` command): what the
//! step inspector shows and the command line prints.

use serde::Serialize;
use serde_json::{json, Value};

use crate::nn::network::{Network, Pass};
use crate::nn::optimizer::OptimizerState;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trace {
    /// How many iterations ran before this one.
    pub iteration: u64,
    /// The data rows this iteration uses.
    pub rows: Vec<usize>,
    /// The reported loss (all rows) before and after the update.
    pub loss_before: f64,
    pub loss_after: f64,
    /// The loss of just the rows used, before the update, without the l2 term.
    #[serde(skip)]
    pub rows_loss: f64,
    pub layers: Vec<LayerTrace>,
    /// The optimizer's memory before and after the update (empty for sgd).
    #[serde(skip)]
    pub state_before: OptimizerState,
    #[serde(skip)]
    pub state_after: OptimizerState,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LayerTrace {
    /// One row per data row used, one column per neuron of this layer.
    pub z: Vec<Vec<f64>>,
    pub a: Vec<Vec<f64>>,
    pub delta: Vec<Vec<f64>>,
    /// n_in rows of n_out, like the weights.
    pub grad_weights: Vec<Vec<f64>>,
    pub grad_biases: Vec<f64>,
    pub weights_before: Vec<Vec<f64>>,
    pub weights_after: Vec<Vec<f64>>,
    pub biases_before: Vec<f64>,
    pub biases_after: Vec<f64>,
    /// f'(z) per row and neuron (what the deltas multiply by).
    #[serde(skip)]
    pub fprime: Vec<Vec<f64>>,
    /// Σ_k w_jk·δ_k per row and neuron: what flows back from the layer above
    /// before the f' product (empty for the output layer).
    #[serde(skip)]
    pub back_sums: Vec<Vec<f64>>,
}

/// Reads one iteration off the buffers that computed it: `pass` and `grads`
/// from the forward and backward passes, `before` and `after` the networks on
/// either side of the update.
pub(crate) fn layer_traces(
    pass: &Pass,
    grads: &[f64],
    before: &Network,
    after: &Network,
) -> Vec<LayerTrace> {
    let layers = before.layers();
    layers
        .iter()
        .enumerate()
        .map(|(l, layer)| {
            let n = layer.outputs;
            let fprime: Vec<f64> = pass
                .z(l)
                .iter()
                .zip(pass.a(l))
                .map(|(&z, &a)| layer.activation.derivative(z, a))
                .collect();
            // Δ_{l+1}·W_{l+1}ᵀ, summed over k in order as the backward pass does.
            let back_sums = match layers.get(l + 1) {
                None => Vec::new(),
                Some(above) => {
                    let (w, m) = (before.weights(l + 1), above.outputs);
                    pass.delta(l + 1)
                        .chunks(m.max(1))
                        .map(|delta| {
                            (0..n)
                                .map(|j| (0..m).fold(0.0, |s, k| s + delta[k] * w[j * m + k]))
                                .collect()
                        })
                        .collect()
                }
            };
            LayerTrace {
                fprime: matrix(&fprime, n),
                back_sums,
                z: matrix(pass.z(l), n),
                a: matrix(pass.a(l), n),
                delta: matrix(pass.delta(l), n),
                grad_weights: matrix(&grads[layer.weight_range()], n),
                grad_biases: grads[layer.bias_range()].to_vec(),
                weights_before: matrix(before.weights(l), n),
                weights_after: matrix(after.weights(l), n),
                biases_before: before.biases(l).to_vec(),
                biases_after: after.biases(l).to_vec(),
            }
        })
        .collect()
}

/// Row-major numbers as rows of `width`.
pub fn matrix(values: &[f64], width: usize) -> Vec<Vec<f64>> {
    values.chunks(width.max(1)).map(<[f64]>::to_vec).collect()
}

/// The trace as the step inspector reads it: the command line's trace plus
/// `rows_loss` (the loss of just its rows, before the update, without l2),
/// per layer `fprime` (f'(z)), `back_sums` (Σ_k w_jk·δ_k from the layer
/// above), `step_weights` and `step_biases` (what the update moved each
/// parameter by: new − old), and `optimizer` (its memory before and after).
pub fn page_value(trace: &Trace) -> Value {
    let mut value = json!(trace);
    value["rows_loss"] = trace.rows_loss.into();
    let layers = value["layers"].as_array_mut().into_iter().flatten();
    for (layer, extra) in layers.zip(&trace.layers) {
        let moved = |after: &[f64], before: &[f64]| -> Vec<f64> {
            after.iter().zip(before).map(|(a, b)| a - b).collect()
        };
        let step_weights: Vec<Vec<f64>> = extra
            .weights_after
            .iter()
            .zip(&extra.weights_before)
            .map(|(a, b)| moved(a, b))
            .collect();
        layer["fprime"] = json!(extra.fprime);
        layer["back_sums"] = json!(extra.back_sums);
        layer["step_weights"] = json!(step_weights);
        layer["step_biases"] = json!(moved(&extra.biases_after, &extra.biases_before));
    }
    value["optimizer"] = json!({
        "before": trace.state_before.to_value(),
        "after": trace.state_after.to_value(),
    });
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Trainer};

    #[test]
    fn the_pages_trace_adds_what_the_inspector_shows() {
        let mut config = crate::config::presets::preset_value("xor").unwrap();
        config["optimizer"] = json!({"kind": "adam", "learning_rate": 0.01});
        let mut trainer = Trainer::new(Config::from_value(&config).unwrap());
        trainer.run(3).unwrap();
        let trace = trainer.trace().unwrap();
        let page = page_value(&trace);
        assert_eq!(page["iteration"], 3);
        assert_eq!(page["rows_loss"], trace.rows_loss);
        assert_eq!(page["optimizer"]["before"]["steps"], 3);
        assert_eq!(page["optimizer"]["after"]["steps"], 4);
        let (first, last) = (&page["layers"][0], &page["layers"][1]);
        let moved = first["step_weights"][1][2].as_f64().unwrap();
        let (before, after) = (
            &trace.layers[0].weights_before[1][2],
            &trace.layers[0].weights_after[1][2],
        );
        assert_eq!(moved, after - before);
        let a = trace.layers[0].a[0][1];
        assert_eq!(
            first["fprime"][0][1].as_f64().unwrap(),
            a * (1.0 - a),
            "sigmoid's f' = a(1 − a)"
        );
        assert_eq!(first["back_sums"][0].as_array().unwrap().len(), 4);
        assert_eq!(
            last["back_sums"],
            json!([]),
            "nothing flows back into the output layer"
        );
        // The command line's trace is the same without the page's keys.
        let plain = json!(trace);
        assert!(plain.get("rows_loss").is_none() && plain["layers"][0].get("fprime").is_none());
    }
}
