//! The network: layers of weights (n_in × n_out, row = input neuron) and
//! biases, kept in one flat parameter vector, and the forward and backward
//! passes over a block of rows (docs/numerics.md, "One iteration").
//!
//! Each layer's weights, and a pass's activations, deltas and gradients, are
//! nalgebra matrices (views over those buffers, `kernel.rs`), so the passes
//! read like the formulas; every product sums in one fixed order, so that
//! native and wasm builds give the same bits.

use std::ops::Range;

use crate::math::kernel::{add_to_rows, column_sums, product, transposed, view, view_mut, Matrix};
use crate::math::rng::Mt19937;
use crate::nn::activation::Activation;
use crate::nn::loss::Loss;
use crate::nn::penalty::Penalty;

/// How the first weights are drawn (docs/numerics.md, "The generator and the first weights").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Init {
    /// 2u − 1 for every weight and bias, as the seed programs do.
    Uniform,
    /// limit·(2u − 1) with limit √(6/(n_in + n_out)); biases 0.
    Xavier,
    /// limit·(2u − 1) with limit √(6/n_in); biases 0.
    He,
}

impl Init {
    pub const ALL: [Init; 3] = [Init::Uniform, Init::Xavier, Init::He];

    pub fn name(self) -> &'static str {
        match self {
            Init::Uniform => "uniform",
            Init::Xavier => "xavier",
            Init::He => "he",
        }
    }

    pub fn from_name(name: &str) -> Option<Init> {
        Init::ALL.into_iter().find(|i| i.name() == name)
    }
}

/// One weight layer: where its parameters live in the flat vector.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub inputs: usize,
    pub outputs: usize,
    pub activation: Activation,
    weights_at: usize,
    biases_at: usize,
}

impl Layer {
    pub fn weight_range(&self) -> std::ops::Range<usize> {
        self.weights_at..self.weights_at + self.inputs * self.outputs
    }

    pub fn bias_range(&self) -> std::ops::Range<usize> {
        self.biases_at..self.biases_at + self.outputs
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    layers: Vec<Layer>,
    /// Layer by layer: the weights row by row, then the biases.
    params: Vec<f64>,
    bias: bool,
}

/// The buffers of one pass over up to `capacity` rows: per layer z, a and δ,
/// each rows × n_out, row-major. Reused across iterations so that training
/// allocates nothing.
#[derive(Clone, Debug)]
pub struct Pass {
    capacity: usize,
    rows: usize,
    z: Vec<Vec<f64>>,
    a: Vec<Vec<f64>>,
    delta: Vec<Vec<f64>>,
    /// Room for one layer's Wᵀ, so that Δ·Wᵀ runs along contiguous rows.
    transposed: Vec<f64>,
}

impl Pass {
    pub fn new(network: &Network, capacity: usize) -> Pass {
        let buffers = || -> Vec<Vec<f64>> {
            network
                .layers
                .iter()
                .map(|l| vec![0.0; capacity * l.outputs])
                .collect()
        };
        let largest = network
            .layers
            .iter()
            .map(|l| l.inputs * l.outputs)
            .max()
            .unwrap_or(0);
        Pass {
            capacity,
            rows: 0,
            z: buffers(),
            a: buffers(),
            delta: buffers(),
            transposed: vec![0.0; largest],
        }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many rows the last forward pass took.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Layer l's z for the rows of the last pass, row-major.
    pub fn z(&self, layer: usize) -> &[f64] {
        &self.z[layer][..self.rows * self.width(layer)]
    }

    /// Layer l's activations for the rows of the last pass, row-major.
    pub fn a(&self, layer: usize) -> &[f64] {
        &self.a[layer][..self.rows * self.width(layer)]
    }

    /// Layer l's δ = ∂loss/∂z for the rows of the last backward pass.
    pub fn delta(&self, layer: usize) -> &[f64] {
        &self.delta[layer][..self.rows * self.width(layer)]
    }

    fn width(&self, layer: usize) -> usize {
        self.z[layer].len() / self.capacity.max(1)
    }
}

/// The length of the flat parameters of a network of `sizes` (`Network::new`'s
/// layout: every layer has room for its biases, zero when it has none).
pub fn parameter_count(sizes: &[usize]) -> usize {
    sizes.windows(2).map(|p| p[0] * p[1] + p[1]).sum()
}

impl Network {
    /// A network of the given sizes (input first) with all parameters zero.
    /// `activations` has one entry per weight layer; the config checked both.
    pub fn new(sizes: &[usize], activations: &[Activation], bias: bool) -> Network {
        let mut layers = Vec::with_capacity(activations.len());
        let mut at = 0;
        for (pair, &activation) in sizes.windows(2).zip(activations) {
            let (inputs, outputs) = (pair[0], pair[1]);
            layers.push(Layer {
                inputs,
                outputs,
                activation,
                weights_at: at,
                biases_at: at + inputs * outputs,
            });
            at += inputs * outputs + outputs;
        }
        Network {
            layers,
            params: vec![0.0; at],
            bias,
        }
    }

    /// Draws every parameter from a fresh generator: layer by layer from the
    /// input side, the weights row by row, then (uniform only) the biases.
    pub fn initialise(&mut self, init: Init, seed: u32) {
        let mut rng = Mt19937::new(seed);
        for layer in &self.layers {
            let limit = match init {
                Init::Uniform => 1.0,
                Init::Xavier => (6.0 / (layer.inputs + layer.outputs) as f64).sqrt(),
                Init::He => (6.0 / layer.inputs as f64).sqrt(),
            };
            for w in &mut self.params[layer.weight_range()] {
                let u = rng.next_f64();
                *w = if init == Init::Uniform {
                    2.0 * u - 1.0
                } else {
                    limit * (2.0 * u - 1.0)
                };
            }
            for b in &mut self.params[layer.bias_range()] {
                *b = if self.bias && init == Init::Uniform {
                    2.0 * rng.next_f64() - 1.0
                } else {
                    0.0
                };
            }
        }
    }

    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Neurons per layer, input first.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![self.inputs()];
        sizes.extend(self.layers.iter().map(|l| l.outputs));
        sizes
    }

    pub fn inputs(&self) -> usize {
        self.layers.first().map_or(0, |l| l.inputs)
    }

    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(0, |l| l.outputs)
    }

    pub fn has_bias(&self) -> bool {
        self.bias
    }

    pub fn params(&self) -> &[f64] {
        &self.params
    }

    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    /// Layer l's weights, n_in rows of n_out.
    pub fn weights(&self, layer: usize) -> &[f64] {
        &self.params[self.layers[layer].weight_range()]
    }

    /// W_l, n_in × n_out, as a matrix.
    pub fn weight_matrix(&self, layer: usize) -> Matrix<'_> {
        let l = &self.layers[layer];
        view(self.weights(layer), l.inputs, l.outputs)
    }

    /// Layer l's biases (all zero when the network has none).
    pub fn biases(&self, layer: usize) -> &[f64] {
        &self.params[self.layers[layer].bias_range()]
    }

    /// The outputs for one input row.
    pub fn predict(&self, input: &[f64]) -> Vec<f64> {
        let mut pass = Pass::new(self, 1);
        self.forward(input, 1, &mut pass);
        pass.a(self.layers.len() - 1).to_vec()
    }

    /// Z_l = A_{l−1}·W_l + b_l and A_l = f_l(Z_l) for `rows` rows of `input`.
    pub fn forward(&self, input: &[f64], rows: usize, pass: &mut Pass) {
        pass.rows = rows;
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, from_l) = pass.a.split_at_mut(l);
            let (n_in, n_out) = (layer.inputs, layer.outputs);
            let a_before = view(if l == 0 { input } else { &before[l - 1] }, rows, n_in);
            let zs = &mut pass.z[l][..rows * n_out];
            // Z = A·W, each z from +0 (which turns a −0 product into 0).
            product(
                &mut view_mut(zs, rows, n_out),
                &a_before,
                &self.weight_matrix(l),
            );
            if self.bias {
                add_to_rows(zs, self.biases(l));
            }
            // One pass of f over the block (per row only for softmax).
            let a = &mut from_l[0][..rows * n_out];
            if layer.activation == Activation::Softmax {
                for (z_r, a_r) in zs.chunks_exact(n_out).zip(a.chunks_exact_mut(n_out)) {
                    layer.activation.apply(z_r, a_r);
                }
            } else {
                layer.activation.apply(zs, a);
            }
        }
    }

    /// The forward pass over rows `rows` of `inputs` (row-major), a block of
    /// the pass's capacity at a time; `each` reads each block's pass with the
    /// rows it holds. Every reader of many rows' outputs goes through here.
    pub fn forward_blocks(
        &self,
        inputs: &[f64],
        rows: Range<usize>,
        pass: &mut Pass,
        mut each: impl FnMut(Range<usize>, &Pass),
    ) {
        let width = self.inputs();
        let step = pass.capacity().max(1);
        for start in rows.clone().step_by(step) {
            let block = start..(start + step).min(rows.end);
            let x = &inputs[block.start * width..block.end * width];
            self.forward(x, block.len(), pass);
            each(block, pass);
        }
    }

    /// `sum` plus the loss's `row_sum` of each row of the last pass, in row
    /// order (so that summing in blocks gives the same bits as all at once).
    pub fn loss_sum(&self, loss: Loss, pass: &Pass, targets: &[f64], sum: f64) -> f64 {
        let last = self.layers.len() - 1;
        let k = self.outputs();
        let activation = self.layers[last].activation;
        let (z, a) = (pass.z(last), pass.a(last));
        (0..pass.rows).fold(sum, |sum, r| {
            let row = r * k..(r + 1) * k;
            sum + loss.row_sum(activation, &z[row.clone()], &a[row.clone()], &targets[row])
        })
    }

    /// The penalty's value over the weights (not the biases).
    pub fn penalty(&self, penalty: Penalty) -> f64 {
        let weights = self
            .layers
            .iter()
            .flat_map(|l| &self.params[l.weight_range()]);
        penalty.value(weights.copied())
    }

    /// The deltas of every layer and the gradients G_l = A_{l−1}ᵀ·Δ_l +
    /// λ·W_l + λ₁·sign(W_l), g_l = column sums of Δ_l, for the rows of the
    /// last forward pass.
    /// `grads` has the layout of the parameters.
    pub fn backward(
        &self,
        input: &[f64],
        targets: &[f64],
        loss: Loss,
        penalty: Penalty,
        pass: &mut Pass,
        grads: &mut [f64],
    ) {
        let rows = pass.rows;
        let last = self.layers.len() - 1;
        let output = &self.layers[last];
        let k = output.outputs;
        let block = ..rows * k;
        loss.output_delta(
            output.activation,
            &pass.z[last][block],
            &pass.a[last][block],
            &targets[block],
            rows,
            &mut pass.delta[last][block],
        );
        for (l, layer) in self.layers.iter().enumerate().rev() {
            let (n_in, n_out) = (layer.inputs, layer.outputs);
            let x = if l == 0 { input } else { &pass.a[l - 1][..] };
            let (before, from_l) = pass.delta.split_at_mut(l);
            let delta = &from_l[0][..rows * n_out];

            // G = Aᵀ·Δ (+ λ·W + λ₁·sign(W)), each element summed over the rows in order.
            let g_w = &mut grads[layer.weight_range()];
            product(
                &mut view_mut(g_w, n_in, n_out),
                &transposed(x, rows, n_in),
                &view(delta, rows, n_out),
            );
            let w = &self.params[layer.weight_range()];
            if !penalty.is_zero() {
                for (g, &w) in g_w.iter_mut().zip(w) {
                    *g += penalty.gradient(w);
                }
            }

            // g = the column sums of Δ.
            let g_b = &mut grads[layer.bias_range()];
            if self.bias {
                column_sums(delta, g_b);
            } else {
                g_b.fill(0.0);
            }

            if l > 0 {
                // Δ_{l−1} = (Δ_l·W_lᵀ) ⊙ f'_{l−1}(Z_{l−1}); Wᵀ is copied so that
                // the product runs along contiguous rows.
                let below = &self.layers[l - 1];
                let (z, a) = (&pass.z[l - 1], &pass.a[l - 1]);
                let w_t = &mut pass.transposed[..n_in * n_out];
                for (i, w_i) in w.chunks_exact(n_out).enumerate() {
                    for (j, &w_ij) in w_i.iter().enumerate() {
                        w_t[j * n_in + i] = w_ij;
                    }
                }
                let sums = &mut before[l - 1][..rows * n_in];
                product(
                    &mut view_mut(sums, rows, n_in),
                    &view(delta, rows, n_out),
                    &view(w_t, n_out, n_in),
                );
                below
                    .activation
                    .scale_by_derivative(&z[..rows * n_in], &a[..rows * n_in], sums);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uniform_init_matches_numpy() {
        // numpy.random.seed(1); 2*numpy.random.random((3,1)) - 1
        let mut net = Network::new(&[3, 1], &[Activation::Sigmoid], false);
        net.initialise(Init::Uniform, 1);
        assert_eq!(
            net.weights(0),
            [-0.165955990594852, 0.4406489868843162, -0.9997712503653102]
        );
        assert_eq!(net.biases(0), [0.0]);
    }

    #[test]
    fn uniform_biases_follow_their_layers_weights() {
        let mut with = Network::new(&[2, 2, 1], &[Activation::Tanh; 2], true);
        with.initialise(Init::Uniform, 7);
        let mut rng = Mt19937::new(7);
        let draws: Vec<f64> = (0..9).map(|_| 2.0 * rng.next_f64() - 1.0).collect();
        assert_eq!(with.weights(0), &draws[0..4]);
        assert_eq!(with.biases(0), &draws[4..6]);
        assert_eq!(with.weights(1), &draws[6..8]);
        assert_eq!(with.biases(1), &draws[8..9]);
    }

    #[test]
    fn xavier_and_he_stay_within_their_limits_with_zero_biases() {
        for (init, limit) in [(Init::Xavier, (6.0f64 / 12.0).sqrt()), (Init::He, 1.0)] {
            let mut net = Network::new(&[6, 6, 2], &[Activation::Relu, Activation::Linear], true);
            net.initialise(init, 3);
            let first = net.weights(0);
            assert!(first.iter().all(|w| w.abs() <= limit));
            assert!(first.iter().any(|w| w.abs() > 0.5 * limit));
            assert!(net.biases(0).iter().all(|&b| b == 0.0));
        }
    }

    #[test]
    fn forward_computes_the_weighted_sum_plus_bias() {
        let mut net = Network::new(&[2, 1], &[Activation::Linear], true);
        net.params_mut().copy_from_slice(&[0.5, -2.0, 0.25]);
        assert_eq!(net.predict(&[4.0, 1.0]), [0.25]);
    }
}
