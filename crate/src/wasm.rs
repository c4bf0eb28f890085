//! The engine's face in the browser: `Lab`, a thin wrapper over `Trainer`
//! that converts to and from JavaScript and holds no logic of its own.
//!
//! Bulk numbers (weights, gradients, activations, predictions, the loss
//! history) are handed out as pointers into wasm memory with their lengths;
//! `lab.js` reads them through `Float64Array` views over the module's memory,
//! made afresh each frame (a view dies when the memory grows).

use wasm_bindgen::prelude::*;

use crate::config::Config;
use crate::network::Pass;
use crate::trainer::Trainer;

#[wasm_bindgen]
pub struct Lab {
    trainer: Trainer,
    views: Views,
}

/// Buffers for what the page reads besides the model itself.
struct Views {
    /// One row's forward pass, for the diagram.
    row_pass: Pass,
    /// Per layer: its z values, then its a values, for the selected row.
    row_values: Vec<f64>,
    /// A block of rows' forward pass, for the predictions column.
    table_pass: Pass,
    /// Every row's outputs, row-major.
    predictions: Vec<f64>,
    /// The plane's grid for the decision boundary: a block of cells' pass,
    /// and every neuron's activation at every cell.
    grid_pass: Pass,
    grid: Vec<f64>,
}

impl Views {
    fn for_trainer(trainer: &Trainer) -> Views {
        let network = trainer.network();
        let neurons: usize = network.layers().iter().map(|l| l.outputs).sum();
        let rows = trainer.config().data().rows();
        Views {
            row_pass: Pass::new(network, 1),
            row_values: vec![0.0; 2 * neurons],
            table_pass: Pass::new(network, TABLE_BLOCK.min(rows)),
            predictions: vec![0.0; rows * network.outputs()],
            grid_pass: Pass::new(network, GRID_BLOCK),
            grid: Vec::new(),
        }
    }
}

/// Cells per block when the grid is computed.
const GRID_BLOCK: usize = 256;
/// The finest grid the page may ask for (cells per side).
pub const MAX_GRID: u32 = 200;

/// Rows as JSON `{"inputs": [[…]], "targets": [[…]]}`.
fn rows_json(inputs: &[Vec<f64>], targets: &[Vec<f64>]) -> serde_json::Value {
    serde_json::json!({ "inputs": inputs, "targets": targets })
}

fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

/// Rows per block when the predictions are computed.
const TABLE_BLOCK: usize = 256;

#[wasm_bindgen]
impl Lab {
    /// A lab for a config (SPEC.md's JSON); the error names what is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str) -> Result<Lab, JsError> {
        let config = Config::from_json(config).map_err(error)?;
        let mut trainer = Trainer::new(config);
        // The page can go back to any kept epoch (time travel).
        trainer.keep_snapshots();
        let views = Views::for_trainer(&trainer);
        Ok(Lab { trainer, views })
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
            self.views = Views::for_trainer(&self.trainer);
        }
        Ok(kept)
    }

    /// One iteration (one weight update).
    pub fn step(&mut self) -> Result<(), JsError> {
        self.trainer.step().map_err(error)
    }

    /// One pass over all rows.
    #[wasm_bindgen(js_name = stepEpoch)]
    pub fn step_epoch(&mut self) -> Result<(), JsError> {
        self.trainer.epoch().map(|_| ()).map_err(error)
    }

    /// Up to `iterations` iterations; stops early when the loss reaches the
    /// config's stop_loss. Returns how many ran.
    pub fn run(&mut self, iterations: u32) -> Result<u32, JsError> {
        let run = self.trainer.run(iterations as u64).map_err(error)?;
        Ok(run.iterations as u32)
    }

    /// Weights from the seed again, iteration 0, history cleared.
    pub fn reset(&mut self) {
        self.trainer.reset();
    }

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
        crate::saved::save(&self.trainer).to_string()
    }

    /// Stands the lab where a saved run stood (a config alone starts at its
    /// seed). A bad file is an error naming its JSON path; nothing changes.
    #[wasm_bindgen(js_name = loadSaved)]
    pub fn load_saved(&mut self, json: &str) -> Result<(), JsError> {
        let saved = crate::saved::Saved::from_json(json).map_err(error)?;
        let mut trainer = saved.trainer();
        trainer.keep_snapshots();
        self.trainer = trainer;
        self.views = Views::for_trainer(&self.trainer);
        Ok(())
    }

    /// Every number of the next iteration, without performing it, as JSON:
    /// SPEC.md's trace, plus `rows_loss` (the loss of just its rows, before
    /// the update, without l2), per layer `fprime` (f'(z)) and `back_sums`
    /// (Σ_k w_jk·δ_k from the layer above), `step_weights` and `step_biases`
    /// (what the update moves each parameter by), and `optimizer` (its memory
    /// before and after, laid out like the parameters).
    pub fn trace(&mut self) -> Result<String, JsError> {
        let trace = self.trainer.trace().map_err(error)?;
        let mut value = serde_json::to_value(&trace).map_err(error)?;
        let state = |s: &crate::optimizer::OptimizerState| serde_json::json!({"steps": s.steps, "first": s.first, "second": s.second});
        value["rows_loss"] = trace.rows_loss.into();
        for (layer, extra) in value["layers"]
            .as_array_mut()
            .into_iter()
            .flatten()
            .zip(&trace.layers)
        {
            layer["fprime"] = serde_json::json!(extra.fprime);
            layer["back_sums"] = serde_json::json!(extra.back_sums);
            // What the update moved each parameter by: new − old.
            let moved = |after: &[f64], before: &[f64]| -> Vec<f64> {
                after.iter().zip(before).map(|(a, b)| a - b).collect()
            };
            let step_weights: Vec<Vec<f64>> = extra
                .weights_after
                .iter()
                .zip(&extra.weights_before)
                .map(|(a, b)| moved(a, b))
                .collect();
            layer["step_weights"] = serde_json::json!(step_weights);
            layer["step_biases"] =
                serde_json::json!(moved(&extra.biases_after, &extra.biases_before));
        }
        value["optimizer"] = serde_json::json!({
            "before": state(&trace.state_before),
            "after": state(&trace.state_after),
        });
        Ok(value.to_string())
    }

    /// Backpropagation's gradients for the next iteration beside central
    /// finite differences, and the largest relative error, as JSON.
    #[wasm_bindgen(js_name = gradientCheck)]
    pub fn gradient_check(&mut self) -> Result<String, JsError> {
        if let Some(iteration) = self.trainer.diverged() {
            return Err(error(crate::TrainError::Diverged { iteration }));
        }
        let check = crate::gradient_check::check(&mut self.trainer);
        serde_json::to_string(&check).map_err(error)
    }

    /// Sets one parameter (index in the flat layout of `paramsPtr`) by hand.
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
        let views = &mut self.views;
        crate::metrics::accuracy(
            self.trainer.network(),
            self.trainer.config().data(),
            &mut views.table_pass,
        )
    }

    /// The truth table of a Boolean expression, as JSON: `{"variables":
    /// ["a", …], "inputs": [[…]], "targets": [[…]]}`; the error names the
    /// column where reading failed.
    #[wasm_bindgen(js_name = expressionTable)]
    pub fn expression_table(text: &str) -> Result<String, JsError> {
        let e = crate::expression::Expression::parse(text).map_err(error)?;
        let (inputs, targets) = e.truth_table();
        Ok(serde_json::json!({
            "variables": e.variables.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            "inputs": inputs,
            "targets": targets,
        })
        .to_string())
    }

    /// A CSV file as training data, as JSON: `{"names": [...], "inputs":
    /// [[…]], "targets": [[…]], "stats": [{"name", "mean", "sd"}] | null}`.
    /// `targets` are the 0-based columns that are targets (the others are
    /// inputs); with `normalise` the inputs become z-scores, whose
    /// statistics come back. The error names the line and column.
    #[wasm_bindgen(js_name = csvData)]
    pub fn csv_data(text: &str, targets: Vec<u32>, normalise: bool) -> Result<String, JsError> {
        let table = crate::csv::parse(text).map_err(error)?;
        let width = table.names.len();
        if let Some(&bad) = targets.iter().find(|&&c| c as usize >= width) {
            return Err(error(format!(
                "target column {} does not exist; the file has {width} columns",
                bad + 1
            )));
        }
        let is_target = |c: usize| targets.contains(&(c as u32));
        let split = |want: bool| -> Vec<Vec<f64>> {
            table
                .rows
                .iter()
                .map(|r| {
                    (0..width)
                        .filter(|&c| is_target(c) == want)
                        .map(|c| r[c])
                        .collect()
                })
                .collect()
        };
        let (mut inputs, target_rows) = (split(false), split(true));
        if inputs[0].is_empty() || target_rows[0].is_empty() {
            return Err(error(
                "choose at least one target column and leave at least one input column",
            ));
        }
        let names: Vec<&String> = (0..width)
            .filter(|&c| !is_target(c))
            .map(|c| &table.names[c])
            .collect();
        let stats = normalise.then(|| {
            let stats = crate::csv::column_stats(&inputs);
            inputs = crate::csv::z_scores(&inputs, &stats);
            names
                .iter()
                .zip(&stats)
                .map(|(name, (mean, sd))| serde_json::json!({"name": name, "mean": mean, "sd": sd}))
                .collect::<Vec<_>>()
        });
        Ok(serde_json::json!({
            "names": table.names,
            "inputs": inputs,
            "targets": target_rows,
            "stats": stats,
        })
        .to_string())
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

    /// Neurons per layer, input first.
    pub fn sizes(&self) -> Vec<u32> {
        self.trainer
            .network()
            .sizes()
            .iter()
            .map(|&n| n as u32)
            .collect()
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

    /// All parameters: layer by layer, the weights row by row (n_in × n_out), then the biases.
    #[wasm_bindgen(js_name = paramsPtr)]
    pub fn params_ptr(&self) -> *const f64 {
        self.trainer.network().params().as_ptr()
    }

    #[wasm_bindgen(js_name = paramsLen)]
    pub fn params_len(&self) -> usize {
        self.trainer.network().params().len()
    }

    /// The last gradients, laid out like the parameters.
    #[wasm_bindgen(js_name = gradsPtr)]
    pub fn grads_ptr(&self) -> *const f64 {
        self.trainer.last_gradients().as_ptr()
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
        let generator = crate::points::Generator::from_name(generator)
            .ok_or_else(|| error(format!("unknown point set \"{generator}\"")))?;
        let set = crate::points::Settings {
            generator,
            points: points as usize,
            noise,
            test_share,
            seed,
        }
        .generate()
        .map_err(error)?;
        Ok(serde_json::json!({
            "train": rows_json(&set.train_inputs, &set.train_targets),
            "test": rows_json(&set.test_inputs, &set.test_targets),
        })
        .to_string())
    }

    /// Holds rows out for testing: JSON `{"inputs", "targets"}` of the
    /// training rows' widths, or "null" for none. Bad rows change nothing.
    #[wasm_bindgen(js_name = setTestData)]
    pub fn set_test_data(&mut self, json: &str) -> Result<(), JsError> {
        let value: serde_json::Value = serde_json::from_str(json).map_err(error)?;
        // Read by hand (not by serde's derive, whose messages pull float formatting into the .wasm).
        let rows = |key: &str| -> Result<Vec<Vec<f64>>, JsError> {
            let bad = || {
                error(format!(
                    "test rows: {key} must be a list of rows of numbers"
                ))
            };
            value[key]
                .as_array()
                .ok_or_else(bad)?
                .iter()
                .map(|row| {
                    let row = row.as_array().ok_or_else(bad)?;
                    row.iter().map(|v| v.as_f64().ok_or_else(bad)).collect()
                })
                .collect()
        };
        let data = if value.is_null() {
            None
        } else {
            Some(crate::Dataset::checked(&rows("inputs")?, &rows("targets")?).map_err(error)?)
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

    #[wasm_bindgen(js_name = testHistoryLen)]
    pub fn test_history_len(&self) -> usize {
        self.trainer.test_history().len()
    }

    #[wasm_bindgen(js_name = testHistoryEpochsPtr)]
    pub fn test_history_epochs_ptr(&self) -> *const f64 {
        self.trainer.test_history().epochs().as_ptr()
    }

    #[wasm_bindgen(js_name = testHistoryLossesPtr)]
    pub fn test_history_losses_ptr(&self) -> *const f64 {
        self.trainer.test_history().losses().as_ptr()
    }

    /// Every neuron's activation (input layer excluded) over a `cells` ×
    /// `cells` grid of the rectangle [xmin, xmax] × [ymin, ymax] (cell
    /// centres; row 0 at the top), for a network of two inputs: neuron by
    /// neuron, layer by layer, each grid row-major. Only grid rows
    /// `from_row..to_row` are computed (the page spreads a large grid over
    /// frames); the others keep what they held. A pointer to `gridLen()`
    /// numbers.
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
    ) -> Result<*const f64, JsError> {
        let network = self.trainer.network();
        if network.inputs() != 2 {
            return Err(error("the decision boundary needs a network of 2 inputs"));
        }
        let finite = [xmin, xmax, ymin, ymax].iter().all(|v| v.is_finite());
        if !finite || xmax <= xmin || ymax <= ymin {
            return Err(error(
                "the plane's extent must be finite, with max above min",
            ));
        }
        let n = cells.clamp(2, MAX_GRID) as usize;
        let neurons: usize = network.layers().iter().map(|l| l.outputs).sum();
        let views = &mut self.views;
        views.grid.resize(neurons * n * n, 0.0);
        let along = |lo: f64, hi: f64, i: usize| lo + (hi - lo) * (i as f64 + 0.5) / n as f64;
        let mut inputs = [0.0; 2 * GRID_BLOCK];
        let rows = (from_row as usize).min(n)..(to_row as usize).min(n);
        for start in (rows.start * n..rows.end * n).step_by(GRID_BLOCK) {
            let end = (start + GRID_BLOCK).min(rows.end * n);
            for (k, cell) in (start..end).enumerate() {
                let (row, column) = (cell / n, cell % n);
                inputs[2 * k] = along(xmin, xmax, column);
                inputs[2 * k + 1] = along(ymax, ymin, row);
            }
            network.forward(
                &inputs[..2 * (end - start)],
                end - start,
                &mut views.grid_pass,
            );
            let mut at = 0;
            for (l, layer) in network.layers().iter().enumerate() {
                let a = views.grid_pass.a(l);
                for j in 0..layer.outputs {
                    let map = &mut views.grid[(at + j) * n * n..(at + j + 1) * n * n];
                    for (k, cell) in (start..end).enumerate() {
                        map[cell] = a[k * layer.outputs + j];
                    }
                }
                at += layer.outputs;
            }
        }
        Ok(views.grid.as_ptr())
    }

    #[wasm_bindgen(js_name = gridLen)]
    pub fn grid_len(&self) -> usize {
        self.views.grid.len()
    }

    #[wasm_bindgen(js_name = historyLen)]
    pub fn history_len(&self) -> usize {
        self.trainer.history().len()
    }

    #[wasm_bindgen(js_name = historyEpochsPtr)]
    pub fn history_epochs_ptr(&self) -> *const f64 {
        self.trainer.history().epochs().as_ptr()
    }

    #[wasm_bindgen(js_name = historyLossesPtr)]
    pub fn history_losses_ptr(&self) -> *const f64 {
        self.trainer.history().losses().as_ptr()
    }

    /// Runs one data row forward and returns a pointer to, per layer, its z
    /// values then its a values (2 × the neurons of all weight layers).
    #[wasm_bindgen(js_name = forwardRow)]
    pub fn forward_row(&mut self, row: u32) -> Result<*const f64, JsError> {
        let data = self.trainer.config().data();
        let row = row as usize;
        if row >= data.rows() {
            return Err(error(format!(
                "row {} does not exist; the table has {} rows",
                row + 1,
                data.rows()
            )));
        }
        let network = self.trainer.network();
        let views = &mut self.views;
        network.forward(data.inputs(row..row + 1), 1, &mut views.row_pass);
        let mut at = 0;
        for l in 0..network.layers().len() {
            for values in [views.row_pass.z(l), views.row_pass.a(l)] {
                views.row_values[at..at + values.len()].copy_from_slice(values);
                at += values.len();
            }
        }
        Ok(views.row_values.as_ptr())
    }

    /// The outputs of rows `from..to` (clamped to the table) with the current
    /// weights: a pointer to row `from`'s, rows × outputs. The table asks
    /// only for the rows it shows.
    pub fn predict(&mut self, from: u32, to: u32) -> *const f64 {
        let data = self.trainer.config().data();
        let network = self.trainer.network();
        let rows = data.rows();
        let (from, to) = ((from as usize).min(rows), (to as usize).min(rows));
        let k = network.outputs();
        let last = network.layers().len() - 1;
        let views = &mut self.views;
        let block = views.table_pass.capacity();
        for start in (from..to).step_by(block) {
            let end = (start + block).min(to);
            network.forward(data.inputs(start..end), end - start, &mut views.table_pass);
            views.predictions[start * k..end * k].copy_from_slice(views.table_pass.a(last));
        }
        views.predictions[from * k..].as_ptr()
    }
}
