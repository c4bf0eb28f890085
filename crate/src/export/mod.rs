//! A run as a file, one exporter for the page and the command line, so that
//! both write the same bytes for the same run:
//! - `json`: the saved run (`saved.rs`), which the page imports and the
//!   command line's `--config` goes on from;
//! - `numpy`, `pytorch`: standalone Python scripts holding the run (config,
//!   data, weights, optimizer state) that train on by the same rules
//!   (numpy.py, pytorch.py; `python3 script.py 1000` prints the loss after
//!   1,000 more iterations). The command line carries the templates; the
//!   page fetches one when it is used and hands it over, so that they stay
//!   out of its engine's transfer;
//! - `onnx`: the trained network as an ONNX model (onnx.rs).

mod onnx;
mod protobuf;

use serde_json::Value;

use crate::train::saved::save;
use crate::words::{Refusal, Words};
use crate::Trainer;

/// What a run can be exported as.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Format {
    Json,
    Numpy,
    Pytorch,
    Onnx,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Json, Format::Numpy, Format::Pytorch, Format::Onnx];

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Numpy => "numpy",
            Format::Pytorch => "pytorch",
            Format::Onnx => "onnx",
        }
    }

    /// The name the page gives the file.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Json => "backprop-lab-run.json",
            Format::Numpy => "backprop_lab_run.py",
            Format::Pytorch => "backprop_lab_run_torch.py",
            Format::Onnx => "backprop-lab.onnx",
        }
    }
}

/// A script format's template (numpy.py, pytorch.py), as the command line
/// carries it; None for the other formats. The page's engine never calls
/// this, so the texts stay out of its .wasm.
pub fn bundled_template(format: Format) -> Option<&'static str> {
    match format {
        Format::Numpy => Some(include_str!("numpy.py")),
        Format::Pytorch => Some(include_str!("pytorch.py")),
        Format::Json | Format::Onnx => None,
    }
}

/// `export` with the format named as the page names it.
pub fn export_named(
    trainer: &Trainer,
    name: &str,
    template: Option<&str>,
) -> Result<Vec<u8>, Refusal> {
    let format = Format::from_name(name).ok_or_else(|| {
        let words = Words::new("export.unknown", &[("name", &name)]);
        Refusal::new(words, format!("no export format is called \"{name}\""))
    })?;
    export(trainer, format, template)
}

/// The run where it stands, as `format` (a script format fills `template`,
/// its text with the marker `@RUN@`). A run that diverged has no weights
/// to go on from: it exports as JSON (its settings and data) and nothing else.
pub fn export(
    trainer: &Trainer,
    format: Format,
    template: Option<&str>,
) -> Result<Vec<u8>, Refusal> {
    let saved = save(trainer);
    if format != Format::Json && saved.get("weights").is_none() {
        return Err(Refusal::new(
            Words::new("export.diverged", &[("format", &format.name())]),
            format!(
                "this run diverged: its weights are not numbers, so there is no network to export as {}; Reset, or export JSON for its settings and data",
                format.name()
            ),
        ));
    }
    Ok(match format {
        Format::Json => {
            let mut text = String::new();
            pretty(&saved, 0, &mut text);
            text.push('\n');
            text.into_bytes()
        }
        Format::Numpy | Format::Pytorch => {
            let template = template.filter(|t| t.contains("@RUN@"));
            let template = template.ok_or_else(|| {
                Refusal::new(
                    Words::new("export.template", &[("format", &format.name())]),
                    format!(
                        "the {} script's template is missing or damaged",
                        format.name()
                    ),
                )
            })?;
            let mut run = saved;
            run["batches"] = batches(trainer);
            script(template, &run.to_string())
        }
        Format::Onnx => onnx::model(
            trainer.network(),
            trainer.config().features(),
            &describe(trainer),
        ),
    })
}

/// The rows of each iteration of one epoch, `[[first, one past last], …]`:
/// the scripts' iteration t uses entry t mod the count, so that they follow
/// the engine's schedule without a rule of their own.
fn batches(trainer: &Trainer) -> Value {
    let (update, rows) = (trainer.config().update(), trainer.config().data().rows());
    let epoch = 0..trainer.iterations_per_epoch();
    Value::from_iter(epoch.map(|t| {
        let r = update.rows(t, rows);
        serde_json::json!([r.start, r.end])
    }))
}

/// `value` as JSON indented by one space a level (as `JSON.stringify(v, null, 1)`
/// lays it out; serde_json's own pretty printer would cost the page's engine
/// a second copy of its serializer).
fn pretty(value: &Value, depth: usize, out: &mut String) {
    let indent = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&" ".repeat(depth));
    };
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i > 0 { "," } else { "" });
                indent(out, depth + 1);
                pretty(item, depth + 1, out);
            }
            indent(out, depth);
            out.push(']');
        }
        Value::Object(fields) if !fields.is_empty() => {
            out.push('{');
            for (i, (key, item)) in fields.iter().enumerate() {
                out.push_str(if i > 0 { "," } else { "" });
                indent(out, depth + 1);
                out.push_str(&Value::from(key.as_str()).to_string());
                out.push_str(": ");
                pretty(item, depth + 1, out);
            }
            indent(out, depth);
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// A script template with the run in its raw string literal: JSON has no
/// ''' (but in a string, written \u0027 here) and no escape a raw string changes.
fn script(template: &str, run: &str) -> Vec<u8> {
    let run = run.replace("'''", "\\u0027\\u0027\\u0027");
    template.replacen("@RUN@", &run, 1).into_bytes()
}

/// The model's description: the network and where training stood.
fn describe(trainer: &Trainer) -> String {
    let config = trainer.config();
    let sizes: Vec<String> = config.layers().iter().map(|n| n.to_string()).collect();
    let kinds: Vec<&str> = config.activations().iter().map(|a| a.name()).collect();
    format!(
        "A Backprop Lab network, layers {} ({}), after iteration {}. Input x: one row per example{}; output y_hat: the network's prediction.",
        sizes.join("-"),
        kinds.join(", "),
        trainer.iterations(),
        match config.features() {
            Some(f) => format!(" (x1, x2; the network sees {})", f.names().join(", ")),
            None => String::new(),
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::presets::preset;

    #[test]
    fn every_format_has_a_name_and_a_file() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
            assert!(!f.file_name().is_empty());
        }
        assert_eq!(Format::from_name("csv"), None);
    }

    #[test]
    fn the_json_is_the_saved_run_and_reads_back() {
        let mut trainer = Trainer::new(preset("xor").unwrap());
        trainer.run(10).unwrap();
        let bytes = export(&trainer, Format::Json, bundled_template(Format::Json)).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("{\n \""));
        assert!(text.contains("\n \"layers\": [\n  2,\n  4,\n  1\n ],"));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value, save(&trainer));
    }

    #[test]
    fn a_script_holds_the_run_once_with_no_marker_left() {
        let trainer = Trainer::new(preset("iris").unwrap());
        for f in [Format::Numpy, Format::Pytorch] {
            let text =
                String::from_utf8(export(&trainer, f, bundled_template(f)).unwrap()).unwrap();
            assert!(!text.contains("@RUN@"));
            assert_eq!(text.matches("{\"version\":1,").count(), 1, "{f:?}");
        }
        assert_eq!(
            script("r'''@RUN@'''", "{\"a\": \"'''\"}"),
            b"r'''{\"a\": \"\\u0027\\u0027\\u0027\"}'''"
        );
    }

    #[test]
    fn a_diverged_run_exports_its_settings_only() {
        let mut config = preset("xor").unwrap().to_value();
        config["activations"] = serde_json::json!("linear");
        config["optimizer"] = serde_json::json!({"kind": "sgd", "learning_rate": 1e6});
        let mut trainer = Trainer::new(crate::config::Config::from_value(&config).unwrap());
        assert!(trainer.run(1000).is_err());
        assert!(export(&trainer, Format::Json, bundled_template(Format::Json)).is_ok());
        for f in [Format::Numpy, Format::Pytorch, Format::Onnx] {
            let refusal = export(&trainer, f, bundled_template(f)).unwrap_err();
            assert!(refusal.message.contains("diverged"));
            assert_eq!(refusal.words.code, "export.diverged");
        }
    }
}
