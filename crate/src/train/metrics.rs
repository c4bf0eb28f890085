//! Accuracy, for data whose targets are classes: one output of 0/1 (read at
//! 0.5) or of −1/1 (read at 0), one-hot rows (read by the largest output),
//! or several 0/1 outputs (each read at 0.5). Other targets are numbers to
//! fit, and have no accuracy.

use crate::data::dataset::Dataset;
use crate::nn::network::{Network, Pass};

/// How the targets name classes, if they do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Classes {
    /// One output; class 1 where it reaches `threshold` (targets `low` or 1).
    Binary { low: f64, threshold: f64 },
    /// One-hot rows: the class is the largest output.
    OneHot,
    /// Several 0/1 outputs (a sum and a carry): a row is right when every
    /// output read at 0.5 is.
    Bits,
}

impl Classes {
    pub fn of(data: &Dataset) -> Option<Classes> {
        let targets = data.targets(0..data.rows());
        let all = |f: &dyn Fn(f64) -> bool| targets.iter().all(|&t| f(t));
        if data.target_width() == 1 {
            if all(&|t| t == 0.0 || t == 1.0) {
                return Some(Classes::Binary {
                    low: 0.0,
                    threshold: 0.5,
                });
            }
            if all(&|t| t == -1.0 || t == 1.0) {
                return Some(Classes::Binary {
                    low: -1.0,
                    threshold: 0.0,
                });
            }
            return None;
        }
        let one_hot = targets.chunks(data.target_width()).all(|row| {
            row.iter().all(|&t| t == 0.0 || t == 1.0)
                && row.iter().filter(|&&t| t == 1.0).count() == 1
        });
        if one_hot {
            Some(Classes::OneHot)
        } else if all(&|t| t == 0.0 || t == 1.0) {
            Some(Classes::Bits)
        } else {
            None
        }
    }

    fn predicted_matches(self, outputs: &[f64], targets: &[f64]) -> bool {
        match self {
            Classes::Binary { low, threshold } => {
                let class = if outputs[0] >= threshold { 1.0 } else { low };
                class == targets[0]
            }
            Classes::OneHot => argmax(outputs) == argmax(targets),
            Classes::Bits => outputs
                .iter()
                .zip(targets)
                .all(|(&o, &t)| (o >= 0.5) == (t == 1.0)),
        }
    }
}

fn argmax(values: &[f64]) -> usize {
    values
        .iter()
        .enumerate()
        .fold((0, f64::NEG_INFINITY), |best, (i, &v)| {
            if v > best.1 {
                (i, v)
            } else {
                best
            }
        })
        .0
}

/// The share of rows whose predicted class is their target's, or None when
/// the targets are not classes. `pass` is scratch space for blocks of rows.
pub fn accuracy(network: &Network, data: &Dataset, pass: &mut Pass) -> Option<f64> {
    let classes = Classes::of(data)?;
    let (rows, k) = (data.rows(), data.target_width());
    let last = network.layers().len() - 1;
    let mut right = 0;
    network.forward_blocks(data.inputs(0..rows), 0..rows, pass, |block, pass| {
        let targets = data.targets(block);
        right += pass
            .a(last)
            .chunks(k)
            .zip(targets.chunks(k))
            .filter(|(o, t)| classes.predicted_matches(o, t))
            .count();
    });
    Some(right as f64 / rows.max(1) as f64)
}

/// The coefficient of determination of numbers fitted, 1 − Σ(y − ŷ)² /
/// Σ(y − ȳ)², over every output (ȳ each output's mean): 1 is a perfect fit,
/// 0 no better than the mean. None when the targets are classes, or when
/// they do not vary (R² is then undefined).
pub fn r_squared(network: &Network, data: &Dataset, pass: &mut Pass) -> Option<f64> {
    if Classes::of(data).is_some() {
        return None;
    }
    let (rows, k) = (data.rows(), data.target_width());
    let targets = data.targets(0..rows);
    let mut means = vec![0.0; k];
    for row in targets.chunks(k) {
        means.iter_mut().zip(row).for_each(|(m, t)| *m += t);
    }
    means.iter_mut().for_each(|m| *m /= rows.max(1) as f64);
    let total: f64 = targets
        .chunks(k)
        .flat_map(|row| row.iter().zip(&means))
        .map(|(t, m)| (t - m).powi(2))
        .sum();
    if total == 0.0 {
        return None;
    }
    let last = network.layers().len() - 1;
    let mut residual = 0.0;
    network.forward_blocks(data.inputs(0..rows), 0..rows, pass, |block, pass| {
        let t = data.targets(block);
        residual += pass
            .a(last)
            .iter()
            .zip(t)
            .map(|(o, t)| (t - o).powi(2))
            .sum::<f64>();
    });
    Some(1.0 - residual / total)
}

/// A misclassified row: its index and its true and predicted classes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Miss {
    pub row: usize,
    pub actual: usize,
    pub predicted: usize,
}

/// The confusion matrix of `data`'s rows (k × k counts, row-major,
/// [true class][predicted class], each class the largest of its row, k the
/// outputs) and the first `misses` misclassified rows.
pub fn confusion(
    network: &Network,
    data: &Dataset,
    pass: &mut Pass,
    misses: usize,
) -> (Vec<u64>, Vec<Miss>) {
    let (rows, k) = (data.rows(), network.outputs());
    let last = network.layers().len() - 1;
    let mut counts = vec![0u64; k * k];
    let mut wrong = Vec::new();
    network.forward_blocks(data.inputs(0..rows), 0..rows, pass, |block, pass| {
        let outputs = pass.a(last).chunks(k);
        for ((row, o), t) in block
            .clone()
            .zip(outputs)
            .zip(data.targets(block).chunks(k))
        {
            let (actual, predicted) = (argmax(t), argmax(o));
            counts[actual * k + predicted] += 1;
            if actual != predicted && wrong.len() < misses {
                wrong.push(Miss {
                    row,
                    actual,
                    predicted,
                });
            }
        }
    });
    (counts, wrong)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::presets::preset;
    use crate::Trainer;

    fn accuracy_of(t: &Trainer) -> Option<f64> {
        let mut pass = Pass::new(t.network(), 64);
        accuracy(t.network(), t.config().data(), &mut pass)
    }

    #[test]
    fn r_squared_is_one_for_a_perfect_fit_and_none_for_classes() {
        let xor = Trainer::new(preset("xor").unwrap());
        let mut pass = Pass::new(xor.network(), 64);
        assert_eq!(
            r_squared(xor.network(), xor.config().data(), &mut pass),
            None
        );
        // A linear network fitted exactly: y = 2x + 1, set by hand.
        let mut value = crate::config::presets::preset_value("xor").unwrap();
        value["layers"] = serde_json::json!([1, 1]);
        value["activations"] = serde_json::json!("linear");
        value["loss"] = serde_json::json!("mse");
        value["data"] =
            serde_json::json!({"inputs": [[0.0], [1.0], [2.0]], "targets": [[1.0], [3.0], [5.0]]});
        let mut t = Trainer::new(crate::config::Config::from_value(&value).unwrap());
        t.set_param(0, 2.0).unwrap();
        t.set_param(1, 1.0).unwrap();
        let mut pass = Pass::new(t.network(), 64);
        let r2 = r_squared(t.network(), t.config().data(), &mut pass).unwrap();
        assert!((r2 - 1.0).abs() < 1e-15, "{r2}");
        t.set_param(0, 0.0).unwrap();
        t.set_param(1, 3.0).unwrap(); // the mean: R² = 0
        let mut pass = Pass::new(t.network(), 64);
        assert_eq!(
            r_squared(t.network(), t.config().data(), &mut pass),
            Some(0.0)
        );
    }

    #[test]
    fn confusion_counts_every_row_once_by_its_largest_output() {
        let mut t = Trainer::new(preset("iris").unwrap());
        t.run(300).unwrap();
        let data = t.config().data();
        let mut pass = Pass::new(t.network(), 64);
        let (counts, wrong) = confusion(t.network(), data, &mut pass, 3);
        assert_eq!(counts.len(), 9);
        assert_eq!(counts.iter().sum::<u64>(), data.rows() as u64);
        let right: u64 = (0..3).map(|c| counts[c * 3 + c]).sum();
        let accuracy = accuracy(t.network(), data, &mut pass).unwrap();
        assert_eq!(right as f64 / data.rows() as f64, accuracy);
        assert!(wrong.len() <= 3 && wrong.iter().all(|m| m.actual != m.predicted));
    }

    #[test]
    fn kinds_of_targets() {
        let xor = preset("xor").unwrap();
        assert_eq!(
            Classes::of(xor.data()),
            Some(Classes::Binary {
                low: 0.0,
                threshold: 0.5
            })
        );
        let w1 = preset("bench-w1").unwrap();
        assert_eq!(
            Classes::of(w1.data()),
            Some(Classes::Binary {
                low: -1.0,
                threshold: 0.0
            })
        );
        assert_eq!(
            Classes::of(preset("iris").unwrap().data()),
            Some(Classes::OneHot)
        );
        assert_eq!(
            Classes::of(preset("half-adder").unwrap().data()),
            Some(Classes::Bits)
        );
        let mut regression = preset("xor").unwrap();
        regression.data = crate::Dataset::from_rows(&[vec![0.0]], &[vec![0.5]]);
        assert_eq!(Classes::of(regression.data()), None);
    }

    #[test]
    fn trained_xor_is_all_right_and_untrained_is_not() {
        let mut t = Trainer::new(preset("xor").unwrap());
        assert!(accuracy_of(&t).unwrap() < 1.0);
        t.run(3000).unwrap();
        assert_eq!(accuracy_of(&t), Some(1.0));
    }

    #[test]
    fn iris_passes_95_percent_within_300_iterations() {
        let mut t = Trainer::new(preset("iris").unwrap());
        t.run(300).unwrap();
        let a = accuracy_of(&t).unwrap();
        assert!(a >= 0.95, "{a}");
    }
}
