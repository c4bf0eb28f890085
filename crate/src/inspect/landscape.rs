//! The loss landscape (H. Li et al., "Visualizing the Loss Landscape of
//! Neural Nets", 2018): the loss over all rows on the plane through the
//! current weights θ spanned by two random directions d₁, d₂, at
//! θ + α·d₁ + β·d₂ for α, β from −1 to 1. Each direction is drawn from a
//! normal distribution (the engine's generator, seeded by the config's seed,
//! so a run's picture is the same every time) and filter-normalised: each
//! neuron's incoming weights in it are scaled to the norm of that neuron's
//! weights, and its biases are 0. The grid is odd, so that its centre cell
//! is θ itself: the run's own loss, exactly. Computed a band of rows at a
//! time, for the page's worker to slice across frames.

use std::ops::Range;

use crate::math::rng::Mt19937;
use crate::nn::network::{Network, Pass};
use crate::train::trainer::evaluate_on;
use crate::Trainer;

/// Cells per side (odd: the centre is the weights themselves).
pub const CELLS: usize = 41;
/// α and β run from −SPAN to SPAN, in units of the filter-normalised directions.
pub const SPAN: f64 = 1.0;

pub struct Landscape {
    centre: Vec<f64>,
    directions: [Vec<f64>; 2],
    /// The loss at each cell, row by row (β from −SPAN up), NaN until computed.
    pub losses: Vec<f64>,
    scratch: Network,
    pass: Pass,
}

/// A standard normal draw (Box–Muller), from two uniform draws in [0, 1).
fn normal(rng: &mut Mt19937) -> f64 {
    let (u, v) = (1.0 - rng.next_f64(), rng.next_f64());
    // libm, as everywhere in the engine: the same bits on every target.
    (-2.0 * libm::log(u)).sqrt() * libm::cos(std::f64::consts::TAU * v)
}

/// A random direction, filter-normalised to `network`'s weights.
fn direction(network: &Network, rng: &mut Mt19937) -> Vec<f64> {
    let mut d = vec![0.0; network.params().len()];
    for (l, layer) in network.layers().iter().enumerate() {
        let (weights, start) = (network.weights(l), layer.weight_range().start);
        let n = layer.outputs;
        let drawn: Vec<f64> = (0..weights.len()).map(|_| normal(rng)).collect();
        // Neuron j's incoming weights are column j of the inputs × outputs matrix.
        for j in 0..n {
            let norm = |xs: &[f64]| {
                xs.iter()
                    .skip(j)
                    .step_by(n)
                    .map(|x| x * x)
                    .sum::<f64>()
                    .sqrt()
            };
            let scale = norm(weights) / norm(&drawn).max(f64::MIN_POSITIVE);
            for k in (j..weights.len()).step_by(n) {
                d[start + k] = drawn[k] * scale;
            }
        }
    }
    d
}

/// α (or β) of cell `i`: exactly 0 at the centre.
pub fn coordinate(i: usize) -> f64 {
    let half = (CELLS - 1) as f64 / 2.0;
    SPAN * (i as f64 - half) / half
}

/// Why a landscape cannot be computed: none was started, or the network changed since (another
/// shape: its weights are not on the plane).
pub const NOT_STARTED: &str = "no landscape was started for this network";

/// The landscape started on `trainer`'s network, if one was.
pub fn fitting<'a>(
    started: &'a mut Option<Landscape>,
    trainer: &Trainer,
) -> Result<&'a mut Landscape, &'static str> {
    started
        .as_mut()
        .filter(|l| l.fits(trainer))
        .ok_or(NOT_STARTED)
}

impl Landscape {
    /// The plane through `trainer`'s current weights.
    pub fn new(trainer: &Trainer) -> Landscape {
        let network = trainer.network();
        let mut rng = Mt19937::new(trainer.config().seed);
        let directions = [direction(network, &mut rng), direction(network, &mut rng)];
        let rows = trainer.config().data().rows();
        Landscape {
            centre: network.params().to_vec(),
            directions,
            losses: vec![f64::NAN; CELLS * CELLS],
            scratch: network.clone(),
            pass: Pass::new(network, rows.clamp(1, 256)),
        }
    }

    /// Whether `trainer`'s network is the one this landscape was started on (its layers' sizes):
    /// another network's weights do not lie on its plane.
    pub fn fits(&self, trainer: &Trainer) -> bool {
        self.scratch.sizes() == trainer.network().sizes()
    }

    /// Computes grid rows `rows` (β index) of the landscape for `trainer`'s data and loss.
    pub fn compute(&mut self, trainer: &Trainer, rows: Range<usize>) {
        let config = trainer.config();
        for r in rows.start..rows.end.min(CELLS) {
            let beta = coordinate(r);
            for c in 0..CELLS {
                let alpha = coordinate(c);
                let [d1, d2] = &self.directions;
                let params = self.scratch.params_mut();
                for (k, p) in params.iter_mut().enumerate() {
                    *p = self.centre[k] + alpha * d1[k] + beta * d2[k];
                }
                self.losses[r * CELLS + c] =
                    evaluate_on(&self.scratch, config.loss, config.data(), &mut self.pass);
            }
        }
    }

    /// Where `params` lie on the plane, (α, β): their offset from the centre
    /// projected on each direction (random directions in many dimensions are
    /// all but orthogonal).
    pub fn position(&self, params: &[f64]) -> [f64; 2] {
        self.directions.each_ref().map(|d| {
            let along: f64 = params
                .iter()
                .zip(&self.centre)
                .zip(d)
                .map(|((p, c), x)| (p - c) * x)
                .sum();
            along / d.iter().map(|x| x * x).sum::<f64>().max(f64::MIN_POSITIVE)
        })
    }

    /// The run's path on the plane: the kept snapshots' weights (the page's
    /// time travel keeps them at epoch ends), then the current ones.
    pub fn path(&self, trainer: &Trainer) -> Vec<[f64; 2]> {
        let mut path: Vec<[f64; 2]> = trainer
            .snapshot_params()
            .iter()
            .map(|p| self.position(p))
            .collect();
        path.push(self.position(trainer.network().params()));
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::presets::preset;

    #[test]
    fn a_landscape_fits_only_the_network_it_was_started_on() {
        let xor = Trainer::new(preset("xor").unwrap());
        let landscape = Landscape::new(&xor);
        assert!(landscape.fits(&xor));
        assert!(landscape.fits(&Trainer::new(preset("xnor").unwrap())));
        // Digits' 64-32-10 or iris's 4-8-3 would index past XOR's weights.
        assert!(!landscape.fits(&Trainer::new(preset("iris").unwrap())));
    }

    #[test]
    fn the_centre_is_the_runs_loss_exactly_and_directions_are_filter_normalised() {
        for name in ["xor", "iris", "moons"] {
            let mut t = Trainer::new(preset(name).unwrap());
            t.keep_snapshots();
            t.run(37).unwrap();
            let mut landscape = Landscape::new(&t);
            let centre = CELLS / 2;
            landscape.compute(&t, centre..centre + 1);
            assert_eq!(
                landscape.losses[centre * CELLS + centre].to_bits(),
                t.loss().to_bits(),
                "{name}"
            );
            assert!(landscape.losses[centre * CELLS].is_finite());
            assert!(
                landscape.losses[0].is_nan(),
                "rows not asked for stay uncomputed"
            );
            // Neuron 0 of layer 0: the direction's column has the weights' column's norm.
            let (network, n) = (t.network(), t.network().layers()[0].outputs);
            let column = |xs: &[f64]| xs.iter().step_by(n).map(|x| x * x).sum::<f64>().sqrt();
            let d = &landscape.directions[0][..network.weights(0).len()];
            assert!((column(d) - column(network.weights(0))).abs() < 1e-12);
            let path = landscape.path(&t);
            assert_eq!(*path.last().unwrap(), [0.0, 0.0]);
            assert!(path.len() > 1);
        }
    }

    #[test]
    fn a_point_on_the_plane_is_found_where_it_was_put() {
        let t = Trainer::new(preset("iris").unwrap());
        let landscape = Landscape::new(&t);
        let [d1, d2] = &landscape.directions;
        let p: Vec<f64> = (0..d1.len())
            .map(|k| landscape.centre[k] + 0.25 * d1[k] - 0.5 * d2[k])
            .collect();
        let [a, b] = landscape.position(&p);
        assert!((a - 0.25).abs() < 0.05 && (b + 0.5).abs() < 0.05, "{a} {b}");
        assert_eq!(coordinate(0), -SPAN);
        assert_eq!(coordinate(CELLS - 1), SPAN);
        assert_eq!(coordinate(CELLS / 2), 0.0);
    }
}
