//! Room `check`: "Check my backprop". A learner's program records its run
//! (`record`); the lab replays it from the same start (`replay`), compares
//! every recorded number, and when they differ, replays the mistakes that
//! learners make (`diagnose`) to name the one that gives every recorded
//! number, in words (`named`). Uses `config`, `nn`, `data` and `train`.

pub mod diagnose;
pub mod named;
pub mod record;
pub mod replay;

use serde_json::{json, Value};

use record::{Entry, Record, QUANTITIES};
use replay::{Replay, Variant};

/// Two numbers agree within 1e-9 relative, or 1e-12 near zero. A number
/// that is not finite agrees with any other that is not: a replay that
/// overflows where the program overflowed (whether to ±∞ or NaN then hangs
/// on the last bits of exp near its limits).
pub fn agree(yours: f64, lab: f64) -> bool {
    if !yours.is_finite() || !lab.is_finite() {
        return !yours.is_finite() && !lab.is_finite();
    }
    (yours - lab).abs() <= f64::max(1e-12, 1e-9 * lab.abs())
}

/// How the record writes ∂loss/∂Z and the gradients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Convention {
    /// As they are: ∂loss/∂Z, ∂loss/∂W.
    Gradient,
    /// Negated, as the seed's programs keep `error * derivative` with error = y − ŷ.
    Negative,
}

impl Convention {
    pub fn name(self) -> &'static str {
        match self {
            Convention::Gradient => "gradient",
            Convention::Negative => "negative",
        }
    }

    /// The sign a recorded quantity (index of `QUANTITIES`) carries.
    fn sign(self, q: usize) -> f64 {
        match (self, q) {
            (Convention::Negative, 2..=4) => -1.0,
            _ => 1.0,
        }
    }
}

/// The first recorded number that backpropagation does not give.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub iteration: u64,
    /// Weight layers counted from 1; None for the loss.
    pub layer: Option<usize>,
    /// `loss` or a name of `QUANTITIES`.
    pub quantity: &'static str,
    /// [row, column] of a matrix, [i] of a vector; empty for the loss.
    pub index: Vec<usize>,
    pub yours: f64,
    pub expected: f64,
    /// `yours` and `expected` count rows: the program used other rows.
    pub rows: bool,
}

/// A mistake the lab knows, found by a replay that gives every recorded number.
#[derive(Clone, Debug, PartialEq)]
pub struct Mistake {
    pub id: &'static str,
    /// Weight layers counted from 1; None when it applies to all.
    pub layer: Option<usize>,
    pub detail: String,
    /// The detail's code and values, for the page in another language.
    pub words: crate::words::Words,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The recorded entries (iterations) compared.
    pub iterations: usize,
    pub convention: Convention,
    pub first_difference: Option<Difference>,
    pub mistakes: Vec<Mistake>,
}

impl Verdict {
    pub fn agrees(&self) -> bool {
        self.first_difference.is_none()
    }

    /// The command line's `--json` object.
    pub fn to_value(&self) -> Value {
        let difference = self.first_difference.as_ref().map(|d| {
            json!({
                "iteration": d.iteration, "layer": d.layer, "quantity": d.quantity, "index": d.index,
                "yours": finite_or_null(d.yours), "expected": finite_or_null(d.expected),
            })
        });
        let mistakes: Vec<Value> = self
            .mistakes
            .iter()
            .map(|m| json!({ "id": m.id, "layer": m.layer, "detail": m.detail }))
            .collect();
        json!({
            "agrees": self.agrees(),
            "iterations": self.iterations,
            "convention": self.convention.name(),
            "first_difference": difference,
            "mistakes": mistakes,
        })
    }

    /// The verdict in words, as the command line prints it.
    pub fn text(&self) -> String {
        let convention = match self.convention {
            Convention::Gradient => "deltas and gradients recorded as ∂loss/∂Z and ∂loss/∂W",
            Convention::Negative => {
                "deltas and gradients recorded negated (error = y − ŷ, as the seed's programs keep them)"
            }
        };
        let Some(d) = &self.first_difference else {
            return format!(
                "Your program agrees: {} iterations, every recorded number ({convention}).",
                self.iterations
            );
        };
        let mut out = format!("Your program differs from backpropagation ({convention}).\n");
        let place = match d.layer {
            Some(l) => format!("layer {l}, {}", d.quantity),
            None => d.quantity.to_string(),
        };
        let index = if d.index.is_empty() {
            String::new()
        } else {
            format!(" {:?}", d.index)
        };
        out += &match d.rows {
            true => format!(
                "First difference: iteration {}, {place}: yours has {} rows, backpropagation's {} (the rows this iteration uses).\n",
                d.iteration, d.yours, d.expected
            ),
            false => format!(
                "First difference: iteration {}, {place}{index}: yours {}, backpropagation's {}.\n",
                d.iteration, d.yours, d.expected
            ),
        };
        if d.yours.is_nan() {
            out += "Your program's numbers are NaN from there on: look for a division by zero or an overflow.\n";
        }
        if self.mistakes.is_empty() {
            out += "Not one of the mistakes the lab knows.";
        } else {
            for m in &self.mistakes {
                let layer = m.layer.map_or(String::new(), |l| format!(" (layer {l})"));
                out += &format!("Mistake: {}{layer}: {}\n", m.id, m.detail);
            }
        }
        out.trim_end().to_string()
    }
}

fn finite_or_null(x: f64) -> Value {
    if x.is_finite() {
        json!(x)
    } else {
        Value::Null
    }
}

/// Checks a record: the right replay against every recorded number, then,
/// if they differ, the mistakes that give them all. The sign convention is
/// the one under which the numbers agree furthest (a mistake's replay may
/// settle it).
pub fn check(record: &Record) -> Verdict {
    let right = Variant::right(&record.config);
    let counted = convention(record);
    let other = other_than(counted);
    let mut convention = counted;
    let mut first = first_difference(record, &right, counted);
    if let Some(d) = &first {
        let theirs = first_difference(record, &right, other);
        if theirs.as_ref().map_or(true, |o| {
            (o.iteration, o.layer.is_some()) > (d.iteration, d.layer.is_some())
        }) {
            (convention, first) = (other, theirs);
        }
    }
    let mut mistakes = Vec::new();
    if first.is_some() {
        for c in [convention, other_than(convention)] {
            mistakes = diagnose::diagnose(record, c);
            if !mistakes.is_empty() {
                if c != convention {
                    convention = c;
                    first = first_difference(record, &right, c);
                }
                break;
            }
        }
    }
    Verdict {
        iterations: record.entries.len(),
        convention,
        first_difference: first,
        mistakes,
    }
}

fn other_than(c: Convention) -> Convention {
    match c {
        Convention::Gradient => Convention::Negative,
        Convention::Negative => Convention::Gradient,
    }
}

/// Replays `variant` through the record; the first recorded number it does not give.
pub fn first_difference(
    record: &Record,
    variant: &Variant,
    convention: Convention,
) -> Option<Difference> {
    reach(record, variant, convention).map(|(d, _)| d)
}

/// How far a replay gets before its first difference: the iteration, the
/// place of the quantity in the order of `compare`, the number's index.
pub type Reach = (u64, usize, usize);

/// The first difference of `variant`'s replay and how far it got.
pub fn reach(
    record: &Record,
    variant: &Variant,
    convention: Convention,
) -> Option<(Difference, Reach)> {
    let mut replay = Replay::new(&record.config, variant.clone(), &record.initial);
    for entry in &record.entries {
        while replay.iteration < entry.iteration {
            replay.step(false);
        }
        replay.step(!entry.layers.is_empty());
        if let Some((d, place, index)) = compare(entry, &replay, convention) {
            return Some((d, (entry.iteration, place, index)));
        }
    }
    None
}

/// The first of an entry's numbers that the replay's iteration does not
/// give, in the order they are computed: forward (z, a by layer), the loss,
/// backward (delta, gradients from the output down), then the update; with
/// its place in that order and its flat index.
fn compare(
    entry: &Entry,
    replay: &Replay,
    convention: Convention,
) -> Option<(Difference, usize, usize)> {
    let layers = entry.layers.len();
    let order = (0..layers)
        .flat_map(|l| [(l, 0), (l, 1)])
        .chain([(usize::MAX, 0)])
        .chain((0..layers).rev().flat_map(|l| [(l, 2), (l, 3), (l, 4)]))
        .chain((0..layers).flat_map(|l| [(l, 5), (l, 6)]));
    for (place, (l, q)) in order.enumerate() {
        if l == usize::MAX {
            if let Some(loss) = entry.loss {
                if !agree(loss, replay.loss) {
                    let d = Difference {
                        iteration: entry.iteration,
                        layer: None,
                        quantity: "loss",
                        index: Vec::new(),
                        yours: loss,
                        expected: replay.loss,
                        rows: false,
                    };
                    return Some((d, place, 0));
                }
            }
            continue;
        }
        let Some(yours) = &entry.layers[l].values[q] else {
            continue;
        };
        let lab = replay.layers[l].quantity(q);
        let sign = convention.sign(q);
        let width = match q {
            0..=3 | 5 => Some(width_of(replay, l)),
            _ => None,
        };
        if yours.len() != lab.len() {
            // Rows of z, a or delta: the program used other rows than the config says.
            let rows = |n: usize| (n / width.unwrap_or(1)) as f64;
            let d = Difference {
                iteration: entry.iteration,
                layer: Some(l + 1),
                quantity: QUANTITIES[q],
                index: Vec::new(),
                yours: rows(yours.len()),
                expected: rows(lab.len()),
                rows: true,
            };
            return Some((d, place, 0));
        }
        if let Some(i) = (0..lab.len()).find(|&i| !agree(sign * yours[i], lab[i])) {
            let index = match width {
                Some(w) => vec![i / w, i % w],
                None => vec![i],
            };
            let d = Difference {
                iteration: entry.iteration,
                layer: Some(l + 1),
                quantity: QUANTITIES[q],
                index,
                yours: yours[i],
                expected: sign * lab[i],
                rows: false,
            };
            return Some((d, place, i));
        }
    }
    None
}

fn width_of(replay: &Replay, l: usize) -> usize {
    replay.layers[l]
        .biases_after
        .len()
        .max(replay.layers[l].grad_biases.len())
        .max(1)
}

/// Backpropagation's own numbers of iteration `t` of the record's run (every
/// number of it kept), from the record's first parameters.
pub fn right_replay_at(record: &Record, t: u64) -> Replay<'_> {
    replay_at(record, Variant::right(&record.config), t)
}

/// A variant's numbers of iteration `t`, every one kept.
pub fn replay_at(record: &Record, variant: Variant, t: u64) -> Replay<'_> {
    let mut replay = Replay::new(&record.config, variant, &record.initial);
    while replay.iteration < t {
        replay.step(false);
    }
    replay.step(true);
    replay
}

/// The record's sign for deltas and gradients: the first recorded one that
/// backpropagation's right replay gives as it is or negated says which.
fn convention(record: &Record) -> Convention {
    let Some(entry) = record.entries.iter().find(|e| {
        e.layers
            .iter()
            .any(|l| (2..=4).any(|q| l.values[q].is_some()))
    }) else {
        return Convention::Gradient;
    };
    let replay = right_replay_at(record, entry.iteration);
    let (mut same, mut negated) = (0, 0);
    for (l, layer) in entry.layers.iter().enumerate() {
        for q in 2..=4 {
            let (Some(yours), lab) = (&layer.values[q], replay.layers[l].quantity(q)) else {
                continue;
            };
            for (y, e) in yours.iter().zip(lab) {
                same += agree(*y, *e) as usize;
                negated += agree(-*y, *e) as usize;
            }
        }
    }
    if negated > same {
        Convention::Negative
    } else {
        Convention::Gradient
    }
}

/// A record's text checked, as the page reads it (`page_value`); the error
/// names the field of a record that cannot be read.
pub fn check_text(text: &str) -> Result<Value, crate::data::json::ConfigError> {
    let record = Record::from_json(text)?;
    Ok(page_value(&record, &check(&record)))
}

/// The verdict as the page reads it: the command line's object, the run to
/// open in the inspector (the record's config at its first parameters, as a
/// saved run), and the learner's numbers at the first difference in the
/// lab's sign, for the inspector's "yours" column.
pub fn page_value(record: &Record, verdict: &Verdict) -> Value {
    let mut trainer = crate::train::trainer::Trainer::new(record.config.clone());
    trainer.load(0, Some(&record.initial), None);
    let mut value = verdict.to_value();
    // Each mistake's detail as words too, for the page in another language.
    for (m, mistake) in verdict.mistakes.iter().enumerate() {
        let values: serde_json::Map<String, Value> = (mistake.words.values.iter())
            .map(|(k, v)| (k.to_string(), Value::from(v.as_str())))
            .collect();
        value["mistakes"][m]["words"] = json!({ "code": mistake.words.code, "values": values });
    }
    value["run"] = crate::train::saved::save(&trainer);
    let at = verdict.first_difference.as_ref().map(|d| d.iteration);
    value["yours"] = match record.entries.iter().find(|e| Some(e.iteration) == at) {
        Some(entry) => yours_value(record, entry, verdict.convention),
        None => Value::Null,
    };
    value
}

/// The learner's numbers of one entry in the lab's sign, and where they
/// differ from the right replay's: `{"iteration", "loss", "loss_differs",
/// "layers": [{quantity: matrix or vector}], "differs": [{quantity: [flat
/// indices]}]}`.
fn yours_value(record: &Record, entry: &Entry, convention: Convention) -> Value {
    let sizes = record.config.layers();
    let replay = right_replay_at(record, entry.iteration);
    let numbers = |xs: &[f64]| xs.iter().map(|&x| finite_or_null(x)).collect::<Vec<_>>();
    let (mut layers, mut differs) = (Vec::new(), Vec::new());
    for (l, layer) in entry.layers.iter().enumerate() {
        let (mut values, mut marks) = (serde_json::Map::new(), serde_json::Map::new());
        for (q, name) in QUANTITIES.iter().enumerate() {
            let Some(yours) = &layer.values[q] else {
                continue;
            };
            let signed: Vec<f64> = yours.iter().map(|v| convention.sign(q) * v).collect();
            let lab = replay.layers[l].quantity(q);
            let off: Vec<usize> = (0..signed.len())
                .filter(|&i| lab.get(i).map_or(true, |&e| !agree(signed[i], e)))
                .collect();
            let shaped = match q {
                4 | 6 => json!(numbers(&signed)),
                _ => json!(signed.chunks(sizes[l + 1]).map(numbers).collect::<Vec<_>>()),
            };
            values.insert(name.to_string(), shaped);
            marks.insert(name.to_string(), json!(off));
        }
        layers.push(Value::Object(values));
        differs.push(Value::Object(marks));
    }
    json!({
        "iteration": entry.iteration,
        "loss": entry.loss.map(finite_or_null),
        "loss_differs": entry.loss.is_some_and(|loss| !agree(loss, replay.loss)),
        "layers": layers,
        "differs": differs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::presets::preset_value;
    use replay::Derivative;

    /// A record of `variant`'s run of a preset, as a learner's program would
    /// write it: every number of the first `detail` iterations, the loss of the
    /// rest; with or without the first weights (`initial`).
    fn record_of(
        name: &str,
        variant: impl Fn(&mut Variant),
        iterations: u64,
        initial: bool,
    ) -> Record {
        let config_value = preset_value(name).unwrap();
        let config = crate::config::Config::from_value(&config_value).unwrap();
        let mut network =
            crate::nn::network::Network::new(config.layers(), config.activations(), config.bias());
        network.initialise(config.init(), config.seed());
        let mut v = Variant::right(&config);
        variant(&mut v);
        let mut replay = Replay::new(&config, v, network.params());
        let mut entries = Vec::new();
        for t in 0..iterations {
            replay.step(true);
            let layers: Vec<Value> = replay
                .layers
                .iter()
                .map(|l| {
                    let rows = |xs: &[f64]| xs.chunks(l.biases_after.len()).map(<[f64]>::to_vec).collect::<Vec<_>>();
                    json!({ "z": rows(&l.z), "delta": rows(&l.delta), "weights_after": rows(&l.weights_after), "biases_after": l.biases_after })
                })
                .collect();
            entries.push(json!({ "iteration": t, "loss": replay.loss, "layers": layers }));
        }
        let mut value = json!({ "format": "backprop-lab-record", "version": 1, "config": config_value, "iterations": entries });
        if initial {
            let sizes = config.layers();
            let mut at = 0;
            let layers: Vec<Value> = sizes
                .windows(2)
                .map(|p| {
                    let w = &network.params()[at..at + p[0] * p[1]];
                    let b = &network.params()[at + p[0] * p[1]..at + p[0] * p[1] + p[1]];
                    at += p[0] * p[1] + p[1];
                    json!({ "weights": w.chunks(p[1]).collect::<Vec<_>>(), "biases": b })
                })
                .collect();
            value["initial"] = json!(layers);
        }
        Record::from_json(&value.to_string()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_right_run_agrees_with_or_without_its_first_weights() {
        for initial in [true, false] {
            let v = check(&record_of("siraj-neuron", |_| {}, 20, initial));
            assert!(v.agrees(), "{:?}", v.first_difference);
            assert_eq!((v.iterations, v.convention), (20, Convention::Gradient));
        }
    }

    #[test]
    fn a_generated_mistake_is_named_and_the_first_difference_is_where_it_starts() {
        let record = record_of("xor", |v| v.derivative[0] = Derivative::OfZ, 10, true);
        let v = check(&record);
        let d = v.first_difference.clone().unwrap();
        assert_eq!((d.iteration, d.layer, d.quantity), (0, Some(1), "delta"));
        let named: Vec<_> = v.mistakes.iter().map(|m| (m.id, m.layer)).collect();
        assert_eq!(named, [("derivative-of-z", Some(1))]);
        let json = v.to_value();
        assert_eq!(json["first_difference"]["quantity"], "delta");
        assert_eq!(json["mistakes"][0]["id"], "derivative-of-z");
    }

    #[test]
    fn four_mistakes_at_once_are_found_one_at_a_time_and_named_together() {
        let record = record_of(
            "xor",
            |v| {
                v.derivative[1] = Derivative::Missing;
                v.accumulated = true;
                v.step_scale = 0.25;
                v.bias_from_last_weights = Some(0.01);
            },
            40,
            true,
        );
        let named: Vec<_> = check(&record)
            .mistakes
            .iter()
            .map(|m| (m.id, m.layer))
            .collect();
        assert_eq!(
            named,
            [
                ("no-derivative", Some(2)),
                ("bias-from-weights", None),
                ("accumulated-gradient", None),
                ("gradient-scaled", None)
            ]
        );
    }

    #[test]
    fn the_page_gets_the_run_to_open_and_the_learners_numbers_with_marks() {
        let record = record_of("xor", |v| v.biases_fixed = true, 3, true);
        let value = page_value(&record, &check(&record));
        assert_eq!(value["run"]["iteration"], 0);
        assert_eq!(value["yours"]["iteration"], 0);
        let marks = &value["yours"]["differs"][0];
        assert_eq!(marks["z"], json!([]), "the forward pass agrees");
        assert_eq!(
            marks["biases_after"],
            json!([0, 1, 2, 3]),
            "every bias of layer 1 differs"
        );
    }
}
