//! Gradient health, layer by layer: how large the gradients are beside the
//! weights (RMS of ∂L/∂W and of W: gradients far smaller than the weights
//! barely move them, vanishing; larger, exploding), and how many units are
//! stuck: ReLU units that output 0 for every row (dead), sigmoid and tanh
//! activations within 1 % of their bounds, where f′ is nearly 0 (saturated).

use crate::data::dataset::Dataset;
use crate::nn::activation::Activation;
use crate::nn::network::{Network, Pass};

/// Below this ratio of gradient RMS to weight RMS a layer's gradients vanish.
pub const VANISHING: f64 = 1e-6;
/// Above it (gradients larger than the weights) they explode.
pub const EXPLODING: f64 = 1.0;
/// How close to a bound an activation is saturated: sigmoid below 0.01 or
/// above 0.99 (f′ < 0.0099 of its 0.25 at most), tanh beyond ±0.99.
const SATURATED: f64 = 0.01;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayerHealth {
    /// RMS of ∂L/∂W (weights only, not biases) and of W.
    pub gradient_rms: f64,
    pub weight_rms: f64,
    /// ReLU layers: the share of units that output 0 for every row.
    pub dead: Option<f64>,
    /// Sigmoid and tanh layers: the share of activations (rows × units) within 1 % of a bound.
    pub saturated: Option<f64>,
}

impl LayerHealth {
    pub fn vanishing(&self) -> bool {
        self.gradient_rms < VANISHING * self.weight_rms
    }

    pub fn exploding(&self) -> bool {
        self.gradient_rms > EXPLODING * self.weight_rms
    }

    /// As the page reads it: `{"gradient_rms", "weight_rms", "dead" | null,
    /// "saturated" | null, "vanishing", "exploding"}`.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::json!({
            "gradient_rms": self.gradient_rms, "weight_rms": self.weight_rms,
            "dead": self.dead, "saturated": self.saturated,
            "vanishing": self.vanishing(), "exploding": self.exploding(),
        })
    }
}

/// The root mean square of `values` (0 for none).
pub(crate) fn rms(values: impl IntoIterator<Item = f64>) -> f64 {
    let (sum, n) = values
        .into_iter()
        .fold((0.0, 0usize), |(s, n), x| (s + x * x, n + 1));
    (sum / n.max(1) as f64).sqrt()
}

/// Each weight layer's health: `grads` laid out like the parameters (the
/// gradients of the next update), the units' activations over every row of
/// `data` (`pass` is scratch space for blocks of rows).
pub fn health(
    network: &Network,
    grads: &[f64],
    data: &Dataset,
    pass: &mut Pass,
) -> Vec<LayerHealth> {
    let layers = network.layers();
    let mut dead: Vec<Vec<bool>> = layers.iter().map(|l| vec![true; l.outputs]).collect();
    let mut saturated = vec![0usize; layers.len()];
    let rows = data.rows();
    network.forward_blocks(data.inputs(0..rows), 0..rows, pass, |_, pass| {
        for (l, layer) in layers.iter().enumerate() {
            let a = pass.a(l);
            match layer.activation {
                Activation::Relu => {
                    for row in a.chunks(layer.outputs) {
                        dead[l]
                            .iter_mut()
                            .zip(row)
                            .for_each(|(d, &x)| *d &= x <= 0.0);
                    }
                }
                Activation::Sigmoid => {
                    saturated[l] += a
                        .iter()
                        .filter(|&&x| !(SATURATED..=1.0 - SATURATED).contains(&x))
                        .count();
                }
                Activation::Tanh => {
                    saturated[l] += a.iter().filter(|&&x| x.abs() > 1.0 - SATURATED).count()
                }
                Activation::Linear | Activation::Softmax => {}
            }
        }
    });
    layers
        .iter()
        .enumerate()
        .map(|(l, layer)| {
            let range = layer.weight_range();
            let share = |n: usize, of: usize| n as f64 / of.max(1) as f64;
            LayerHealth {
                gradient_rms: rms(grads[range].iter().copied()),
                weight_rms: rms(network.weights(l).iter().copied()),
                dead: (layer.activation == Activation::Relu)
                    .then(|| share(dead[l].iter().filter(|&&d| d).count(), layer.outputs)),
                saturated: matches!(layer.activation, Activation::Sigmoid | Activation::Tanh)
                    .then(|| share(saturated[l], rows * layer.outputs)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::presets::preset_value;
    use crate::config::Config;
    use crate::Trainer;
    use serde_json::json;

    /// XOR on `hidden` layers of 8 with one activation and initialisation, after 100 iterations.
    fn deep(activation: &str, init: &str, hidden: usize) -> Vec<LayerHealth> {
        let mut value = preset_value("xor").unwrap();
        let mut layers = vec![2];
        layers.extend(vec![8; hidden]);
        layers.push(1);
        value["layers"] = json!(layers);
        let mut activations = vec![activation; hidden];
        activations.push("sigmoid");
        value["activations"] = json!(activations);
        value["init"] = json!(init);
        let mut t = Trainer::new(Config::from_value(&value).unwrap());
        t.run(100).unwrap();
        let grads = t.gradients().to_vec();
        let mut pass = Pass::new(t.network(), 64);
        health(t.network(), &grads, t.config().data(), &mut pass)
    }

    #[test]
    fn a_deep_sigmoid_net_has_vanishing_gradients_in_its_first_layer_and_tanh_with_xavier_does_not()
    {
        let sigmoid = deep("sigmoid", "uniform", 10);
        assert!(sigmoid[0].vanishing(), "{:?}", sigmoid[0]);
        let tanh = deep("tanh", "xavier", 10);
        assert!(tanh.iter().all(|l| !l.vanishing()), "{tanh:?}");
    }

    #[test]
    fn relu_units_that_never_fire_are_dead_and_saturation_is_counted_for_sigmoid_and_tanh() {
        let relu = deep("relu", "he", 3);
        assert!(relu[0].dead.is_some() && relu[0].saturated.is_none());
        let sigmoid = deep("sigmoid", "uniform", 1);
        assert!(sigmoid[0].saturated.unwrap() >= 0.0 && sigmoid[0].dead.is_none());
        // Every unit dead: weights and biases so negative that z < 0 for every row.
        let mut value = preset_value("xor").unwrap();
        value["activations"] = json!(["relu", "sigmoid"]);
        let mut t = Trainer::new(Config::from_value(&value).unwrap());
        let n = t.network().params().len();
        for i in 0..n {
            t.set_param(i, -1.0).unwrap();
        }
        let grads = t.gradients().to_vec();
        let mut pass = Pass::new(t.network(), 64);
        let h = health(t.network(), &grads, t.config().data(), &mut pass);
        assert_eq!(h[0].dead, Some(1.0));
        assert_eq!(h[1].saturated, Some(0.0));
    }
}
