//! The gradient check: backpropagation's gradients beside central finite
//! differences of the same objective, and the largest relative error.

use serde::Serialize;

use std::ops::Range;

use crate::train::trainer::Trainer;

/// The step of the central differences: small enough for their O(h²) error,
/// large enough that rounding (about 1e-16/h) stays below it.
pub const STEP: f64 = 1e-5;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradientCheck {
    /// By backpropagation, laid out like the parameters.
    pub analytic: Vec<f64>,
    /// By (L(p + h) − L(p − h)) / 2h for each parameter p.
    pub numeric: Vec<f64>,
    /// The largest `relative_error` over the parameters, and where.
    pub worst_relative_error: f64,
    pub worst_at: usize,
}

/// |analytic − numeric| relative to the larger of the two; gradients smaller
/// than 1e-4 are compared absolutely there, since a central difference of a
/// loss near 1 cannot resolve them better than about 1e-11.
pub fn relative_error(analytic: f64, numeric: f64) -> f64 {
    (analytic - numeric).abs() / analytic.abs().max(numeric.abs()).max(1e-4)
}

/// Checks the gradients of the trainer's next iteration (its rows, its weights).
/// `check` of a run that has not diverged (a diverged run has no gradients to check).
pub fn checked(trainer: &mut Trainer) -> Result<GradientCheck, crate::TrainError> {
    match trainer.diverged() {
        Some(iteration) => Err(crate::TrainError::Diverged { iteration }),
        None => Ok(check(trainer)),
    }
}

pub fn check(trainer: &mut Trainer) -> GradientCheck {
    let analytic = trainer.gradients().to_vec();
    let numeric = trainer.numeric_gradients(STEP);
    let (worst_at, worst_relative_error) = analytic
        .iter()
        .zip(&numeric)
        .map(|(&a, &n)| relative_error(a, n))
        .enumerate()
        .fold(
            (0, 0.0),
            |best, (i, e)| if e > best.1 { (i, e) } else { best },
        );
    GradientCheck {
        analytic,
        numeric,
        worst_relative_error,
        worst_at,
    }
}

/// The finite differences, on the trainer's own buffers.
impl Trainer {
    /// The same derivatives by central finite differences with step h: the
    /// check that backpropagation is right. Biases of a network without
    /// biases get 0, as their gradients do.
    pub fn numeric_gradients(&mut self, h: f64) -> Vec<f64> {
        let rows = self.next_rows();
        let mut numeric = vec![0.0; self.grads.len()];
        let fixed: Vec<Range<usize>> = if self.network.has_bias() {
            Vec::new()
        } else {
            self.network
                .layers()
                .iter()
                .map(|l| l.bias_range())
                .collect()
        };
        for (p, slot) in numeric.iter_mut().enumerate() {
            if fixed.iter().any(|r| r.contains(&p)) {
                continue;
            }
            let original = self.network.params()[p];
            self.network.params_mut()[p] = original + h;
            let plus = self.objective(rows.clone());
            self.network.params_mut()[p] = original - h;
            let minus = self.objective(rows.clone());
            self.network.params_mut()[p] = original;
            *slot = (plus - minus) / (2.0 * h);
        }
        self.weights_changed();
        numeric
    }

    fn objective(&mut self, rows: Range<usize>) -> f64 {
        let data = &self.config.data;
        let (n, k) = (rows.len(), data.target_width());
        self.network
            .forward(data.inputs(rows.clone()), n, &mut self.pass);
        let sum = self
            .network
            .loss_sum(self.config.loss, &self.pass, data.targets(rows), 0.0);
        self.config.loss.finish(sum, n, k) + self.network.penalty(self.config.penalty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::presets::preset;

    #[test]
    fn the_xor_net_passes_its_gradient_check() {
        let mut t = Trainer::new(preset("xor").unwrap());
        t.run(50).unwrap();
        let c = check(&mut t);
        assert!(c.worst_relative_error < 1e-6, "{c:?}");
        assert_eq!(c.analytic, t.gradients());
        assert_eq!(c.numeric.len(), c.analytic.len());
    }

    #[test]
    fn relative_error_is_absolute_for_tiny_gradients() {
        assert_eq!(relative_error(2.0, 1.0), 0.5);
        assert!((relative_error(1e-9, 0.0) - 1e-5).abs() < 1e-18);
    }
}
