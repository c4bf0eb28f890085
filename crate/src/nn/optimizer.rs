//! Optimizers: how a parameter moves given its gradient (docs/numerics.md, the update
//! rules), and the state that momentum and Adam carry between iterations.

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Optimizer {
    /// p ← p − η·g
    Sgd { learning_rate: f64 },
    /// v ← μ·v − η·g; p ← p + v
    Momentum { learning_rate: f64, momentum: f64 },
    /// Adam with bias correction (Kingma and Ba, 2015), ε outside the square root.
    Adam {
        learning_rate: f64,
        beta1: f64,
        beta2: f64,
        epsilon: f64,
    },
}

/// What an optimizer remembers between iterations, one slot per parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimizerState {
    /// Adam's step counter t.
    pub steps: u64,
    /// Momentum's velocity v, or Adam's first moment m.
    pub first: Vec<f64>,
    /// Adam's second moment s.
    pub second: Vec<f64>,
}

impl OptimizerState {
    pub fn new(optimizer: &Optimizer, parameters: usize) -> Self {
        let (first, second) = match optimizer {
            Optimizer::Sgd { .. } => (0, 0),
            Optimizer::Momentum { .. } => (parameters, 0),
            Optimizer::Adam { .. } => (parameters, parameters),
        };
        OptimizerState {
            steps: 0,
            first: vec![0.0; first],
            second: vec![0.0; second],
        }
    }

    /// As a saved run and the step inspector write it: `{"steps", "first", "second"}`.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::json!({"steps": self.steps, "first": self.first, "second": self.second})
    }

    pub fn clear(&mut self) {
        self.steps = 0;
        self.first.fill(0.0);
        self.second.fill(0.0);
    }
}

impl Optimizer {
    pub const KINDS: [&'static str; 3] = ["sgd", "momentum", "adam"];

    /// The optimizer of this kind with every setting at its default (an
    /// unknown kind is sgd's): the one place the defaults are written.
    pub fn default_of(kind: &str) -> Optimizer {
        match kind {
            "momentum" => Optimizer::Momentum {
                learning_rate: 0.1,
                momentum: 0.9,
            },
            "adam" => Optimizer::Adam {
                learning_rate: 0.01,
                beta1: 0.9,
                beta2: 0.999,
                epsilon: 1e-8,
            },
            _ => Optimizer::Sgd { learning_rate: 1.0 },
        }
    }

    /// As a config writes it: `{"kind", "learning_rate", …}`.
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::json;
        match *self {
            Optimizer::Sgd { learning_rate } => {
                json!({ "kind": "sgd", "learning_rate": learning_rate })
            }
            Optimizer::Momentum {
                learning_rate,
                momentum,
            } => {
                json!({ "kind": "momentum", "learning_rate": learning_rate, "momentum": momentum })
            }
            Optimizer::Adam {
                learning_rate,
                beta1,
                beta2,
                epsilon,
            } => json!({
                "kind": "adam", "learning_rate": learning_rate,
                "beta1": beta1, "beta2": beta2, "epsilon": epsilon
            }),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Optimizer::Sgd { .. } => "sgd",
            Optimizer::Momentum { .. } => "momentum",
            Optimizer::Adam { .. } => "adam",
        }
    }

    pub fn learning_rate(&self) -> f64 {
        match *self {
            Optimizer::Sgd { learning_rate }
            | Optimizer::Momentum { learning_rate, .. }
            | Optimizer::Adam { learning_rate, .. } => learning_rate,
        }
    }

    /// Moves every parameter by its gradient. Returns whether all parameters
    /// are still finite, so that divergence is noticed without another pass.
    pub fn update(&self, state: &mut OptimizerState, params: &mut [f64], grads: &[f64]) -> bool {
        let mut finite = true;
        match *self {
            Optimizer::Sgd { learning_rate } => {
                for (p, g) in params.iter_mut().zip(grads) {
                    *p -= learning_rate * g;
                    finite &= p.is_finite();
                }
            }
            Optimizer::Momentum {
                learning_rate,
                momentum,
            } => {
                for ((p, g), v) in params.iter_mut().zip(grads).zip(&mut state.first) {
                    *v = momentum * *v - learning_rate * g;
                    *p += *v;
                    finite &= p.is_finite();
                }
            }
            Optimizer::Adam {
                learning_rate,
                beta1,
                beta2,
                epsilon,
            } => {
                state.steps += 1;
                let t = state.steps as f64;
                let correction1 = 1.0 - libm::pow(beta1, t);
                let correction2 = 1.0 - libm::pow(beta2, t);
                let moments = state.first.iter_mut().zip(&mut state.second);
                for ((p, g), (m, s)) in params.iter_mut().zip(grads).zip(moments) {
                    *m = beta1 * *m + (1.0 - beta1) * g;
                    *s = beta2 * *s + (1.0 - beta2) * g * g;
                    let m_hat = *m / correction1;
                    let s_hat = *s / correction2;
                    *p -= learning_rate * m_hat / (s_hat.sqrt() + epsilon);
                    finite &= p.is_finite();
                }
            }
        }
        finite
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three updates of one parameter, starting at 1, with gradients 0.5, −0.25, 1.
    fn three_updates(optimizer: Optimizer) -> [f64; 3] {
        let mut state = OptimizerState::new(&optimizer, 1);
        let mut p = [1.0];
        let mut seen = [0.0; 3];
        for (k, g) in [0.5, -0.25, 1.0].into_iter().enumerate() {
            assert!(optimizer.update(&mut state, &mut p, &[g]));
            seen[k] = p[0];
        }
        seen
    }

    fn assert_close(got: [f64; 3], want: [f64; 3]) {
        for (g, w) in got.iter().zip(want) {
            assert!(
                (g - w).abs() <= 1e-15 * w.abs().max(1.0),
                "{got:?} != {want:?}"
            );
        }
    }

    #[test]
    fn sgd_by_hand() {
        // η = 0.1: 1 − 0.05 = 0.95; 0.95 + 0.025 = 0.975; 0.975 − 0.1 = 0.875.
        let got = three_updates(Optimizer::Sgd { learning_rate: 0.1 });
        assert_close(got, [0.95, 0.975, 0.875]);
    }

    #[test]
    fn momentum_by_hand() {
        // η = 0.1, μ = 0.9:
        // v1 = −0.05, p = 0.95
        // v2 = 0.9·(−0.05) + 0.025 = −0.02, p = 0.93
        // v3 = 0.9·(−0.02) − 0.1 = −0.118, p = 0.812
        let got = three_updates(Optimizer::Momentum {
            learning_rate: 0.1,
            momentum: 0.9,
        });
        assert_close(got, [0.95, 0.93, 0.812]);
    }

    #[test]
    fn adam_by_hand() {
        // η = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-8.
        // t=1: m = 0.05, s = 0.00025, m̂ = 0.5, ŝ = 0.25, step = 0.1·0.5/(0.5 + 1e-8)
        // t=2: m = 0.045 − 0.025 = 0.02, s = 0.00024975 + 0.0000625 = 0.00031225,
        //      m̂ = 0.02/0.19, ŝ = 0.00031225/0.001999
        // t=3: m = 0.018 + 0.1 = 0.118, s = 0.00031193775 + 0.001 = 0.00131193775,
        //      m̂ = 0.118/0.271, ŝ = 0.00131193775/0.002997001
        let step = |m_hat: f64, s_hat: f64| 0.1 * m_hat / (s_hat.sqrt() + 1e-8);
        let p1 = 1.0 - step(0.5, 0.25);
        let p2 = p1 - step(0.02 / 0.19, 0.00031225 / 0.001999);
        let p3 = p2 - step(0.118 / 0.271, 0.00131193775 / 0.002997001);
        let got = three_updates(Optimizer::Adam {
            learning_rate: 0.1,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        });
        // The hand figures round 1 − β^t and the moments to decimals, so allow 1e-12.
        for (g, w) in got.iter().zip([p1, p2, p3]) {
            assert!((g - w).abs() < 1e-12, "{got:?} != {:?}", [p1, p2, p3]);
        }
        assert!((p1 - 0.900000002).abs() < 1e-9);
    }

    #[test]
    fn divergence_is_reported() {
        let sgd = Optimizer::Sgd {
            learning_rate: 1e308,
        };
        let mut state = OptimizerState::new(&sgd, 1);
        assert!(!sgd.update(&mut state, &mut [0.0], &[10.0]));
    }
}
