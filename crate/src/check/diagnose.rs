//! Naming the mistake: the lab replays the learner's run with each mistake
//! that learners make, alone and in pairs, and then (for programs that
//! depart in more ways at once) adding one mistake at a time, and names them
//! only when their replay gives every number the learner recorded. No
//! guessing from one number: a replay that differs anywhere is no explanation.

use super::record::Record;
use super::replay::{Derivative, LossFormula, Over, Variant};
use super::{agree, first_difference, reach, Convention, Mistake};
use crate::nn::activation::Activation;
use crate::nn::loss::Loss;
use crate::nn::optimizer::Optimizer;
use crate::nn::schedule::Update;
use crate::words::Words;

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

/// The mistakes in a variant, each with the layer it applies to and what it means.
fn mistakes_of(record: &Record, right: &Variant, v: &Variant) -> Vec<Mistake> {
    let config = &record.config;
    let mut out = Vec::new();
    let layers = right.derivative.len();
    for kind in [Derivative::OfZ, Derivative::Twice, Derivative::Missing] {
        let hit: Vec<usize> = (0..layers).filter(|&l| v.derivative[l] == kind).collect();
        let (id, what, code) = match kind {
            Derivative::OfZ => ("derivative-of-z", "f' evaluated on z as if z were the activation (sigmoid z(1−z), tanh 1−z²) instead of on a = f(z): a(1−a), 1−a²", ["mistake.derivative-of-z", "mistake.derivative-of-z-everywhere"]),
            Derivative::Twice => ("derivative-twice", "f applied again before its derivative: σ(a)(1−σ(a)) instead of a(1−a)", ["mistake.derivative-twice", "mistake.derivative-twice-everywhere"]),
            _ => ("no-derivative", "the delta leaves out the activation's derivative f'(z)", ["mistake.no-derivative", "mistake.no-derivative-everywhere"]),
        };
        let all = hit.len() > 1;
        for l in if all { vec![hit[0]] } else { hit.clone() } {
            let layer = (!all).then_some(l + 1);
            let name = config.activations()[l].name();
            let cross_entropys = kind == Derivative::Missing
                && l + 1 == layers
                && config.activations()[l] == Activation::Sigmoid
                && matches!(config.loss(), Loss::Sse | Loss::Mse);
            let (detail, words) = if all {
                (format!("{what}, in every layer"), Words::new(code[1], &[]))
            } else if cross_entropys {
                (
                    format!("{what}, in layer {} ({name}): ŷ − y alone is the output delta of cross-entropy, not of the squared error that the loss is", l + 1),
                    Words::new("mistake.no-derivative-cross-entropy", &[("layer", &(l + 1)), ("activation", &name)]),
                )
            } else {
                (
                    format!("{what}, in layer {} ({name})", l + 1),
                    Words::new(code[0], &[("layer", &(l + 1)), ("activation", &name)]),
                )
            };
            out.push(Mistake {
                id,
                layer,
                detail,
                words,
            });
        }
    }
    let plain = |id, words: Words, detail: &str| Mistake {
        id,
        layer: None,
        detail: detail.to_string(),
        words,
    };
    let code = |code| Words::new(code, &[]);
    if v.ascent {
        out.push(plain("ascent", code("mistake.ascent"), "the parameters move along the gradient (p ← p + η·g) instead of against it: check the sign of the error (y − ŷ with +=, or ŷ − y with −=)"));
    }
    if v.biases_fixed {
        out.push(plain("bias-not-updated", code("mistake.bias-not-updated"), "the biases stay as they started while the weights move: update them with the column sums of each layer's delta"));
    }
    if let Some(factor) = v.bias_from_last_weights {
        let detail = format!("each bias moves by {factor} times the step of the weights from its layer's last input, not by its own gradient (the column sums of the layer's delta): a bias kept as the last row of the weights, updated from a gradient that lacks that row");
        let words = Words::new("mistake.bias-from-weights", &[("factor", &factor)]);
        out.push(plain("bias-from-weights", words, &detail));
    }
    if v.updated_weights_in_backprop {
        out.push(plain("updated-weights-in-backprop", code("mistake.updated-weights-in-backprop"), "a hidden delta is computed with weights already updated in this iteration: compute every delta first, then update"));
    }
    if v.accumulated {
        out.push(plain("accumulated-gradient", code("mistake.accumulated-gradient"), "the gradients are summed into a buffer that is never reset between iterations: set it to zero at the start of each one"));
    }
    let (rows, outputs) = (
        record.rows_at(0).len(),
        *config.layers().last().unwrap_or(&1),
    );
    for k in [v.gradient_scale, v.step_scale]
        .into_iter()
        .filter(|&k| k != 1.0)
    {
        let (words, detail) = scale_detail(k, rows, outputs, config.optimizer().learning_rate());
        out.push(plain("gradient-scaled", words, &detail));
    }
    for l in 0..layers {
        let r = v.layer_rate[l];
        if r != 1.0 {
            let (detail, words) = if r == 0.0 {
                (
                    format!(
                        "layer {}'s parameters never change: its update is missing",
                        l + 1
                    ),
                    Words::new("mistake.layer-never-changes", &[("layer", &(l + 1))]),
                )
            } else {
                (
                    format!(
                        "layer {} moves at {r:.6} times the rate of the others",
                        l + 1
                    ),
                    Words::new(
                        "mistake.layer-rate",
                        &[("layer", &(l + 1)), ("rate", &format!("{r:.6}"))],
                    ),
                )
            };
            out.push(Mistake {
                id: "layer-not-learning",
                layer: Some(l + 1),
                detail,
                words,
            });
        }
    }
    if v.update != right.update {
        let (words, detail) = match v.update {
            Update::Online => (code("mistake.rows-one-at-a-time"), "your program uses the rows one at a time, where the record's config says all at once (batch)"),
            _ => (code("mistake.rows-all-at-once"), "your program uses all rows at once, where the record's config says one at a time"),
        };
        out.push(plain("wrong-update-mode", words, detail));
    }
    if let LossFormula::Squares { half, over } = v.loss {
        let formula = format!(
            "{}Σ(ŷ−y)²{}",
            if half { "½·" } else { "" },
            match over {
                Over::Nothing => "",
                Over::Rows => " / n",
                Over::Numbers => " / (n·K)",
            }
        );
        let right = match config.loss() {
            Loss::Sse => "½·Σ(ŷ−y)²",
            Loss::Mse => "Σ(ŷ−y)² / (n·K)",
            Loss::CrossEntropy => "−Σ[y·ln ŷ + (1−y)·ln(1−ŷ)] / n",
        };
        let loss = config.loss().name();
        let detail = format!(
            "the updates are right, but the recorded loss is {formula} where the config's {loss} loss is {right}",
        );
        let words = Words::new(
            "mistake.loss-formula",
            &[("formula", &formula), ("loss", &loss), ("right", &right)],
        );
        out.push(plain("loss-formula", words, &detail));
    }
    out
}

/// Every step k times backpropagation's, with its likely cause (its words, its English).
fn scale_detail(k: f64, rows: usize, outputs: usize, eta: f64) -> (Words, String) {
    let numbers = rows * outputs;
    let (words, cause) = if agree(k, 1.0 / rows as f64) {
        (
            Words::new(
                "mistake.scaled-mean-over-rows",
                &[("k", &k), ("rows", &rows)],
            ),
            format!("the gradient averaged over the {rows} rows where the loss sums them"),
        )
    } else if agree(k, 2.0) {
        (
            Words::new("mistake.scaled-without-half", &[("k", &k)]),
            "the loss's derivative taken without the ½ of ½·Σ(ŷ−y)²".to_string(),
        )
    } else if rows > 1 && agree(k, 1.0 / (rows - 1) as f64) {
        (
            Words::new(
                "mistake.scaled-row-index",
                &[("k", &k), ("index", &(rows - 1)), ("rows", &rows)],
            ),
            format!("the gradient divided by {}, a row's index (the last of a loop over the {rows} rows), where the loss sums the rows", rows - 1),
        )
    } else if agree(k, 1.0 / numbers as f64) {
        (
            Words::new(
                "mistake.scaled-mean-over-numbers",
                &[("k", &k), ("numbers", &numbers)],
            ),
            format!("the gradient averaged over all {numbers} numbers"),
        )
    } else {
        (
            Words::new(
                "mistake.scaled-rate",
                &[("k", &k), ("rate", &(k * eta)), ("eta", &eta)],
            ),
            format!("another learning rate: η = {} instead of {eta}", k * eta),
        )
    };
    (
        words,
        format!("every step is k = {k} times backpropagation's: likely {cause}"),
    )
}
