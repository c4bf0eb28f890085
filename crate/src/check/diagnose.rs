//! Naming the mistake: the lab replays the learner's run with each mistake
//! that learners make, alone and in pairs, and then (for programs that
//! depart in more ways at once) adding one mistake at a time, and names them
//! only when their replay gives every number the learner recorded. No
//! guessing from one number: a replay that differs anywhere is no explanation.

use super::named::mistakes_of;
use super::record::Record;
use super::replay::{Derivative, LossFormula, Over, Variant};
use super::{agree, first_difference, reach, Convention, Mistake};
use crate::nn::activation::Activation;
use crate::nn::loss::Loss;
use crate::nn::optimizer::Optimizer;
use crate::nn::schedule::Update;

/// The mistakes that give every recorded number; empty when none does (or
/// the optimizer is not plain gradient descent, whose programs the lab knows).
pub fn diagnose(record: &Record, convention: Convention) -> Vec<Mistake> {
    if !matches!(record.config.optimizer(), Optimizer::Sgd { .. }) {
        return Vec::new();
    }
    let right = Variant::right(&record.config);
    let singles = singles(record, &right, convention);
    let explains = |v: &Variant| first_difference(record, v, convention).is_none();
    if let Some(v) = singles.iter().find(|v| explains(v)) {
        return mistakes_of(record, &right, v);
    }
    for (i, a) in singles.iter().enumerate() {
        for b in &singles[i + 1..] {
            if let Some(v) = combine(&right, a, b) {
                if explains(&v) {
                    return mistakes_of(record, &right, &v);
                }
            }
        }
    }
    match one_at_a_time(record, &right, convention) {
        Some(v) => mistakes_of(record, &right, &v),
        None => Vec::new(),
    }
}

/// The most mistakes that `one_at_a_time` puts together.
const MOST_AT_ONCE: usize = 5;

/// Mistakes added one at a time: each round adds the one that takes the
/// replay furthest through the record (its scales measured again against the
/// mistakes found so far), until a replay gives every recorded number. A
/// program that departs in three or four ways at once (the seed's n-layer
/// program) is explained so; None when no such replay is found.
fn one_at_a_time(record: &Record, right: &Variant, convention: Convention) -> Option<Variant> {
    let mut current = right.clone();
    let (_, mut reached) = reach(record, &current, convention)?;
    for _ in 0..MOST_AT_ONCE {
        let mut best: Option<(Variant, super::Reach)> = None;
        for v in singles(record, &current, convention) {
            if v == current {
                continue;
            }
            match reach(record, &v, convention) {
                None => return Some(v),
                Some((_, r)) if r > reached && best.as_ref().map_or(true, |(_, b)| r > *b) => {
                    best = Some((v, r));
                }
                _ => {}
            }
        }
        (current, reached) = best?;
    }
    None
}

/// Each mistake alone (over `base`: the right replay, or the mistakes found
/// so far), in the order a tie is named.
fn singles(record: &Record, base: &Variant, convention: Convention) -> Vec<Variant> {
    let config = &record.config;
    let layers = base.derivative.len();
    let right = base;
    let with = |f: &dyn Fn(&mut Variant)| {
        let mut v = base.clone();
        f(&mut v);
        v
    };
    let mut out = Vec::new();
    for kind in [Derivative::OfZ, Derivative::Twice, Derivative::Missing] {
        let changes = |l: usize| {
            derivative_changes(
                config.activations()[l],
                kind,
                l + 1 == layers,
                config.loss(),
            )
        };
        for l in (0..layers).rev().filter(|&l| changes(l)) {
            out.push(with(&|v| v.derivative[l] = kind));
        }
        if layers > 1 && (0..layers).filter(|&l| changes(l)).count() > 1 {
            out.push(with(&|v| {
                for l in 0..layers {
                    if changes(l) {
                        v.derivative[l] = kind;
                    }
                }
            }));
        }
    }
    out.push(with(&|v| v.ascent = true));
    if config.bias() {
        out.push(with(&|v| v.biases_fixed = true));
    }
    if layers > 1 {
        out.push(with(&|v| v.updated_weights_in_backprop = true));
    }
    out.push(with(&|v| v.accumulated = true));
    let ratios = Ratios::of(record, right, convention);
    for k in ratios.scales() {
        out.push(with(&|v| v.gradient_scale = k));
        out.push(with(&|v| v.step_scale = k));
    }
    for l in 0..layers {
        for r in ratios.layer_rates(l) {
            out.push(with(&|v| v.layer_rate[l] = r));
        }
    }
    if let (true, Some(factor)) = (config.bias(), ratios.bias_from_last_weights) {
        out.push(with(&|v| v.bias_from_last_weights = Some(factor)));
    }
    let rows = config.data().rows();
    for update in [Update::Online, Update::Batch] {
        if update.rows(0, rows) != config.update().rows(0, rows)
            || update.iterations_per_epoch(rows) != right.update.iterations_per_epoch(rows)
        {
            out.push(with(&|v| v.update = update));
        }
    }
    for half in [true, false] {
        for over in [Over::Nothing, Over::Rows, Over::Numbers] {
            out.push(with(&|v| v.loss = LossFormula::Squares { half, over }));
        }
    }
    out
}

/// Whether a derivative mistake changes layer l's numbers at all.
fn derivative_changes(f: Activation, kind: Derivative, output: bool, loss: Loss) -> bool {
    if output && loss == Loss::CrossEntropy {
        return false; // its output delta takes no derivative
    }
    match kind {
        Derivative::OfZ | Derivative::Twice => matches!(f, Activation::Sigmoid | Activation::Tanh),
        _ => f != Activation::Linear,
    }
}

/// Two mistakes at once: `b`'s changes over `a`'s; None when they touch the same thing.
fn combine(right: &Variant, a: &Variant, b: &Variant) -> Option<Variant> {
    let mut v = a.clone();
    for l in 0..right.derivative.len() {
        if b.derivative[l] != right.derivative[l] {
            if a.derivative[l] != right.derivative[l] {
                return None;
            }
            v.derivative[l] = b.derivative[l];
        }
        if b.layer_rate[l] != right.layer_rate[l] {
            if a.layer_rate[l] != right.layer_rate[l] {
                return None;
            }
            v.layer_rate[l] = b.layer_rate[l];
        }
    }
    macro_rules! take {
        ($($field:ident),*) => {$(
            if b.$field != right.$field {
                if a.$field != right.$field {
                    return None;
                }
                v.$field = b.$field.clone();
            }
        )*};
    }
    take!(
        ascent,
        biases_fixed,
        updated_weights_in_backprop,
        accumulated,
        gradient_scale,
        step_scale,
        bias_from_last_weights,
        update,
        loss
    );
    Some(v)
}

/// What the first entry at iteration 0 tells of the learner's scale: the
/// ratio of its gradients and of its steps to the base replay's, and of its
/// bias steps to the base's steps of the weights from each layer's last input.
struct Ratios {
    gradient: Option<f64>,
    step: Option<f64>,
    layer_steps: Vec<Option<f64>>,
    bias_from_last_weights: Option<f64>,
    rows: usize,
    outputs: usize,
}

impl Ratios {
    fn of(record: &Record, base: &Variant, convention: Convention) -> Ratios {
        let config = &record.config;
        let layers = base.derivative.len();
        let mut ratios = Ratios {
            gradient: None,
            step: None,
            layer_steps: vec![None; layers],
            bias_from_last_weights: None,
            rows: record.rows_at(0).len(),
            outputs: *config.layers().last().unwrap_or(&1),
        };
        let Some(entry) = record.entries.first().filter(|e| e.iteration == 0) else {
            return ratios;
        };
        let replay = super::replay_at(record, base.clone(), 0);
        let mut at = 0;
        for (l, layer) in entry.layers.iter().enumerate() {
            let lab = &replay.layers[l];
            for q in [3, 2] {
                if let (None, Some(yours)) = (ratios.gradient, &layer.values[q]) {
                    let sign = if convention == Convention::Negative {
                        -1.0
                    } else {
                        1.0
                    };
                    ratios.gradient = ratio(
                        yours.iter().map(|y| sign * y),
                        lab.quantity(q).iter().copied(),
                    );
                }
            }
            let w = lab.weights_after.len();
            let before = &record.initial[at..at + w];
            if let Some(yours) = &layer.values[5] {
                let steps = |after: &[f64]| {
                    after
                        .iter()
                        .zip(before)
                        .map(|(a, b)| a - b)
                        .collect::<Vec<_>>()
                };
                let r = ratio(
                    steps(yours).into_iter(),
                    steps(&lab.weights_after).into_iter(),
                );
                ratios.layer_steps[l] = r;
                ratios.step = ratios.step.or(r);
            }
            let n_out = lab.biases_after.len();
            if let (Some(yours), None) = (&layer.values[6], ratios.bias_from_last_weights) {
                let bias_steps = yours
                    .iter()
                    .zip(&record.initial[at + w..])
                    .map(|(a, b)| a - b);
                let last_row = w - n_out..w;
                let weight_steps = (lab.weights_after[last_row.clone()].iter())
                    .zip(&record.initial[at + last_row.start..at + last_row.end])
                    .map(|(a, b)| a - b);
                ratios.bias_from_last_weights = ratio(bias_steps, weight_steps).map(tidy);
            }
            at += w + n_out;
        }
        ratios
    }

    /// Scales to try: the ones measured, and the usual causes (averaged
    /// over the rows, or over every number; the ½ left out or doubled).
    fn scales(&self) -> Vec<f64> {
        let (n, k) = (self.rows as f64, (self.rows * self.outputs) as f64);
        // The usual causes first, so that a measured scale close to one is named exactly.
        let mut out = vec![1.0 / n, 2.0, 0.5, 1.0 / k, 2.0 / n, 2.0 / k];
        out.extend([self.gradient, self.step].into_iter().flatten().map(tidy));
        distinct(out)
    }

    fn layer_rates(&self, l: usize) -> Vec<f64> {
        distinct(
            [Some(0.0), self.layer_steps[l]]
                .into_iter()
                .flatten()
                .map(tidy)
                .collect(),
        )
    }
}

/// yours ÷ lab at the lab's largest number, if it is not ~0.
fn ratio(yours: impl Iterator<Item = f64>, lab: impl Iterator<Item = f64>) -> Option<f64> {
    let (y, e) = yours.zip(lab).fold((0.0_f64, 0.0_f64), |best, (y, e)| {
        if e.abs() > best.1.abs() {
            (y, e)
        } else {
            best
        }
    });
    (e.abs() > 1e-12 && y.is_finite()).then(|| y / e)
}

/// A measured ratio as the round number or unit fraction it agrees with
/// (0.001 rather than 0.0010000000000000432, or 1/3 rather than 0.3333333333333328), so that a program's constant is
/// named as written.
fn tidy(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let digits = 10f64.powi(5 - x.abs().log10().floor() as i32);
    let round = (x * digits).round() / digits;
    let fraction = 1.0 / (1.0 / x).round();
    [round, fraction]
        .into_iter()
        .find(|&r| r.is_finite() && (x - r).abs() <= 1e-12 * x.abs())
        .unwrap_or(x)
}

/// Without 1 (the right scale), non-finite values and repeats.
fn distinct(values: Vec<f64>) -> Vec<f64> {
    let mut out: Vec<f64> = Vec::new();
    for v in values {
        if v.is_finite() && !agree(v, 1.0) && !out.iter().any(|&o| agree(v, o)) {
            out.push(v);
        }
    }
    out
}
