//! 2-D point sets on the plane [-6, 6]², drawn from the engine's generator
//! so that a seed always gives the same points: five to classify (targets 0
//! or 1) and two to fit (real targets). Each has a number of points, a noise
//! level and a share of points held out for testing. The transcendental
//! functions are libm's, so native and wasm builds draw the same bits.

use crate::math::rng::Mt19937;
use crate::words::{Refusal, Words};

/// Half the side of the plane the points lie on.
pub const EXTENT: f64 = 6.0;
pub const MIN_POINTS: usize = 10;
pub const MAX_POINTS: usize = 2_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generator {
    Circle,
    Quadrants,
    Gaussians,
    Spiral,
    Moons,
    Plane,
    Bump,
}

impl Generator {
    pub const ALL: [Generator; 7] = [
        Generator::Circle,
        Generator::Quadrants,
        Generator::Gaussians,
        Generator::Spiral,
        Generator::Moons,
        Generator::Plane,
        Generator::Bump,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Generator::Circle => "circle",
            Generator::Quadrants => "quadrants",
            Generator::Gaussians => "gaussians",
            Generator::Spiral => "spiral",
            Generator::Moons => "moons",
            Generator::Plane => "plane",
            Generator::Bump => "bump",
        }
    }

    pub fn from_name(name: &str) -> Option<Generator> {
        Generator::ALL.into_iter().find(|g| g.name() == name)
    }

    /// Whether the targets are classes (0 or 1) rather than numbers to fit.
    pub fn classifies(self) -> bool {
        !matches!(self, Generator::Plane | Generator::Bump)
    }
}

/// How to draw a set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub generator: Generator,
    pub points: usize,
    /// 0 to 0.5: how far points stray (classification) or targets wobble (regression).
    pub noise: f64,
    /// 0 to 0.9: the share held out for testing.
    pub test_share: f64,
    pub seed: u32,
}

/// A setting out of range: its sentence, and its code and values for the page.
pub type SettingsError = Refusal;

/// The rows of a set, split: training first, then test.
#[derive(Clone, Debug, PartialEq)]
pub struct PointSet {
    pub train_inputs: Vec<Vec<f64>>,
    pub train_targets: Vec<Vec<f64>>,
    pub test_inputs: Vec<Vec<f64>>,
    pub test_targets: Vec<Vec<f64>>,
}

impl Settings {
    /// Settings with the generator named as the page names it.
    pub fn named(
        generator: &str,
        points: usize,
        noise: f64,
        test_share: f64,
        seed: u32,
    ) -> Result<Settings, SettingsError> {
        let generator = Generator::from_name(generator).ok_or_else(|| {
            let words = Words::new("points.unknown", &[("name", &generator)]);
            Refusal::new(words, format!("unknown point set \"{generator}\""))
        })?;
        Ok(Settings {
            generator,
            points,
            noise,
            test_share,
            seed,
        })
    }

    pub fn check(&self) -> Result<(), SettingsError> {
        if !(MIN_POINTS..=MAX_POINTS).contains(&self.points) {
            let words = Words::new(
                "points.count",
                &[("min", &MIN_POINTS), ("max", &MAX_POINTS)],
            );
            let message = format!("Points: expected {MIN_POINTS} to {MAX_POINTS}");
            return Err(Refusal::new(words, message));
        }
        if !(0.0..=0.5).contains(&self.noise) {
            let words = Words::new("points.noise", &[]);
            return Err(Refusal::new(words, "Noise: expected 0 % to 50 %"));
        }
        if !(0.0..=0.9).contains(&self.test_share) {
            let words = Words::new("points.test-share", &[]);
            return Err(Refusal::new(words, "Test share: expected 0 % to 90 %"));
        }
        Ok(())
    }

    pub fn generate(&self) -> Result<PointSet, SettingsError> {
        self.check()?;
        let mut rng = Mt19937::new(self.seed);
        let n = self.points;
        let mut rows: Vec<([f64; 2], f64)> = (0..n)
            .map(|i| point(self.generator, i, n, self.noise, &mut rng))
            .collect();
        // Shuffle (Fisher–Yates) so that the test rows are a fair sample.
        for i in (1..rows.len()).rev() {
            let j = (rng.next_f64() * (i + 1) as f64) as usize;
            rows.swap(i, j.min(i));
        }
        let tests = ((n as f64) * self.test_share).round() as usize;
        let tests = tests.min(n - 1);
        let (train, test) = rows.split_at(n - tests);
        let split = |rows: &[([f64; 2], f64)]| -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
            rows.iter().map(|(x, y)| (x.to_vec(), vec![*y])).unzip()
        };
        let (train_inputs, train_targets) = split(train);
        let (test_inputs, test_targets) = split(test);
        Ok(PointSet {
            train_inputs,
            train_targets,
            test_inputs,
            test_targets,
        })
    }
}

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut Mt19937) -> f64 {
    let u = 1.0 - rng.next_f64();
    let v = rng.next_f64();
    (-2.0 * libm::log(u)).sqrt() * libm::cos(2.0 * std::f64::consts::PI * v)
}

fn uniform(rng: &mut Mt19937, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * rng.next_f64()
}

/// Point i of n, and its target.
fn point(g: Generator, i: usize, n: usize, noise: f64, rng: &mut Mt19937) -> ([f64; 2], f64) {
    let class = (i % 2) as f64;
    let jitter = |rng: &mut Mt19937| noise * EXTENT * normal(rng) * 0.5;
    match g {
        Generator::Circle => {
            // Class 1 inside radius 2.5, class 0 in the ring from 3.5 to 5.
            let radius = if class == 1.0 {
                uniform(rng, 0.0, 2.5)
            } else {
                uniform(rng, 3.5, 5.0)
            };
            let angle = uniform(rng, 0.0, 2.0 * std::f64::consts::PI);
            let x = radius * libm::cos(angle) + jitter(rng);
            let y = radius * libm::sin(angle) + jitter(rng);
            ([x, y], class)
        }
        Generator::Quadrants => {
            let pad = 0.3;
            let coordinate = |rng: &mut Mt19937| {
                let c = uniform(rng, pad, 5.0);
                if rng.next_f64() < 0.5 {
                    -c
                } else {
                    c
                }
            };
            let (x, y) = (coordinate(rng), coordinate(rng));
            let label = if x * y >= 0.0 { 1.0 } else { 0.0 };
            ([x + jitter(rng), y + jitter(rng)], label)
        }
        Generator::Gaussians => {
            let centre = if class == 1.0 { 2.0 } else { -2.0 };
            let spread = 0.8 + 2.0 * noise;
            (
                [centre + spread * normal(rng), centre + spread * normal(rng)],
                class,
            )
        }
        Generator::Spiral => {
            // Two arms, half a turn apart; class by arm.
            let t = (i / 2) as f64 / (n / 2).max(1) as f64;
            let r = 5.0 * t;
            let angle = 1.75 * t * 2.0 * std::f64::consts::PI + class * std::f64::consts::PI;
            (
                [
                    r * libm::sin(angle) + jitter(rng),
                    r * libm::cos(angle) + jitter(rng),
                ],
                class,
            )
        }
        Generator::Moons => {
            let t = uniform(rng, 0.0, std::f64::consts::PI);
            let (x, y) = if class == 1.0 {
                (libm::cos(t) * 3.0 - 1.5, libm::sin(t) * 3.0 - 0.75)
            } else {
                (1.5 - libm::cos(t) * 3.0, 0.75 - libm::sin(t) * 3.0)
            };
            ([x + jitter(rng), y + jitter(rng)], class)
        }
        Generator::Plane => {
            let (x, y) = (uniform(rng, -EXTENT, EXTENT), uniform(rng, -EXTENT, EXTENT));
            let target = (x + y) / (2.0 * EXTENT) + noise * normal(rng) * 0.5;
            ([x, y], target)
        }
        Generator::Bump => {
            let (x, y) = (uniform(rng, -EXTENT, EXTENT), uniform(rng, -EXTENT, EXTENT));
            let target = libm::exp(-(x * x + y * y) / 8.0) + noise * normal(rng) * 0.5;
            ([x, y], target)
        }
    }
}

impl PointSet {
    /// As the page reads it: `{"train": {"inputs", "targets"}, "test": {…}}`.
    pub fn to_value(&self) -> serde_json::Value {
        use crate::data::dataset::rows_value;
        serde_json::json!({
            "train": rows_value(&self.train_inputs, &self.train_targets),
            "test": rows_value(&self.test_inputs, &self.test_targets),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(generator: Generator) -> Settings {
        Settings {
            generator,
            points: 200,
            noise: 0.1,
            test_share: 0.25,
            seed: 3,
        }
    }

    #[test]
    fn each_generator_is_deterministic_with_its_size_and_split() {
        for g in Generator::ALL {
            let s = settings(g);
            let a = s.generate().unwrap();
            assert_eq!(a, s.generate().unwrap(), "{g:?}");
            assert_eq!(a.train_inputs.len(), 150, "{g:?}");
            assert_eq!(a.test_inputs.len(), 50, "{g:?}");
            assert_eq!(a.train_targets.len(), 150);
            let other = Settings { seed: 4, ..s }.generate().unwrap();
            assert_ne!(a, other, "{g:?}: another seed, other points");
            let all = a.train_targets.iter().chain(&a.test_targets);
            if g.classifies() {
                let ones = all.clone().filter(|t| t[0] == 1.0).count();
                assert!(all.clone().all(|t| t[0] == 0.0 || t[0] == 1.0));
                assert!((60..=140).contains(&ones), "{g:?}: {ones} of class 1");
            }
            for x in a.train_inputs.iter().chain(&a.test_inputs) {
                assert!(
                    x.iter().all(|v| v.is_finite() && v.abs() < 3.0 * EXTENT),
                    "{g:?} {x:?}"
                );
            }
        }
    }

    #[test]
    fn no_noise_circle_separates_its_classes_by_radius() {
        let s = Settings {
            noise: 0.0,
            ..settings(Generator::Circle)
        };
        let set = s.generate().unwrap();
        for (x, t) in set.train_inputs.iter().zip(&set.train_targets) {
            let r = x[0].hypot(x[1]);
            assert_eq!(t[0] == 1.0, r <= 2.5 + 1e-12, "r = {r}");
        }
    }

    #[test]
    fn settings_out_of_range_are_refused() {
        for bad in [
            Settings {
                points: 9,
                ..settings(Generator::Moons)
            },
            Settings {
                points: 2_001,
                ..settings(Generator::Moons)
            },
            Settings {
                noise: 0.6,
                ..settings(Generator::Moons)
            },
            Settings {
                noise: f64::NAN,
                ..settings(Generator::Moons)
            },
            Settings {
                test_share: 0.95,
                ..settings(Generator::Moons)
            },
        ] {
            assert!(bad.generate().is_err(), "{bad:?}");
        }
        let all_test = Settings {
            points: 10,
            test_share: 0.9,
            ..settings(Generator::Bump)
        };
        assert_eq!(all_test.generate().unwrap().train_inputs.len(), 1);
    }
}
