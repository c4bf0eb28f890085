//! What the page draws: the layout, parameters, gradients and history, a
//! row's values, the predictions, the plane and the metrics (views of
//! `Readout`'s buffers where the numbers are many).

use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

use super::{error, view, viewed, Lab, Throws};
use crate::inspect::facts;

#[wasm_bindgen]
impl Lab {
    /// Where each layer's numbers are, the update's and the epoch's size, as JSON (`facts::layout`).
    pub fn layout(&self) -> String {
        facts::layout(&self.trainer).to_string()
    }

    pub fn params(&self) -> Float64Array {
        view(self.trainer.network().params())
    }

    /// The last gradients, laid out like the parameters.
    pub fn grads(&self) -> Float64Array {
        view(self.trainer.last_gradients())
    }

    /// The loss history (the test rows' when `test`): its epochs, then their losses (a copy).
    pub fn history(&self, test: bool) -> Vec<f64> {
        self.trainer.history_of(test).epochs_then_losses()
    }

    /// Data row `row` forward: per layer, its z values then its a values.
    #[wasm_bindgen(js_name = forwardRow)]
    pub fn forward_row(&mut self, row: u32) -> Throws<Float64Array> {
        viewed(self.readout.row(&self.trainer, row as usize))
    }

    /// An input that is not a data row ("Ask the network"), the same way.
    #[wasm_bindgen(js_name = forwardInput)]
    pub fn forward_input(&mut self, input: &[f64]) -> Throws<Float64Array> {
        viewed(self.readout.question(&self.trainer, input))
    }

    /// The outputs of rows `from..to` (clamped to the table), rows × outputs.
    pub fn predict(&mut self, from: usize, to: usize) -> Float64Array {
        view(self.readout.predictions(&self.trainer, from..to))
    }

    /// Grid rows `from..to` of every neuron over the plane (`Readout::grid`).
    pub fn grid(
        &mut self,
        cells: usize,
        extent: &[f64],
        from: usize,
        to: usize,
    ) -> Throws<Float64Array> {
        viewed(self.readout.grid(&self.trainer, cells, extent, from..to))
    }

    /// Each input feature's map over the plane, feature by feature (empty without features).
    #[wasm_bindgen(js_name = featureMaps)]
    pub fn feature_maps(&self, cells: usize, extent: &[f64]) -> Throws<Vec<f64>> {
        let maps = self.readout.feature_maps(&self.trainer, cells, extent);
        maps.map_err(error)
    }

    /// The network's inputs for data row `row`: its features, or its columns.
    #[wasm_bindgen(js_name = rowInputs)]
    pub fn row_inputs(&self, row: u32) -> Throws<Float64Array> {
        viewed(self.readout.inputs(&self.trainer, row as usize))
    }

    /// What the network sees of a row as given: its features of x1, x2, or the row.
    #[wasm_bindgen(js_name = networkInput)]
    pub fn network_input(&self, raw: &[f64]) -> Vec<f64> {
        self.trainer.config().network_input(raw)
    }

    /// The last grid's boundary as RGBA pixels, `cells` a side, two colours when `discrete` (`Readout::paint`).
    #[wasm_bindgen(js_name = boundaryImage)]
    pub fn boundary_image(
        &mut self,
        cells: usize,
        palette: &[u8],
        scale: f64,
        discrete: bool,
    ) -> Throws<Vec<u8>> {
        let readout = &mut self.readout;
        let (pixels, _) = readout
            .paint(&self.trainer, cells, palette, scale, discrete)
            .map_err(error)?;
        Ok(pixels.to_vec())
    }

    /// `[accuracy, R²]` of the rows, of the test rows when `test`; NaN where
    /// there is none (`Readout::accuracy`, `Readout::r_squared`).
    pub fn fit(&mut self, test: bool) -> Vec<f64> {
        self.readout.fit(&mut self.trainer, test).to_vec()
    }

    #[wasm_bindgen(js_name = testLoss)]
    pub fn test_loss(&mut self) -> Option<f64> {
        self.trainer.test_loss()
    }

    /// The confusion matrices, as JSON (`Readout::confusion`).
    pub fn confusion(&mut self, gallery: usize) -> String {
        self.readout.confusion(&self.trainer, gallery).to_string()
    }
}
