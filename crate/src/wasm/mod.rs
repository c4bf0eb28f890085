//! The engine's face in the browser: `Lab`, conversions to and from
//! JavaScript over a `Trainer` and nothing else: every computation is in the
//! module it belongs to.
//!
//! Bulk numbers (weights, gradients, activations, predictions, the loss
//! history, the boundary's grid) come back as `Float64Array` views of wasm
//! memory, built here from the engine's own layout: read them before the next
//! call into the engine (a view dies when the memory grows). `layout`,
//! `limits` and `defaults` tell the page where the numbers are and what the
//! engine allows, so that JavaScript never recomputes either.

use js_sys::Float64Array;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

use crate::config::Config;
use crate::inspect::boundary::{Boundary, Extent};
use crate::nn::network::{Network, Pass};
use crate::train::trainer::Trainer;

#[wasm_bindgen]
pub struct Lab {
    trainer: Trainer,
    scratch: Scratch,
    /// The loss landscape being computed, if asked for.
    landscape: Option<crate::inspect::landscape::Landscape>,
}

/// Buffers for what the page reads besides the model itself.
struct Scratch {
    /// One row's forward pass, for the diagram.
    row_pass: Pass,
    /// Per layer: its z values, then its a values, for the selected row.
    row_values: Vec<f64>,
    /// A block of rows' forward pass, for the predictions column.
    table_pass: Pass,
    /// Every row's outputs, row-major.
    predictions: Vec<f64>,
    boundary: Boundary,
    /// The boundary's RGBA pixels.
    pixels: Vec<u8>,
}

/// Row `row` of `inputs` through the network: per layer, its z values then
/// its a values, in the scratch's row buffer (a view).
fn row_values(
    network: &Network,
    inputs: &[f64],
    row: usize,
    scratch: &mut Scratch,
) -> Float64Array {
    let Scratch {
        row_pass,
        row_values,
        ..
    } = scratch;
    network.forward_blocks(inputs, row..row + 1, row_pass, |_, _| {});
    let mut at = 0;
    for l in 0..network.layers().len() {
        for values in [row_pass.z(l), row_pass.a(l)] {
            row_values[at..at + values.len()].copy_from_slice(values);
            at += values.len();
        }
    }
    view(row_values)
}

/// Rows per block when the predictions are computed.
const TABLE_BLOCK: usize = 256;

impl Scratch {
    fn for_trainer(trainer: &Trainer) -> Scratch {
        let network = trainer.network();
        let neurons: usize = network.layers().iter().map(|l| l.outputs).sum();
        let rows = trainer.config().data().rows();
        Scratch {
            row_pass: Pass::new(network, 1),
            row_values: vec![0.0; 2 * neurons],
            table_pass: Pass::new(network, TABLE_BLOCK.min(rows)),
            predictions: vec![0.0; rows * network.outputs()],
            boundary: Boundary::new(network),
            pixels: Vec::new(),
        }
    }
}

fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

impl Lab {
    /// Training's error as the page shows it: a divergence with where it broke.
    fn failed(&self, e: crate::TrainError) -> JsError {
        match self.trainer.explain_divergence() {
            Some(why) => error(why.message()),
            None => error(e),
        }
    }
}

/// A view of engine memory; the page reads it before its next call.
fn view(values: &[f64]) -> Float64Array {
    // SAFETY: the view is handed straight to JavaScript, which reads it
    // before calling into the engine again (nothing here allocates after it).
    unsafe { Float64Array::view(values) }
}

#[wasm_bindgen]
impl Lab {
    /// A lab for a config (docs/numerics.md's JSON); the error names what is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str) -> Result<Lab, JsError> {
        let config = Config::from_json(config).map_err(error)?;
        let mut trainer = Trainer::new(config);
        // The page can go back to any kept epoch (time travel).
        trainer.keep_snapshots();
        let scratch = Scratch::for_trainer(&trainer);
        Ok(Lab {
            trainer,
            scratch,
            landscape: None,
        })
    }

    /// The Digits preset and its held-out images made from the digits' file,
    /// which the page fetches: JSON `{"config", "test"}` (crate::data::digits).
    /// A file that is not the digits' is an error naming its line.
    pub fn digits(text: &str) -> Result<String, JsError> {
        Ok(crate::data::digits::preset_of(text)
            .map_err(error)?
            .to_string())
    }

    /// A real table's preset (crate::data::tables: "breast-cancer", "wine",
    /// "diabetes") made from its CSV file, which the page fetches: JSON
    /// `{"config", "test"}`. A file that cannot be read is an error.
    #[wasm_bindgen(js_name = tablePreset)]
    pub fn table_preset(name: &str, text: &str) -> Result<String, JsError> {
        Ok(crate::data::tables::preset(name, text)
            .map_err(error)?
            .to_string())
    }

    /// The engine's limits, as JSON: what a config, a file or the boundary may be.
    pub fn limits() -> String {
        use crate::config as c;
        json!({
            "weight_layers": c::MAX_WEIGHT_LAYERS, "neurons": c::MAX_NEURONS,
            "inputs": c::MAX_INPUTS, "outputs": c::MAX_OUTPUTS, "rows": c::MAX_ROWS,
            "csv_chars": crate::data::csv::MAX_CHARS, "csv_columns": crate::data::csv::MAX_COLUMNS,
            "file_bytes": crate::train::saved::MAX_FILE_BYTES,
            "iterations": crate::train::trainer::MAX_ITERATIONS,
            "grid_cells": crate::inspect::boundary::MAX_CELLS,
            "landscape_cells": crate::inspect::landscape::CELLS,
        })
        .to_string()
    }

    /// The defaults a config leaves out, as JSON: each optimizer's settings.
    pub fn defaults() -> String {
        let optimizers: serde_json::Map<String, Value> = crate::nn::optimizer::Optimizer::KINDS
            .iter()
            .map(|&k| {
                (
                    k.to_string(),
                    crate::nn::optimizer::Optimizer::default_of(k).to_value(),
                )
            })
            .collect();
        let (points, noise, test_share) = crate::config::presets::POINT_DEFAULTS;
        let point_set = json!({ "points": points, "noise": noise, "test_share": test_share });
        json!({
            "optimizers": optimizers,
            "seed": 1,
            "points": point_set,
            "presets": crate::config::presets::NAMES,
        })
        .to_string()
    }

    /// A fresh seed from the platform's generator (the browser's crypto).
    #[wasm_bindgen(js_name = freshSeed)]
    pub fn fresh_seed() -> Result<u32, JsError> {
        crate::math::rng::fresh_seed().map_err(error)
    }

    /// Where each layer's numbers are, as JSON: `{"sizes", "parameters",
    /// "layers": [{"inputs", "outputs", "activation", "weights_at",
    /// "biases_at", "values_at"}]}`: offsets into `params` and `grads` (the
    /// weights row by row, n_in × n_out, then the biases) and into
    /// `forwardRow`'s values (the layer's z values, then its a values).
    pub fn layout(&self) -> String {
        let network = self.trainer.network();
        let mut values_at = 0;
        let layers: Vec<Value> = network
            .layers()
            .iter()
            .map(|l| {
                let layer = json!({
                    "inputs": l.inputs, "outputs": l.outputs, "activation": l.activation.name(),
                    "weights_at": l.weight_range().start, "biases_at": l.bias_range().start,
                    "values_at": values_at,
                });
                values_at += 2 * l.outputs;
                layer
            })
            .collect();
        json!({ "sizes": network.sizes(), "parameters": network.params().len(), "layers": layers })
            .to_string()
    }

    /// The current config, every default written out, as JSON.
    pub fn config(&self) -> String {
        self.trainer.config().to_json()
    }

    /// Takes a new config. Returns whether training goes on from the current
    /// weights (only optimizer settings, l2 or stop_loss changed); otherwise
    /// the network starts again from its seed. A bad config changes nothing.
    #[wasm_bindgen(js_name = setConfig)]
    pub fn set_config(&mut self, config: &str) -> Result<bool, JsError> {
        let config = Config::from_json(config).map_err(error)?;
        let kept = self.trainer.set_config(config);
        if !kept {
            self.scratch = Scratch::for_trainer(&self.trainer);
        }
        Ok(kept)
    }

    /// One iteration (one weight update).
    pub fn step(&mut self) -> Result<(), JsError> {
        self.trainer.step().map_err(|e| self.failed(e))
    }

    /// One pass over all rows.
    #[wasm_bindgen(js_name = stepEpoch)]
    pub fn step_epoch(&mut self) -> Result<(), JsError> {
        self.trainer.epoch().map(|_| ()).map_err(|e| self.failed(e))
    }

    /// Up to `iterations` iterations; stops early when the loss reaches the
    /// config's stop_loss. Returns how many ran.
    pub fn run(&mut self, iterations: u32) -> Result<u32, JsError> {
        let run = self
            .trainer
            .run(iterations as u64)
            .map_err(|e| self.failed(e))?;
        Ok(run.iterations as u32)
    }

    /// Weights from the seed again, iteration 0, history cleared.
    pub fn reset(&mut self) {
        self.trainer.reset();
    }

    /// Exact up to 2^53, where the count stops.
    pub fn iteration(&self) -> f64 {
        self.trainer.iterations() as f64
    }

    pub fn epoch(&self) -> f64 {
        self.trainer.epochs() as f64
    }

    /// The reported loss: over all rows, with the current weights.
    pub fn loss(&mut self) -> f64 {
        self.trainer.loss()
    }

    /// The run as a file (`saved.rs`): the config plus its iteration, weights
    /// and optimizer state, as JSON.
    pub fn save(&self) -> String {
        crate::train::saved::save(&self.trainer).to_string()
    }

    /// The run as a file (`export/`): "json" (the saved run, as the page's
    /// Export JSON writes it), "numpy", "pytorch" (scripts that train on) or
    /// "onnx" (the trained network). The command line's `export` writes the
    /// same bytes. A diverged run has only its JSON: the others are errors.
    /// The scripts' templates are the page's to fetch and hand over.
    #[wasm_bindgen(js_name = exportAs)]
    pub fn export_as(&self, format: &str, template: Option<String>) -> Result<Vec<u8>, JsError> {
        use crate::export::{export, Format};
        let format = Format::from_name(format)
            .ok_or_else(|| error(format!("no export format is called \"{format}\"")))?;
        export(&self.trainer, format, template.as_deref()).map_err(error)
    }

    /// Stands the lab where a saved run stood (a config alone starts at its
    /// seed). A bad file is an error naming its JSON path; nothing changes.
    #[wasm_bindgen(js_name = loadSaved)]
    pub fn load_saved(&mut self, json: &str) -> Result<(), JsError> {
        let saved = crate::train::saved::Saved::from_json(json).map_err(error)?;
        let mut trainer = saved.trainer();
        trainer.keep_snapshots();
        self.trainer = trainer;
        self.scratch = Scratch::for_trainer(&self.trainer);
        Ok(())
    }

    /// Every number of the next iteration, without performing it, as JSON
    /// (`trace::page_value`).
    pub fn trace(&mut self) -> Result<String, JsError> {
        let trace = self.trainer.trace().map_err(error)?;
        Ok(crate::train::trace::page_value(&trace).to_string())
    }

    /// Backpropagation's gradients for the next iteration beside central
    /// finite differences, and the largest relative error, as JSON.
    #[wasm_bindgen(js_name = gradientCheck)]
    pub fn gradient_check(&mut self) -> Result<String, JsError> {
        if let Some(iteration) = self.trainer.diverged() {
            return Err(error(crate::TrainError::Diverged { iteration }));
        }
        let check = crate::train::gradient_check::check(&mut self.trainer);
        serde_json::to_string(&check).map_err(error)
    }

    /// Sets one parameter (index in the layout of `params`) by hand.
    #[wasm_bindgen(js_name = setParam)]
    pub fn set_param(&mut self, index: u32, value: f64) -> Result<(), JsError> {
        self.trainer.set_param(index as usize, value).map_err(error)
    }

    /// Whether a parameter was set by hand since the weights were drawn.
    #[wasm_bindgen(js_name = handEdited)]
    pub fn hand_edited(&self) -> bool {
        self.trainer.hand_edited()
    }

    /// Goes back to the latest kept epoch at or before `epoch` (its weights,
    /// optimizer state, counters and history). Returns the epoch restored.
    pub fn restore(&mut self, epoch: f64) -> Result<f64, JsError> {
        if epoch.is_nan() || epoch < 0.0 {
            return Err(error("expected an epoch of 0 or more"));
        }
        self.trainer
            .restore(epoch as u64)
            .map(|e| e as f64)
            .ok_or_else(|| error("no snapshot of that epoch is kept"))
    }

    /// The share of rows classified right, when the targets are classes
    /// (`metrics.rs`); undefined when they are numbers to fit.
    pub fn accuracy(&mut self) -> Option<f64> {
        let data = self.trainer.config().data();
        crate::train::metrics::accuracy(self.trainer.network(), data, &mut self.scratch.table_pass)
    }

    /// Each weight layer's gradient health (`health.rs`), as JSON: `[{"gradient_rms",
    /// "weight_rms", "dead" | null, "saturated" | null, "vanishing", "exploding"}]`.
    /// The gradients are those of the next update (which it then reuses).
    pub fn health(&mut self) -> String {
        let grads = self.trainer.gradients().to_vec();
        let (network, data) = (self.trainer.network(), self.trainer.config().data());
        let layers =
            crate::inspect::health::health(network, &grads, data, &mut self.scratch.table_pass);
        let layers: Vec<serde_json::Value> = layers
            .iter()
            .map(|h| {
                json!({
                    "gradient_rms": h.gradient_rms, "weight_rms": h.weight_rms,
                    "dead": h.dead, "saturated": h.saturated,
                    "vanishing": h.vanishing(), "exploding": h.exploding(),
                })
            })
            .collect();
        serde_json::Value::from(layers).to_string()
    }

    /// The learning-rate finder from where the run stands, in a copy of it
    /// (`lr_finder.rs`), as JSON: `{"rates", "losses", "suggested"}`.
    #[wasm_bindgen(js_name = findLearningRate)]
    pub fn find_learning_rate(&self) -> String {
        let f = self.trainer.find_learning_rate();
        json!({ "rates": f.rates, "losses": f.losses, "suggested": f.suggested }).to_string()
    }

    /// Starts a loss landscape through the current weights (`landscape.rs`):
    /// `landscapeRows` then computes it a band at a time.
    #[wasm_bindgen(js_name = landscapeStart)]
    pub fn landscape_start(&mut self) {
        self.landscape = Some(crate::inspect::landscape::Landscape::new(&self.trainer));
    }

    /// Computes the landscape's grid rows `from`..`to`; returns the whole grid
    /// so far (cells × cells losses, NaN where not computed yet; a view).
    #[wasm_bindgen(js_name = landscapeRows)]
    pub fn landscape_rows(&mut self, from: usize, to: usize) -> Result<Float64Array, JsError> {
        let landscape = self
            .landscape
            .as_mut()
            .ok_or_else(|| error("no landscape was started"))?;
        landscape.compute(&self.trainer, from..to);
        Ok(view(&landscape.losses))
    }

    /// The run's path on the landscape's plane, as (α, β) pairs: the kept
    /// epochs' weights, then the current ones.
    #[wasm_bindgen(js_name = landscapePath)]
    pub fn landscape_path(&self) -> Result<Vec<f64>, JsError> {
        let landscape = self
            .landscape
            .as_ref()
            .ok_or_else(|| error("no landscape was started"))?;
        Ok(landscape
            .path(&self.trainer)
            .into_iter()
            .flatten()
            .collect())
    }

    /// How well the rows' numbers are fitted (R², `metrics.rs`); undefined
    /// when the targets are classes.
    #[wasm_bindgen(js_name = rSquared)]
    pub fn r_squared(&mut self) -> Option<f64> {
        let data = self.trainer.config().data();
        crate::train::metrics::r_squared(self.trainer.network(), data, &mut self.scratch.table_pass)
    }

    /// The truth table of a Boolean expression, as JSON: `{"variables":
    /// ["a", …], "inputs": [[…]], "targets": [[…]]}`; the error names the
    /// column where reading failed.
    #[wasm_bindgen(js_name = expressionTable)]
    pub fn expression_table(text: &str) -> Result<String, JsError> {
        let e = crate::data::expression::Expression::parse(text).map_err(error)?;
        Ok(e.table_value().to_string())
    }

    /// A CSV file as training data (`csv::columns`), as JSON: `{"names",
    /// "inputs", "targets", "stats": [{"name", "mean", "sd"}] | null}`;
    /// `targets` are the 0-based target columns. The error names the line
    /// and column, or the choice of columns that cannot be used.
    #[wasm_bindgen(js_name = csvData)]
    pub fn csv_data(text: &str, targets: Vec<u32>, normalise: bool) -> Result<String, JsError> {
        let table = crate::data::csv::parse(text).map_err(error)?;
        let targets: Vec<usize> = targets.iter().map(|&c| c as usize).collect();
        let columns = crate::data::csv::columns(&table, &targets, normalise).map_err(error)?;
        Ok(columns.to_value(&table.names).to_string())
    }

    /// The iteration at which training diverged, if it did.
    pub fn diverged(&self) -> Option<f64> {
        self.trainer.diverged().map(|i| i as f64)
    }

    /// Whether stop_loss is set and the current loss has reached it.
    #[wasm_bindgen(js_name = reachedStopLoss)]
    pub fn reached_stop_loss(&mut self) -> bool {
        self.trainer.reached_stop_loss()
    }

    pub fn rows(&self) -> u32 {
        self.trainer.config().data().rows() as u32
    }

    /// The first and one-past-last data row that the next iteration uses.
    #[wasm_bindgen(js_name = nextRows)]
    pub fn next_rows(&self) -> Vec<u32> {
        let rows = self.trainer.next_rows();
        vec![rows.start as u32, rows.end as u32]
    }

    /// All parameters, laid out as `layout` says (a view).
    pub fn params(&self) -> Float64Array {
        view(self.trainer.network().params())
    }

    /// The last gradients, laid out like the parameters (a view).
    pub fn grads(&self) -> Float64Array {
        view(self.trainer.last_gradients())
    }

    /// A 2-D point set (`points.rs`) as JSON: `{"train": {"inputs", "targets"},
    /// "test": {…}}`; settings out of range are an error naming the setting.
    pub fn points(
        generator: &str,
        points: u32,
        noise: f64,
        test_share: f64,
        seed: u32,
    ) -> Result<String, JsError> {
        let generator = crate::data::points::Generator::from_name(generator)
            .ok_or_else(|| error(format!("unknown point set \"{generator}\"")))?;
        let settings = crate::data::points::Settings {
            generator,
            points: points as usize,
            noise,
            test_share,
            seed,
        };
        Ok(settings.generate().map_err(error)?.to_value().to_string())
    }

    /// Holds rows out for testing: JSON `{"inputs", "targets"}` of the
    /// training rows' widths, or "null" for none. Bad rows change nothing.
    #[wasm_bindgen(js_name = setTestData)]
    pub fn set_test_data(&mut self, text: &str) -> Result<(), JsError> {
        let value = crate::data::json::parse(text).map_err(error)?;
        let data = if value.is_null() {
            None
        } else {
            let rows = |key: &str| {
                let at = format!("test.{key}");
                crate::data::json::rows(
                    &value[key],
                    &at,
                    crate::config::MAX_INPUTS.max(crate::config::MAX_OUTPUTS),
                )
            };
            let (inputs, targets) = (
                rows("inputs").map_err(error)?,
                rows("targets").map_err(error)?,
            );
            Some(crate::Dataset::checked(&inputs, &targets).map_err(error)?)
        };
        self.trainer.set_test_data(data).map_err(error)
    }

    /// The loss over the test rows, if there are any.
    #[wasm_bindgen(js_name = testLoss)]
    pub fn test_loss(&mut self) -> Option<f64> {
        self.trainer.test_loss()
    }

    /// The share of test rows classified right, when they are classes.
    #[wasm_bindgen(js_name = testAccuracy)]
    pub fn test_accuracy(&mut self) -> Option<f64> {
        self.trainer.test_accuracy()
    }

    /// How well the test rows' numbers are fitted (R²), when they are not classes.
    #[wasm_bindgen(js_name = testRSquared)]
    pub fn test_r_squared(&mut self) -> Option<f64> {
        self.trainer.test_r_squared()
    }

    /// The epochs of the loss history (a view).
    #[wasm_bindgen(js_name = historyEpochs)]
    pub fn history_epochs(&self) -> Float64Array {
        view(self.trainer.history().epochs())
    }

    /// The losses of the history, one per epoch of `historyEpochs` (a view).
    #[wasm_bindgen(js_name = historyLosses)]
    pub fn history_losses(&self) -> Float64Array {
        view(self.trainer.history().losses())
    }

    #[wasm_bindgen(js_name = testHistoryEpochs)]
    pub fn test_history_epochs(&self) -> Float64Array {
        view(self.trainer.test_history().epochs())
    }

    #[wasm_bindgen(js_name = testHistoryLosses)]
    pub fn test_history_losses(&self) -> Float64Array {
        view(self.trainer.test_history().losses())
    }

    /// Every neuron's activation over a `cells` × `cells` grid of the plane
    /// (`boundary.rs`), neuron by neuron, each grid row-major; only grid rows
    /// `from_row..to_row` are computed by this call (a view).
    #[allow(clippy::too_many_arguments)]
    pub fn grid(
        &mut self,
        cells: u32,
        xmin: f64,
        xmax: f64,
        ymin: f64,
        ymax: f64,
        from_row: u32,
        to_row: u32,
    ) -> Result<Float64Array, JsError> {
        let extent = Extent {
            xmin,
            xmax,
            ymin,
            ymax,
        };
        let rows = from_row as usize..to_row as usize;
        let network = self.trainer.network();
        let grid = self
            .scratch
            .boundary
            .compute(network, cells as usize, extent, rows)
            .map_err(error)?;
        Ok(view(grid))
    }

    /// The decision boundary of the last complete grid as an ImageData
    /// (`cells` × `cells` RGBA, `Boundary::paint`) in the page's palette
    /// (light, negative, positive, then class colours, RGB each); `scale`
    /// is what a linear or ReLU output's colour scale ends at. Made here,
    /// where the grid is, so that the page gets pixels instead of numbers.
    #[wasm_bindgen(js_name = boundaryImage)]
    pub fn boundary_image(
        &mut self,
        cells: u32,
        palette: &[u8],
        scale: f64,
    ) -> Result<web_sys::ImageData, JsError> {
        let palette = crate::inspect::boundary::Palette::from_bytes(palette).map_err(error)?;
        let n = (cells as usize).clamp(2, crate::inspect::boundary::MAX_CELLS);
        let Scratch {
            boundary, pixels, ..
        } = &mut self.scratch;
        boundary.paint(self.trainer.network(), n, &palette, scale, pixels);
        let clamped = wasm_bindgen::Clamped(&pixels[..]);
        web_sys::ImageData::new_with_u8_clamped_array_and_sh(clamped, n as u32, n as u32)
            .map_err(|e| error(format!("{e:?}")))
    }

    /// Runs one data row forward: per layer, its z values then its a values
    /// (2 × the neurons of all weight layers; a view).
    #[wasm_bindgen(js_name = forwardRow)]
    pub fn forward_row(&mut self, row: u32) -> Result<Float64Array, JsError> {
        let data = self.trainer.config().data();
        let row = row as usize;
        if row >= data.rows() {
            return Err(error(format!(
                "row {} does not exist; the table has {} rows",
                row + 1,
                data.rows()
            )));
        }
        let inputs = data.inputs(0..data.rows());
        Ok(row_values(
            self.trainer.network(),
            inputs,
            row,
            &mut self.scratch,
        ))
    }

    /// Runs an input that is not a data row forward (the page's "Ask the
    /// network"): the same values as `forwardRow` (a view).
    #[wasm_bindgen(js_name = forwardInput)]
    pub fn forward_input(&mut self, input: &[f64]) -> Result<Float64Array, JsError> {
        let network = self.trainer.network();
        if input.len() != network.inputs() {
            return Err(error(format!(
                "the network has {} inputs, and the question {}",
                network.inputs(),
                input.len()
            )));
        }
        if let Some(i) = input.iter().position(|x| !x.is_finite()) {
            return Err(error(format!(
                "x{} of the question is not a finite number",
                i + 1
            )));
        }
        Ok(row_values(network, input, 0, &mut self.scratch))
    }

    /// The outputs of rows `from..to` (clamped to the table) with the current
    /// weights, rows × outputs (a view). The table asks only for the rows it shows.
    pub fn predict(&mut self, from: u32, to: u32) -> Float64Array {
        let data = self.trainer.config().data();
        let network = self.trainer.network();
        let rows = data.rows();
        let from = (from as usize).min(rows);
        let to = (to as usize).clamp(from, rows);
        let (k, last) = (network.outputs(), network.layers().len() - 1);
        let Scratch {
            table_pass,
            predictions,
            ..
        } = &mut self.scratch;
        network.forward_blocks(data.inputs(0..rows), from..to, table_pass, |block, pass| {
            predictions[block.start * k..block.end * k].copy_from_slice(pass.a(last));
        });
        view(&predictions[from * k..to * k])
    }
}
