//! `backprop-lab`: the engine headless (docs/numerics.md, "The command line").
//! Results are one JSON object on stdout; a bad config or argument is one
//! line on stderr and exit status 2, with nothing on stdout. Files are read
//! up to a bound, and an output that cannot be written ends the program with
//! a line on stderr, never an abort.

use std::fs::File;
use std::io::{self, BufWriter, ErrorKind, Read, Write};
use std::process::ExitCode;

use backprop_lab::train::saved::{Saved, MAX_FILE_BYTES};
use backprop_lab::train::trace::matrix;
use backprop_lab::{preset, Config, Trainer};
use clap::{Args, Parser, Subcommand};

mod check;
use serde_json::{json, Value};

#[derive(Parser)]
#[command(
    name = "backprop-lab",
    version,
    about = "Train small neural networks exactly as Backprop Lab's page does"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train, then print the loss, predictions and weights as JSON.
    Train {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        seed: Seed,
        /// How many iterations to run (fewer if the config's stop_loss is reached).
        #[arg(long, default_value_t = 1000, value_name = "N")]
        iterations: u64,
        /// An input row to predict, such as 1,0,0; may be repeated.
        #[arg(long, value_name = "X1,X2,...", allow_hyphen_values = true)]
        predict: Vec<String>,
    },
    /// Run K iterations, then print every number of the next one as JSON.
    Trace {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        seed: Seed,
        /// How many iterations to run before the traced one.
        #[arg(long, default_value_t = 0, value_name = "K")]
        iterations: u64,
    },
    /// Run N iterations, then write the run as a file: the same bytes as the page's Export
    /// button of that format (json: the saved run; numpy, pytorch: a script that trains on;
    /// onnx: the trained network as an ONNX model).
    Export {
        /// json, numpy, pytorch or onnx.
        #[arg(long, value_name = "FORMAT")]
        format: String,
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        seed: Seed,
        /// How many iterations to run before exporting.
        #[arg(long, default_value_t = 0, value_name = "N")]
        iterations: u64,
        /// The file to write ("-" for stdout).
        #[arg(long, value_name = "FILE")]
        output: String,
    },
    /// Check a learner's own program from its record against backpropagation, number by
    /// number, and name the mistake: exit 0 when it agrees, 1 when it differs, 2 for a
    /// record that cannot be read.
    Check {
        /// The record the program wrote (docs/numerics.md, "The record of a learner's program").
        #[arg(value_name = "FILE", required_unless_present = "starter")]
        file: Option<String>,
        /// Print the verdict as one JSON object.
        #[arg(long)]
        json: bool,
        /// Write the starter kit (starter.py, record.py) into DIR instead.
        #[arg(long, value_name = "DIR", conflicts_with = "file")]
        starter: Option<String>,
    },
}

#[derive(Args)]
#[group(required = true, multiple = false)]
struct Source {
    /// A config file (JSON, docs/numerics.md's schema), or a run saved by the page's Export JSON
    /// (a config plus "iteration", "weights" and "optimizer_state"), which goes on from there.
    #[arg(long, value_name = "FILE")]
    config: Option<String>,
    /// A named config: a truth table (xor, and, or, nand, nor, xnor, parity-3, parity-4,
    /// majority-3, half-adder, full-adder, comparator-2), iris, digits, the tables breast-cancer,
    /// wine and diabetes, a point set (circle, quadrants, gaussians, spiral, moons, plane, bump),
    /// siraj-neuron, three-layer-challenge, ludo-xor, or a benchmark workload: bench-w1, bench-w2,
    /// bench-w3.
    #[arg(long, value_name = "NAME")]
    preset: Option<String>,
}

#[derive(Args)]
struct Seed {
    /// The seed of the first weights instead of the config's: a number from 0 to 4294967295, or
    /// "random" for a fresh one from the operating system. The output then names it ("seed"), so
    /// that the run can be made again.
    #[arg(long, value_name = "N|random", allow_hyphen_values = true)]
    seed: Option<String>,
}

/// Why the command failed: a usage error (exit 2) or training that diverged (exit 1).
enum Failure {
    Usage(String),
    Diverged(String, Value),
}

/// Exit status when stdout cannot take the output (full disk, closed file).
const OUTPUT_FAILED: u8 = 3;
/// Exit status when the reader of stdout went away (as a shell reports SIGPIPE).
const BROKEN_PIPE: u8 = 141;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            return finish(write_out(|out| write!(out, "{e}")), ExitCode::SUCCESS, "");
        }
        Err(e) => {
            // clap's message spans lines (error, details, usage); keep the
            // part before the first blank line, on one line.
            let text = e.to_string();
            let lines: Vec<&str> = text.lines().take_while(|l| !l.trim().is_empty()).collect();
            let message = lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
            complain(message.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    let command = match cli.command {
        Command::Export {
            format,
            source,
            seed,
            iterations,
            output,
        } => return export(&format, &source, &seed, iterations, &output),
        Command::Check {
            file,
            json,
            starter,
        } => return check::run(file.as_deref(), json, starter.as_deref()),
        command => command,
    };
    match run(command) {
        Ok(output) => finish(print_json(&output), ExitCode::SUCCESS, ""),
        Err(Failure::Usage(message)) => {
            complain(&message);
            ExitCode::from(2)
        }
        Err(Failure::Diverged(message, output)) => match print_json(&output) {
            Ok(()) => {
                complain(&message);
                ExitCode::from(1)
            }
            // Still one line: what happened to the output, then to training.
            Err(e) => finish(Err(e), ExitCode::from(1), &format!(" ({message})")),
        },
    }
}

/// A bad argument or file: one line on stderr, exit status 2.
fn usage_error(message: &str) -> ExitCode {
    complain(message);
    ExitCode::from(2)
}

/// One line on stderr. If stderr itself is gone there is no one to tell.
fn complain(message: &str) {
    let _ = writeln!(io::stderr(), "backprop-lab: {message}");
}

/// Writes to stdout through a buffer and flushes, so that every failure of
/// the output (not only the first write's) comes back here.
fn write_out(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    write(&mut out)?;
    out.flush()
}

fn print_json(value: &Value) -> io::Result<()> {
    write_out(|out| {
        serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
        writeln!(out)
    })
}

/// The exit status once the output is written: `status` if it was, else a
/// failure of its own (quietly for a reader that went away, as Unix tools do;
/// `also` ends the line otherwise).
fn finish(written: io::Result<()>, status: ExitCode, also: &str) -> ExitCode {
    match written {
        Ok(()) => status,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::from(BROKEN_PIPE),
        Err(e) => {
            complain(&format!("cannot write the output: {e}{also}"));
            ExitCode::from(OUTPUT_FAILED)
        }
    }
}

/// `export`: the file's bytes to `output`. A bad argument or a run that
/// diverged before the export is one line on stderr (status 2 or 1), and
/// no file is written.
fn export(format: &str, source: &Source, seed: &Seed, iterations: u64, output: &str) -> ExitCode {
    use backprop_lab::export::{bundled_template, export, Format};
    let usage = |message: String| {
        complain(&message);
        ExitCode::from(2)
    };
    let Some(format) = Format::from_name(format) else {
        return usage(format!(
            "--format {format}: expected one of json, numpy, pytorch, onnx"
        ));
    };
    let (saved, _) = match load(source).and_then(|saved| seeded(saved, seed)) {
        Ok(loaded) => loaded,
        Err(Failure::Usage(message) | Failure::Diverged(message, _)) => return usage(message),
    };
    let mut trainer = saved.trainer();
    if let Err(e) = trainer.run(iterations) {
        if format != Format::Json {
            complain(&e.to_string());
            return ExitCode::from(1);
        }
    }
    let bytes = match export(&trainer, format, bundled_template(format)) {
        Ok(bytes) => bytes,
        Err(refusal) => {
            complain(&refusal.message);
            return ExitCode::from(1);
        }
    };
    let written = if output == "-" {
        write_out(|out| out.write_all(&bytes))
    } else {
        std::fs::write(output, &bytes)
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if output == "-" => finish(Err(e), ExitCode::SUCCESS, ""),
        Err(e) => {
            complain(&format!("cannot write {output}: {e}"));
            ExitCode::from(OUTPUT_FAILED)
        }
    }
}

fn run(command: Command) -> Result<Value, Failure> {
    match command {
        // main writes the export's file itself.
        Command::Export { .. } | Command::Check { .. } => Err(Failure::Usage(
            "export and check write their own output".into(),
        )),
        Command::Train {
            source,
            seed,
            iterations,
            predict,
        } => {
            let (saved, seed) = seeded(load(&source)?, &seed)?;
            let rows = predict
                .iter()
                .map(|row| parse_row(row, &saved.config))
                .collect::<Result<Vec<_>, _>>()?;
            // A saved run (the page's Export JSON) goes on from where it stood.
            let mut trainer = saved.trainer();
            let result = trainer.run(iterations);
            let ran = trainer.iterations() - saved.iteration;
            // Where it broke, traced again from the seed (a run from a saved file has no seed to go back to).
            let from_seed = saved.iteration == 0 && saved.params.is_none();
            let why = from_seed.then(|| trainer.explain_divergence()).flatten();
            let mut output = train_output(&mut trainer, &rows, ran);
            if let Some(seed) = seed {
                output["seed"] = json!(seed);
            }
            match result {
                Ok(_) => Ok(output),
                Err(e) => Err(Failure::Diverged(
                    why.map_or(e.to_string(), |w| w.message()),
                    output,
                )),
            }
        }
        Command::Trace {
            source,
            seed,
            iterations,
        } => {
            let (saved, seed) = seeded(load(&source)?, &seed)?;
            let mut trainer = saved.trainer();
            let traced = trainer.run(iterations).and_then(|_| trainer.trace());
            match traced {
                Ok(trace) => {
                    let mut output = json!(trace);
                    if let Some(seed) = seed {
                        output["seed"] = json!(seed);
                    }
                    Ok(output)
                }
                Err(e) => Err(Failure::Diverged(e.to_string(), json!(null))),
            }
        }
    }
}

/// The config (a saved run's, with its weights and iteration, or a preset's).
fn load(source: &Source) -> Result<Saved, Failure> {
    let result = match (&source.config, &source.preset) {
        (Some(path), _) => Saved::from_json(&read_bounded(path)?),
        (None, Some(name)) => preset(name).map(|config| Saved {
            config,
            iteration: 0,
            params: None,
            state: None,
        }),
        (None, None) => return Err(Failure::Usage("give --config FILE or --preset NAME".into())),
    };
    result.map_err(|e| Failure::Usage(e.to_string()))
}

/// The run with `--seed`'s seed, if given (a fresh one for "random"), and that seed.
fn seeded(mut saved: Saved, seed: &Seed) -> Result<(Saved, Option<u32>), Failure> {
    let Some(text) = &seed.seed else {
        return Ok((saved, None));
    };
    let usage = |why: String| Failure::Usage(format!("--seed {text}: {why}"));
    let seed = match text.as_str() {
        "random" => backprop_lab::math::rng::fresh_seed().map_err(usage)?,
        _ => text.parse::<u32>().map_err(|_| {
            usage("expected a whole number from 0 to 4294967295, or \"random\"".into())
        })?,
    };
    if saved.params.is_some() {
        return Err(usage(
            "the file holds trained weights; a seed only chooses the first weights of a config"
                .into(),
        ));
    }
    let mut value = saved.config.to_value();
    value["seed"] = json!(seed);
    saved.config = backprop_lab::Config::from_value(&value).map_err(|e| usage(e.to_string()))?;
    Ok((saved, Some(seed)))
}

/// A file's text, read up to MAX_FILE_BYTES: /dev/zero, /dev/urandom or an
/// endless pipe is refused once past it, never read until memory runs out.
fn read_bounded(path: &str) -> Result<String, Failure> {
    let cannot = |why: String| Failure::Usage(format!("cannot read {path}: {why}"));
    let file = File::open(path).map_err(|e| cannot(e.to_string()))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(cannot("it is a directory".into()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(e.to_string()))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(cannot(format!(
            "it is larger than {} MB, the most a config or saved run may be",
            MAX_FILE_BYTES / 1_000_000
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        cannot(format!(
            "it is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// A `--predict` row as given (x1, x2 when the network sees features of them).
fn parse_row(text: &str, config: &Config) -> Result<Vec<f64>, Failure> {
    let width = config.raw_width();
    let bad = |why: String| Failure::Usage(format!("--predict {text}: {why}"));
    let row = text
        .split(',')
        .map(|cell| {
            cell.trim()
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| bad(format!("\"{}\" is not a finite number", cell.trim())))
        })
        .collect::<Result<Vec<f64>, _>>()?;
    if row.len() != width {
        let what = match config.features() {
            Some(_) => "x1 and x2, whose features the network sees",
            None => "as many as the network has inputs",
        };
        return Err(bad(format!(
            "expected {width} numbers, {what}, got {}",
            row.len()
        )));
    }
    Ok(row)
}

fn train_output(trainer: &mut Trainer, rows: &[Vec<f64>], ran: u64) -> Value {
    let loss = trainer.loss();
    let (network, config) = (trainer.network(), trainer.config());
    let predictions: Vec<Vec<f64>> = rows
        .iter()
        .map(|row| network.predict(&config.network_input(row)))
        .collect();
    let layers: Vec<Value> = network
        .layers()
        .iter()
        .enumerate()
        .map(|(l, layer)| {
            json!({
                "weights": matrix(network.weights(l), layer.outputs),
                "biases": network.biases(l),
            })
        })
        .collect();
    json!({
        "iterations": ran,
        "loss": loss,
        "predictions": predictions,
        "layers": layers,
    })
}
