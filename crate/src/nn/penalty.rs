//! What training minimises besides the loss, over the weights (not the
//! biases): (λ/2)·Σw² (`l2`) and λ₁·Σ|w| (`l1`). The reported loss leaves
//! both out (docs/numerics.md).

/// The config's `l2` and `l1`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Penalty {
    pub l2: f64,
    pub l1: f64,
}

impl Penalty {
    pub fn is_zero(self) -> bool {
        self.l2 == 0.0 && self.l1 == 0.0
    }

    /// (λ/2)·Σw² + λ₁·Σ|w| over `weights`.
    pub fn value(self, weights: impl Iterator<Item = f64> + Clone) -> f64 {
        let squares: f64 = weights.clone().map(|w| w * w).sum();
        let sizes: f64 = weights.map(f64::abs).sum();
        0.5 * self.l2 * squares + self.l1 * sizes
    }

    /// ∂/∂w = λ·w + λ₁·sign(w), with sign(0) = 0. Without l1 it is λ·w exactly.
    pub fn gradient(self, w: f64) -> f64 {
        let l2 = self.l2 * w;
        if self.l1 == 0.0 || w == 0.0 {
            l2
        } else {
            l2 + self.l1 * w.signum()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_l1_term_is_the_sign_times_its_rate_and_zero_at_zero() {
        let p = Penalty { l2: 0.0, l1: 0.1 };
        assert_eq!(
            [p.gradient(2.0), p.gradient(-3.0), p.gradient(0.0)],
            [0.1, -0.1, 0.0]
        );
        assert_eq!(p.value([2.0, -3.0].into_iter()), 0.1 * 5.0);
        let both = Penalty { l2: 0.5, l1: 0.1 };
        assert_eq!(both.gradient(2.0), 0.5 * 2.0 + 0.1);
        assert_eq!(both.value([2.0, -3.0].into_iter()), 0.25 * 13.0 + 0.5);
        let l2 = Penalty { l2: 0.3, l1: 0.0 };
        assert_eq!(l2.gradient(-1.5).to_bits(), (0.3f64 * -1.5).to_bits());
    }
}
