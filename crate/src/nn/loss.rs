//! Loss functions: the value over a block of rows and the output delta
//! Δ = ∂loss/∂z of the output layer (docs/numerics.md, "One iteration").

use crate::nn::activation::{row_max, Activation};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// ½·Σ(ŷ−y)²: a sum, not a mean, as the seed programs use it.
    Sse,
    /// Σ(ŷ−y)² / (n·K).
    Mse,
    /// −Σ[y·ln ŷ + (1−y)·ln(1−ŷ)] / n for sigmoid outputs, −Σ y·ln ŷ / n for softmax.
    CrossEntropy,
}

impl Loss {
    pub const ALL: [Loss; 3] = [Loss::Sse, Loss::Mse, Loss::CrossEntropy];

    pub fn name(self) -> &'static str {
        match self {
            Loss::Sse => "sse",
            Loss::Mse => "mse",
            Loss::CrossEntropy => "cross_entropy",
        }
    }

    pub fn from_name(name: &str) -> Option<Loss> {
        Loss::ALL.into_iter().find(|l| l.name() == name)
    }

    /// One row's share of the loss before normalisation: Σ(ŷ−y)² for sse and
    /// mse, the row's cross-entropy for cross_entropy. Cross-entropy is taken
    /// from z so that it stays finite when ŷ rounds to 0 or 1.
    pub fn row_sum(self, output: Activation, z: &[f64], a: &[f64], y: &[f64]) -> f64 {
        match self {
            Loss::Sse | Loss::Mse => a.iter().zip(y).map(|(a, y)| (a - y) * (a - y)).sum(),
            Loss::CrossEntropy if output == Activation::Softmax => {
                let max = row_max(z);
                let log_sum_exp = max + libm::log(z.iter().map(|z| libm::exp(z - max)).sum());
                z.iter().zip(y).map(|(z, y)| y * (log_sum_exp - z)).sum()
            }
            Loss::CrossEntropy => z
                .iter()
                .zip(y)
                .map(|(&z, &y)| z.max(0.0) - z * y + libm::log1p(libm::exp(-z.abs())))
                .sum(),
        }
    }

    /// The loss of n rows of K outputs from the sum of their `row_sum`s.
    pub fn finish(self, sum: f64, rows: usize, outputs: usize) -> f64 {
        match self {
            Loss::Sse => 0.5 * sum,
            Loss::Mse => sum / (rows * outputs) as f64,
            Loss::CrossEntropy => sum / rows as f64,
        }
    }

    /// Δ_L of the rows of an update (all of them, row-major, K = `a.len()`
    /// / rows outputs each): sse (ŷ−y)⊙f'(z), mse 2(ŷ−y)⊙f'(z)/(n·K),
    /// cross_entropy (ŷ−y)/n. Element by element, so a block is one call.
    pub fn output_delta(
        self,
        output: Activation,
        z: &[f64],
        a: &[f64],
        y: &[f64],
        rows: usize,
        delta: &mut [f64],
    ) {
        let outputs = a.len() / rows.max(1);
        for (j, d) in delta.iter_mut().enumerate() {
            let error = a[j] - y[j];
            *d = match self {
                Loss::Sse => error * output.derivative(z[j], a[j]),
                Loss::Mse => 2.0 * error * output.derivative(z[j], a[j]) / (rows * outputs) as f64,
                Loss::CrossEntropy => error / rows as f64,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for l in Loss::ALL {
            assert_eq!(Loss::from_name(l.name()), Some(l));
        }
    }

    #[test]
    fn sse_is_half_the_sum_and_mse_the_mean() {
        let a = [0.5, 1.0];
        let y = [1.0, 0.0];
        let sum = Loss::Sse.row_sum(Activation::Linear, &a, &a, &y);
        assert_eq!(sum, 1.25);
        assert_eq!(Loss::Sse.finish(sum, 1, 2), 0.625);
        assert_eq!(Loss::Mse.finish(sum, 1, 2), 0.625);
        assert_eq!(Loss::Mse.finish(2.0 * sum, 2, 2), 0.625);
    }

    #[test]
    fn cross_entropy_from_z_matches_the_formula_and_stays_finite() {
        let z = [0.3, -1.2];
        let a: Vec<f64> = z
            .iter()
            .map(|&z| crate::nn::activation::sigmoid(z))
            .collect();
        let y = [1.0, 0.0];
        let direct = -(libm::log(a[0]) + libm::log(1.0 - a[1]));
        let stable = Loss::CrossEntropy.row_sum(Activation::Sigmoid, &z, &a, &y);
        assert!((direct - stable).abs() < 1e-15);
        // ŷ rounds to exactly 1 here, so ln(1−ŷ) would be −∞.
        let far = Loss::CrossEntropy.row_sum(Activation::Sigmoid, &[40.0], &[1.0], &[0.0]);
        assert!((far - 40.0).abs() < 1e-12);
    }

    #[test]
    fn softmax_cross_entropy_is_log_sum_exp() {
        let z = [1.0, 2.0, 3.0];
        let mut a = [0.0; 3];
        Activation::Softmax.apply(&z, &mut a);
        let y = [0.0, 1.0, 0.0];
        let v = Loss::CrossEntropy.row_sum(Activation::Softmax, &z, &a, &y);
        assert!((v + libm::log(a[1])).abs() < 1e-15);
        let huge = Loss::CrossEntropy.row_sum(
            Activation::Softmax,
            &[0.0, 800.0],
            &[0.0, 1.0],
            &[1.0, 0.0],
        );
        assert_eq!(huge, 800.0);
    }
}
