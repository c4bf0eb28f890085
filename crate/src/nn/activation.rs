//! Activation functions: the value f(z) and the derivative f' written in terms
//! of what the forward pass kept (docs/numerics.md, "One iteration").

/// One layer's nonlinearity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    Sigmoid,
    Tanh,
    Relu,
    Linear,
    /// Only for the output layer, and only with cross-entropy (the config enforces both).
    Softmax,
}

impl Activation {
    pub const ALL: [Activation; 5] = [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Linear,
        Activation::Softmax,
    ];

    /// The name used in configs.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::Linear => "linear",
            Activation::Softmax => "softmax",
        }
    }

    pub fn from_name(name: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.name() == name)
    }

    /// a = f(z) for one row of a layer (softmax needs the whole row).
    pub fn apply(self, z: &[f64], a: &mut [f64]) {
        match self {
            Activation::Sigmoid => map(z, a, sigmoid),
            Activation::Tanh => map(z, a, crate::math::fastmath::tanh),
            Activation::Relu => map(z, a, |z| if z > 0.0 { z } else { 0.0 }),
            Activation::Linear => a.copy_from_slice(z),
            Activation::Softmax => softmax(z, a),
        }
    }

    /// f'(z), from a = f(z) (and z itself for relu): sigmoid a(1−a), tanh 1−a²,
    /// relu 1 where z > 0, linear 1. Softmax's Jacobian is not diagonal; it is
    /// never asked for, because its delta with cross-entropy skips it, and the
    /// diagonal a(1−a) is returned so that the function stays total.
    pub fn derivative(self, z: f64, a: f64) -> f64 {
        match self {
            Activation::Sigmoid | Activation::Softmax => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Linear => 1.0,
        }
    }
}

impl Activation {
    /// δ_i ← δ_i·f'(z_i) over a block, the activation chosen once.
    pub fn scale_by_derivative(self, z: &[f64], a: &[f64], delta: &mut [f64]) {
        for ((d, &z), &a) in delta.iter_mut().zip(z).zip(a) {
            *d *= self.derivative(z, a);
        }
    }
}

fn map(z: &[f64], a: &mut [f64], f: impl Fn(f64) -> f64) {
    for (a, &z) in a.iter_mut().zip(z) {
        *a = f(z);
    }
}

pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + crate::math::fastmath::exp(-z))
}

/// Softmax with the row maximum subtracted, so that no exp overflows.
fn softmax(z: &[f64], a: &mut [f64]) {
    let max = row_max(z);
    let mut sum = 0.0;
    for (a, &z) in a.iter_mut().zip(z) {
        *a = crate::math::fastmath::exp(z - max);
        sum += *a;
    }
    for a in a.iter_mut() {
        *a /= sum;
    }
}

pub(crate) fn row_max(z: &[f64]) -> f64 {
    z.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Activation::ALL {
            assert_eq!(Activation::from_name(a.name()), Some(a));
        }
        assert_eq!(Activation::from_name("gelu"), None);
    }

    #[test]
    fn values_at_known_points() {
        let z = [-2.0, 0.0, 3.0];
        let mut a = [0.0; 3];
        Activation::Sigmoid.apply(&z, &mut a);
        assert_eq!(a[1], 0.5);
        assert!((a[2] - 0.9525741268224334).abs() < 1e-15);
        Activation::Relu.apply(&z, &mut a);
        assert_eq!(a, [0.0, 0.0, 3.0]);
        Activation::Tanh.apply(&z, &mut a);
        assert!((a[0] + 0.9640275800758169).abs() < 1e-15);
        Activation::Linear.apply(&z, &mut a);
        assert_eq!(a, z);
    }

    #[test]
    fn softmax_is_a_distribution_even_for_huge_inputs() {
        let z = [1000.0, 1001.0, 999.0];
        let mut a = [0.0; 3];
        Activation::Softmax.apply(&z, &mut a);
        assert!(a.iter().all(|p| p.is_finite() && *p > 0.0));
        assert!((a.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        assert!(a[1] > a[0] && a[0] > a[2]);
    }
}
