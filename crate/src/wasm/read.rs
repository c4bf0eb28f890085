//! What the page draws: the layout, parameters, gradients and history, a
//! row's values, the predictions, the plane and the metrics (views of
//! `Readout`'s buffers where the numbers are many).

use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

use wasm_bindgen::Clamped;
use web_sys::ImageData;

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

    /// The loss history (the test rows' when `test`): its epochs, then one
    /// loss per epoch (a copy: the history is short).
    pub fn history(&self, test: bool) -> Vec<f64> {
        let h = match test {
            true => self.trainer.test_history(),
            false => self.trainer.history(),
        };
        [h.epochs(), h.losses()].concat()
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
    pub fn predict(&mut self, from: u32, to: u32) -> Float64Array {
        let rows = from as usize..to as usize;
        view(self.readout.predictions(&self.trainer, rows))
    }

    /// Grid rows `from..to` of every neuron over the plane (`Readout::grid`).
    pub fn grid(&mut self, cells: u32, extent: &[f64], from: u32, to: u32) -> Throws<Float64Array> {
        let rows = from as usize..to as usize;
        viewed(
            self.readout
                .grid(&self.trainer, cells as usize, extent, rows),
        )
    }

    /// Each input feature's map over the plane, feature by feature (empty without features).
    #[wasm_bindgen(js_name = featureMaps)]
    pub fn feature_maps(&self, cells: u32, extent: &[f64]) -> Throws<Vec<f64>> {
        let maps = self
            .readout
            .feature_maps(&self.trainer, cells as usize, extent);
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

    /// The last grid's decision boundary as an ImageData, in two colours
    /// when `discrete` (`Readout::paint`).
    #[wasm_bindgen(js_name = boundaryImage)]
    pub fn boundary_image(
        &mut self,
        cells: u32,
        palette: &[u8],
        scale: f64,
        discrete: bool,
    ) -> Throws<ImageData> {
        let paint = self
            .readout
            .paint(&self.trainer, cells as usize, palette, scale, discrete);
        let (pixels, side) = paint.map_err(error)?;
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(pixels), side as u32, side as u32)
            .map_err(|e| error(format!("{e:?}")))
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
    pub fn confusion(&mut self, gallery: u32) -> String {
        let confusion = self.readout.confusion(&self.trainer, gallery as usize);
        confusion.to_string()
    }
}
