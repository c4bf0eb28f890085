//! The lab's replay of a learner's run, one iteration at a time, written as
//! docs/numerics.md's formulas with the engine's own activations, losses and
//! optimizers; and the same replay with a learner's mistakes in it (a
//! `Variant`), so that a mistake is named only when its replay gives every
//! number the learner recorded. `tests` checks the right replay against the
//! Trainer's trace.

use crate::config::Config;
use crate::nn::activation::Activation;
use crate::nn::loss::Loss;
use crate::nn::optimizer::{Optimizer, OptimizerState};
use crate::nn::schedule::Update;

/// How a layer's delta takes the activation's derivative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derivative {
    /// f'(z) from the kept activation a: sigmoid a(1−a), tanh 1−a².
    Right,
    /// f' evaluated on z as if z were the activation: sigmoid z(1−z), tanh 1−z².
    OfZ,
    /// f applied again before its derivative: sigmoid σ(a)(1−σ(a)).
    Twice,
    /// No derivative at all.
    Missing,
}

/// How the recorded loss is computed from Σ(ŷ−y)² over the rows used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LossFormula {
    /// The config's formula.
    Config,
    /// `half`·Σ(ŷ−y)² / `over` (1, the rows, or the rows × outputs).
    Squares { half: bool, over: Over },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Over {
    Nothing,
    Rows,
    Numbers,
}

/// A replay: the right one (`Variant::right`), or one with mistakes.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub derivative: Vec<Derivative>,
    /// Parameters move along the gradient.
    pub ascent: bool,
    pub biases_fixed: bool,
    /// A hidden delta uses the weights above it after their update.
    pub updated_weights_in_backprop: bool,
    /// Gradients summed into a buffer that is never reset.
    pub accumulated: bool,
    /// Every delta and gradient `scale` times the right one (and so every step).
    pub gradient_scale: f64,
    /// Every step `step_scale` times the right one, the gradients right.
    pub step_scale: f64,
    /// Each layer's step times this (1 right, 0 never changes).
    pub layer_rate: Vec<f64>,
    /// Each bias moves by this times the step of the weights from the layer's
    /// last input instead of by its own gradient (a bias kept as the weights'
    /// last row, updated from a gradient that lacks that row).
    pub bias_from_last_weights: Option<f64>,
    pub update: Update,
    pub loss: LossFormula,
}

impl Variant {
    pub fn right(config: &Config) -> Variant {
        let layers = config.layers().len() - 1;
        Variant {
            derivative: vec![Derivative::Right; layers],
            ascent: false,
            biases_fixed: false,
            updated_weights_in_backprop: false,
            accumulated: false,
            gradient_scale: 1.0,
            step_scale: 1.0,
            layer_rate: vec![1.0; layers],
            bias_from_last_weights: None,
            update: config.update(),
            loss: LossFormula::Config,
        }
    }
}

/// Every number of one iteration, per weight layer, flat and row-major.
#[derive(Clone, Debug, Default)]
pub struct Layer {
    pub z: Vec<f64>,
    pub a: Vec<f64>,
    pub delta: Vec<f64>,
    pub grad_weights: Vec<f64>,
    pub grad_biases: Vec<f64>,
    pub weights_after: Vec<f64>,
    pub biases_after: Vec<f64>,
}

impl Layer {
    /// The quantity of `record::QUANTITIES` index `q`.
    pub fn quantity(&self, q: usize) -> &[f64] {
        match q {
            0 => &self.z,
            1 => &self.a,
            2 => &self.delta,
            3 => &self.grad_weights,
            4 => &self.grad_biases,
            5 => &self.weights_after,
            _ => &self.biases_after,
        }
    }
}

/// The replay's state: the parameters (weights n_in × n_out then biases,
/// layer by layer), the optimizer's memory, and the last iteration's numbers.
pub struct Replay<'c> {
    config: &'c Config,
    variant: Variant,
    sizes: Vec<usize>,
    weights: Vec<Vec<f64>>,
    biases: Vec<Vec<f64>>,
    accumulated: Vec<f64>,
    state: OptimizerState,
    pub iteration: u64,
    pub loss: f64,
    pub layers: Vec<Layer>,
}

impl<'c> Replay<'c> {
    /// From `initial`, the engine's flat layout of the parameters.
    pub fn new(config: &'c Config, variant: Variant, initial: &[f64]) -> Replay<'c> {
        let sizes = config.layers().to_vec();
        let (mut weights, mut biases, mut at) = (Vec::new(), Vec::new(), 0);
        for pair in sizes.windows(2) {
            let (n_in, n_out) = (pair[0], pair[1]);
            weights.push(initial[at..at + n_in * n_out].to_vec());
            biases.push(initial[at + n_in * n_out..at + n_in * n_out + n_out].to_vec());
            at += n_in * n_out + n_out;
        }
        let state = OptimizerState::new(&config.optimizer(), at);
        Replay {
            config,
            variant,
            layers: vec![Layer::default(); sizes.len() - 1],
            sizes,
            weights,
            biases,
            accumulated: vec![0.0; at],
            state,
            iteration: 0,
            loss: f64::NAN,
        }
    }

    /// Runs one iteration; its numbers are then in `loss` and `layers`, and
    /// `iteration` counts it. With `detail` false, only the loss is kept
    /// (the update still runs).
    pub fn step(&mut self, detail: bool) {
        let data = self.config.data();
        let rows = self.variant.update.rows(self.iteration, data.rows());
        let n = rows.len();
        let (x, y) = (data.inputs(rows.clone()), data.targets(rows));
        let last = self.sizes.len() - 2;
        let activations = self.config.activations();
        // Forward: Z_l = A_{l-1}·W_l + b_l, A_l = f_l(Z_l).
        for (l, f) in activations.iter().enumerate() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let mut z = vec![0.0; n * n_out];
            {
                let input: &[f64] = if l == 0 { x } else { &self.layers[l - 1].a };
                for r in 0..n {
                    for j in 0..n_out {
                        let mut sum = 0.0;
                        for i in 0..n_in {
                            sum += input[r * n_in + i] * self.weights[l][i * n_out + j];
                        }
                        z[r * n_out + j] = sum + self.biases[l][j];
                    }
                }
            }
            let mut a = vec![0.0; n * n_out];
            for r in 0..n {
                let row = r * n_out..(r + 1) * n_out;
                f.apply(&z[row.clone()], &mut a[row]);
            }
            self.layers[l].z = z;
            self.layers[l].a = a;
        }
        self.loss = self.rows_loss(y, n);
        // Backward, from the output: Δ_L, then Δ_l = (Δ_{l+1}·W_{l+1}ᵀ)⊙f'_l.
        let mut delta = self.output_delta(y, n);
        let mut grads = vec![Vec::new(); last + 1];
        for l in (0..=last).rev() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let input: &[f64] = if l == 0 { x } else { &self.layers[l - 1].a };
            let mut g = vec![0.0; n_in * n_out + n_out];
            for i in 0..n_in {
                for j in 0..n_out {
                    let mut sum = 0.0;
                    for r in 0..n {
                        sum += input[r * n_in + i] * delta[r * n_out + j];
                    }
                    let w = self.weights[l][i * n_out + j];
                    g[i * n_out + j] = sum + self.config.penalty().gradient(w);
                }
            }
            if self.config.bias() {
                for j in 0..n_out {
                    g[n_in * n_out + j] = (0..n).map(|r| delta[r * n_out + j]).sum();
                }
            }
            if self.variant.updated_weights_in_backprop {
                self.update_layer(l, &g);
            }
            if l > 0 {
                let below = self.sizes[l];
                let mut next = vec![0.0; n * below];
                for r in 0..n {
                    for i in 0..below {
                        let mut sum = 0.0;
                        for j in 0..n_out {
                            sum += delta[r * n_out + j] * self.weights[l][i * n_out + j];
                        }
                        let (z, a) = (
                            self.layers[l - 1].z[r * below + i],
                            self.layers[l - 1].a[r * below + i],
                        );
                        next[r * below + i] = sum * self.derivative(l - 1, z, a);
                    }
                }
                if detail {
                    self.layers[l].delta = std::mem::replace(&mut delta, next);
                } else {
                    delta = next;
                }
            } else if detail {
                self.layers[l].delta = std::mem::take(&mut delta);
            }
            grads[l] = g;
        }
        if !self.variant.updated_weights_in_backprop {
            self.update(&grads);
        }
        if detail {
            for (l, g) in grads.into_iter().enumerate() {
                let w = self.sizes[l] * self.sizes[l + 1];
                let layer = &mut self.layers[l];
                layer.grad_weights = g[..w].to_vec();
                layer.grad_biases = g[w..].to_vec();
                layer.weights_after = self.weights[l].clone();
                layer.biases_after = self.biases[l].clone();
            }
        }
        self.iteration += 1;
    }

    /// f'_l(z) as the variant takes it.
    fn derivative(&self, l: usize, z: f64, a: f64) -> f64 {
        let f = self.config.activations()[l];
        match self.variant.derivative[l] {
            Derivative::Right => f.derivative(z, a),
            Derivative::OfZ => f.derivative(z, z),
            Derivative::Twice => {
                let mut again = [0.0];
                f.apply(&[a], &mut again);
                f.derivative(a, again[0])
            }
            Derivative::Missing => 1.0,
        }
    }

    /// The loss over the rows used, from this iteration's forward pass.
    fn rows_loss(&self, y: &[f64], n: usize) -> f64 {
        let last = self.sizes.len() - 2;
        let (z, a) = (&self.layers[last].z, &self.layers[last].a);
        let k = self.sizes[last + 1];
        let output = self.config.activations()[last];
        match self.variant.loss {
            LossFormula::Config => {
                let loss = self.config.loss();
                let sum: f64 = (0..n)
                    .map(|r| {
                        let row = r * k..(r + 1) * k;
                        loss.row_sum(output, &z[row.clone()], &a[row.clone()], &y[row])
                    })
                    .sum();
                loss.finish(sum, n, k)
            }
            LossFormula::Squares { half, over } => {
                let sum: f64 = a.iter().zip(y).map(|(a, y)| (a - y) * (a - y)).sum();
                let divide = match over {
                    Over::Nothing => 1.0,
                    Over::Rows => n as f64,
                    Over::Numbers => (n * k) as f64,
                };
                if half {
                    0.5 * sum / divide
                } else {
                    sum / divide
                }
            }
        }
    }

    /// Δ_L = ∂loss/∂Z_L, with the variant's derivative and scale.
    fn output_delta(&self, y: &[f64], n: usize) -> Vec<f64> {
        let last = self.sizes.len() - 2;
        let k = self.sizes[last + 1];
        let (z, a) = (&self.layers[last].z, &self.layers[last].a);
        let scale = self.variant.gradient_scale;
        (0..n * k)
            .map(|j| {
                let error = a[j] - y[j];
                let d = match self.config.loss() {
                    Loss::Sse => error * self.derivative(last, z[j], a[j]),
                    Loss::Mse => 2.0 * error * self.derivative(last, z[j], a[j]) / (n * k) as f64,
                    Loss::CrossEntropy => error / n as f64,
                };
                scale * d
            })
            .collect()
    }

    /// Moves every layer's parameters by `grads` (each layer's weights then biases).
    fn update(&mut self, grads: &[Vec<f64>]) {
        let plain = matches!(self.config.optimizer(), Optimizer::Sgd { .. });
        if plain {
            for (l, g) in grads.iter().enumerate() {
                self.update_layer(l, g);
            }
            return;
        }
        // Momentum and Adam: the engine's update over the flat parameters.
        let mut params: Vec<f64> = Vec::new();
        let mut flat: Vec<f64> = Vec::new();
        for (l, g) in grads.iter().enumerate() {
            params.extend(&self.weights[l]);
            params.extend(&self.biases[l]);
            flat.extend(g.iter().map(|g| g * self.variant.step_scale * self.sign()));
        }
        self.accumulate(&mut flat);
        self.config
            .optimizer()
            .update(&mut self.state, &mut params, &flat);
        let mut at = 0;
        for l in 0..grads.len() {
            let (w, b) = (self.weights[l].len(), self.biases[l].len());
            self.weights[l].copy_from_slice(&params[at..at + w]);
            if !self.variant.biases_fixed {
                self.biases[l].copy_from_slice(&params[at + w..at + w + b]);
            }
            at += w + b;
        }
    }

    fn sign(&self) -> f64 {
        if self.variant.ascent {
            -1.0
        } else {
            1.0
        }
    }

    /// Gradients summed over the iterations, when the variant never resets them.
    fn accumulate(&mut self, flat: &mut [f64]) {
        if self.variant.accumulated {
            for (sum, g) in self.accumulated.iter_mut().zip(flat.iter_mut()) {
                *sum += *g;
                *g = *sum;
            }
        }
    }

    /// Plain gradient descent on layer `l`: p ← p − η·g (as the variant has it).
    fn update_layer(&mut self, l: usize, g: &[f64]) {
        let eta = self.config.optimizer().learning_rate();
        let rate = eta * self.variant.step_scale * self.variant.layer_rate[l] * self.sign();
        let at: usize = (0..l)
            .map(|k| self.weights[k].len() + self.biases[k].len())
            .sum();
        let mut g = g.to_vec();
        if self.variant.accumulated {
            for (sum, g) in self.accumulated[at..at + g.len()]
                .iter_mut()
                .zip(g.iter_mut())
            {
                *sum += *g;
                *g = *sum;
            }
        }
        let w = self.weights[l].len();
        for (p, g) in self.weights[l].iter_mut().zip(&g[..w]) {
            *p -= rate * g;
        }
        if self.variant.biases_fixed {
            return;
        }
        let n_out = self.biases[l].len();
        let bias_gradient = match self.variant.bias_from_last_weights {
            Some(factor) => g[w - n_out..w].iter().map(|g| factor * g).collect(),
            None => g[w..].to_vec(),
        };
        for (p, g) in self.biases[l].iter_mut().zip(&bias_gradient) {
            *p -= rate * g;
        }
    }

    /// The activation of the output layer (for naming what a mistake touches).
    pub fn activation(&self, l: usize) -> Activation {
        self.config.activations()[l]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::presets::preset;
    use crate::Trainer;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    /// The right replay gives the Trainer's trace, iteration after iteration.
    #[test]
    fn the_right_replay_is_the_engines_arithmetic() {
        for name in ["three-layer-challenge", "xor", "siraj-neuron", "iris"] {
            let config = preset(name).unwrap();
            let mut trainer = Trainer::new(config.clone());
            let initial = trainer.network().params().to_vec();
            let mut replay = Replay::new(&config, Variant::right(&config), &initial);
            for _ in 0..30 {
                let trace = trainer.trace().unwrap();
                replay.step(true);
                trainer.step().unwrap();
                for (l, (mine, theirs)) in replay.layers.iter().zip(&trace.layers).enumerate() {
                    let pairs = [
                        (&mine.z, theirs.z.concat()),
                        (&mine.a, theirs.a.concat()),
                        (&mine.delta, theirs.delta.concat()),
                        (&mine.grad_weights, theirs.grad_weights.concat()),
                        (&mine.weights_after, theirs.weights_after.concat()),
                    ];
                    for (q, (m, t)) in pairs.into_iter().enumerate() {
                        assert_eq!(m.len(), t.len(), "{name} layer {l} quantity {q}");
                        for (x, y) in m.iter().zip(&t) {
                            assert!(close(*x, *y), "{name} layer {l} quantity {q}: {x} vs {y}");
                        }
                    }
                }
            }
            assert!(close(replay.weights[0][0], trainer.network().params()[0]));
        }
    }
}
