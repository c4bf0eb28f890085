//! The mistakes a replay found, in words: each one's id, the layer it
//! applies to and what it means (its English, and its code and values for
//! the page in another language), with the likely cause of a scaled step.

use super::record::Record;
use super::replay::{Derivative, LossFormula, Over, Variant};
use super::{agree, Mistake};
use crate::nn::activation::Activation;
use crate::nn::loss::Loss;
use crate::nn::schedule::Update;
use crate::words::Words;

/// The mistakes in a variant, each with the layer it applies to and what it means.
pub fn mistakes_of(record: &Record, right: &Variant, v: &Variant) -> Vec<Mistake> {
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
