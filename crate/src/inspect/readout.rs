//! What the page reads of a network besides its parameters, in buffers kept
//! from one frame to the next: one row's values for the diagram, the
//! predictions of the table's rows, the decision boundary and its pixels,
//! and the confusion matrices. The wasm face hands these buffers on as views.

use std::ops::Range;

use serde_json::{json, Value};

use super::boundary::{Boundary, Extent, Palette, MAX_CELLS};
use crate::nn::network::{Network, Pass};
use crate::train::metrics;
use crate::train::trainer::Trainer;

/// Rows per block when the predictions are computed.
const TABLE_BLOCK: usize = 256;

/// The buffers, sized for one network and one table.
pub struct Readout {
    /// One row's forward pass, for the diagram.
    row_pass: Pass,
    /// Per layer: its z values, then its a values, for one row.
    row_values: Vec<f64>,
    /// A block of rows' forward pass (predictions, metrics, health).
    table_pass: Pass,
    /// Every row's outputs, row-major.
    predictions: Vec<f64>,
    boundary: Boundary,
    /// The boundary's RGBA pixels.
    pixels: Vec<u8>,
}

impl Readout {
    pub fn new(trainer: &Trainer) -> Readout {
        let (network, rows) = (trainer.network(), trainer.config().data().rows());
        let neurons: usize = network.layers().iter().map(|l| l.outputs).sum();
        Readout {
            row_pass: Pass::new(network, 1),
            row_values: vec![0.0; 2 * neurons],
            table_pass: Pass::new(network, TABLE_BLOCK.min(rows)),
            predictions: vec![0.0; rows * network.outputs()],
            boundary: Boundary::new(network),
            pixels: Vec::new(),
        }
    }

    /// Data row `row` through the network: per layer, its z values then its
    /// a values (2 × the neurons of all weight layers).
    pub fn row(&mut self, trainer: &Trainer, row: usize) -> Result<&[f64], String> {
        let (network, data) = (trainer.network(), trainer.config().data());
        if row >= data.rows() {
            return Err(format!(
                "row {} does not exist; the table has {} rows",
                row + 1,
                data.rows()
            ));
        }
        Ok(self.values(network, data.inputs(0..data.rows()), row))
    }

    /// An input that is not a data row (the page's "Ask the network"): the
    /// same values as `row`. With features, the question is the raw x1, x2.
    pub fn question(&mut self, trainer: &Trainer, input: &[f64]) -> Result<&[f64], String> {
        let (network, config) = (trainer.network(), trainer.config());
        let width = config.raw_width();
        if input.len() != width {
            return Err(format!(
                "the network has {width} inputs, and the question {}",
                input.len()
            ));
        }
        if let Some(i) = input.iter().position(|x| !x.is_finite()) {
            return Err(format!("x{} of the question is not a finite number", i + 1));
        }
        let input = &config.network_input(input);
        Ok(self.values(network, input, 0))
    }

    fn values(&mut self, network: &Network, inputs: &[f64], row: usize) -> &[f64] {
        let pass = &mut self.row_pass;
        network.forward_blocks(inputs, row..row + 1, pass, |_, _| {});
        let mut at = 0;
        for l in 0..network.layers().len() {
            for values in [pass.z(l), pass.a(l)] {
                self.row_values[at..at + values.len()].copy_from_slice(values);
                at += values.len();
            }
        }
        &self.row_values
    }

    /// The outputs of rows `rows` (clamped to the table), rows × outputs.
    pub fn predictions(&mut self, trainer: &Trainer, rows: Range<usize>) -> &[f64] {
        let (network, data) = (trainer.network(), trainer.config().data());
        let n = data.rows();
        let from = rows.start.min(n);
        let to = rows.end.clamp(from, n);
        let (k, last) = (network.outputs(), network.layers().len() - 1);
        let predictions = &mut self.predictions;
        network.forward_blocks(
            data.inputs(0..n),
            from..to,
            &mut self.table_pass,
            |block, pass| {
                predictions[block.start * k..block.end * k].copy_from_slice(pass.a(last));
            },
        );
        &self.predictions[from * k..to * k]
    }

    /// Grid rows `rows` of every neuron over the plane's `[xmin, xmax, ymin,
    /// ymax]` in `cells` × `cells` (`Boundary::compute`).
    pub fn grid(
        &mut self,
        trainer: &Trainer,
        cells: usize,
        extent: &[f64],
        rows: Range<usize>,
    ) -> Result<&[f64], String> {
        let extent = Extent::from_slice(extent)?;
        let features = trainer.config().data().features();
        self.boundary
            .compute(trainer.network(), features, cells, extent, rows)
    }

    /// Each feature's map over the plane, feature by feature (none without
    /// features): they do not change with the weights.
    pub fn feature_maps(
        &self,
        trainer: &Trainer,
        cells: usize,
        extent: &[f64],
    ) -> Result<Vec<f64>, String> {
        let extent = Extent::from_slice(extent)?;
        Ok(match trainer.config().data().features() {
            Some(features) => super::boundary::feature_maps(features, cells, extent),
            None => Vec::new(),
        })
    }

    /// The network's inputs for data row `row`: its features, or its columns.
    pub fn inputs<'t>(&self, trainer: &'t Trainer, row: usize) -> Result<&'t [f64], String> {
        let data = trainer.config().data();
        match row < data.rows() {
            true => Ok(data.inputs(row..row + 1)),
            false => Err(format!(
                "row {} does not exist; the table has {} rows",
                row + 1,
                data.rows()
            )),
        }
    }

    /// Neuron `neuron` of weight layer `layer`: the z of each row the next
    /// update uses (`curve::neuron_z`).
    pub fn neuron_z(
        &mut self,
        trainer: &Trainer,
        layer: usize,
        neuron: usize,
    ) -> Result<Vec<f64>, String> {
        let (network, data) = (trainer.network(), trainer.config().data());
        let rows = trainer.next_rows();
        super::curve::neuron_z(network, data, rows, layer, neuron, &mut self.table_pass)
    }

    /// The last grid's decision boundary as RGBA pixels, `side` × `side`, in
    /// the page's palette (`Palette::from_bytes`, `Boundary::paint`); returns the side.
    pub fn paint(
        &mut self,
        trainer: &Trainer,
        cells: usize,
        palette: &[u8],
        scale: f64,
        discrete: bool,
    ) -> Result<(&[u8], usize), String> {
        let palette = Palette::from_bytes(palette)?;
        let side = cells.clamp(2, MAX_CELLS);
        self.boundary.paint(
            trainer.network(),
            side,
            &palette,
            scale,
            discrete,
            &mut self.pixels,
        );
        Ok((&self.pixels, side))
    }

    /// The share of rows classified right, of the test rows when `test`;
    /// None without them or when the targets are not classes (`metrics.rs`).
    pub fn accuracy(&mut self, trainer: &mut Trainer, test: bool) -> Option<f64> {
        match test {
            true => trainer.test_accuracy(),
            false => metrics::accuracy(
                trainer.network(),
                trainer.config().data(),
                &mut self.table_pass,
            ),
        }
    }

    /// How well the numbers are fitted (R²), the same way.
    pub fn r_squared(&mut self, trainer: &mut Trainer, test: bool) -> Option<f64> {
        match test {
            true => trainer.test_r_squared(),
            false => metrics::r_squared(
                trainer.network(),
                trainer.config().data(),
                &mut self.table_pass,
            ),
        }
    }

    /// `[accuracy, R²]`, NaN where there is none.
    pub fn fit(&mut self, trainer: &mut Trainer, test: bool) -> [f64; 2] {
        let accuracy = self.accuracy(trainer, test);
        [accuracy, self.r_squared(trainer, test)].map(|x| x.unwrap_or(f64::NAN))
    }

    /// Each weight layer's gradient health for the next update, as JSON
    /// (`health.rs`, `LayerHealth::to_value`).
    pub fn health(&mut self, trainer: &mut Trainer) -> Value {
        let grads = trainer.gradients().to_vec();
        let (network, data) = (trainer.network(), trainer.config().data());
        let layers = super::health::health(network, &grads, data, &mut self.table_pass);
        Value::from_iter(layers.iter().map(|h| h.to_value()))
    }

    /// The confusion matrices of one-hot classes as JSON: `{"classes": k,
    /// "train": [k × k], "test": [k × k] | null, "wrong": [{"row", "actual",
    /// "predicted"}]}` ([true class][predicted class]; `wrong` lists the
    /// first `gallery` misclassified test rows).
    pub fn confusion(&mut self, trainer: &Trainer, gallery: usize) -> Value {
        let (network, test) = (trainer.network(), trainer.test_data());
        let pass = &mut self.table_pass;
        let (train, _) = metrics::confusion(network, trainer.config().data(), pass, 0);
        let k = network.outputs();
        match test.map(|test| metrics::confusion(network, test, pass, gallery)) {
            Some((test, wrong)) => {
                let wrong: Vec<Value> = wrong
                    .iter()
                    .map(|w| json!({ "row": w.row, "actual": w.actual, "predicted": w.predicted }))
                    .collect();
                json!({ "classes": k, "train": train, "test": test, "wrong": wrong })
            }
            None => json!({ "classes": k, "train": train, "test": null, "wrong": [] }),
        }
    }
}
