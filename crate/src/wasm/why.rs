//! The Step inspector's and the Why tools' numbers: the trace, the gradient
//! check, gradient health, the learning-rate finder and the loss landscape.

use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

use super::{error, view, worded, Lab, Throws};
use crate::inspect::landscape::{fitting, Landscape};
use crate::inspect::{curve, facts};
use crate::train::{gradient_check, trace};

#[wasm_bindgen]
impl Lab {
    /// The z of neuron `neuron` of weight layer `layer` (from 0) for each row the next update uses.
    #[wasm_bindgen(js_name = neuronZ)]
    pub fn neuron_z(&mut self, layer: usize, neuron: usize) -> Throws<Vec<f64>> {
        self.readout
            .neuron_z(&self.trainer, layer, neuron)
            .map_err(error)
    }

    /// An activation's f(z) for each z, then f'(z) for each (`curve::named`).
    #[wasm_bindgen(js_name = activationCurve)]
    pub fn activation_curve(name: &str, z: &[f64]) -> Throws<Vec<f64>> {
        curve::named(name, z).map_err(error)
    }

    /// Every number of the next iteration, not performed, as JSON (refused past the page's budget).
    pub fn trace(&mut self) -> Throws<String> {
        facts::trace_within_budget(&self.trainer).map_err(worded)?;
        let trace = self.trainer.trace().map_err(error)?;
        Ok(trace::page_value(&trace).to_string())
    }

    /// The next update's gradients beside central finite differences, as JSON.
    #[wasm_bindgen(js_name = gradientCheck)]
    pub fn gradient_check(&mut self) -> Throws<String> {
        facts::check_within_budget(&self.trainer).map_err(worded)?;
        let check = gradient_check::checked(&mut self.trainer).map_err(error)?;
        serde_json::to_string(&check).map_err(error)
    }

    /// Each weight layer's gradient health, as JSON (`Readout::health`).
    pub fn health(&mut self) -> String {
        self.readout.health(&mut self.trainer).to_string()
    }

    /// The learning-rate finder in a copy of the run, as JSON `{"rates", "losses", "suggested"}`.
    #[wasm_bindgen(js_name = findLearningRate)]
    pub fn find_learning_rate(&self) -> String {
        self.trainer.find_learning_rate().to_value().to_string()
    }

    /// Starts a loss landscape through the current weights.
    #[wasm_bindgen(js_name = landscapeStart)]
    pub fn landscape_start(&mut self) {
        self.landscape = Some(Landscape::new(&self.trainer));
    }

    /// Whether a landscape was started on the network there now (the same layers' sizes).
    #[wasm_bindgen(js_name = landscapeFits)]
    pub fn landscape_fits(&mut self) -> bool {
        fitting(&mut self.landscape, &self.trainer).is_ok()
    }

    /// Computes the landscape's grid rows `from..to`; the whole grid so far (NaN where not yet).
    #[wasm_bindgen(js_name = landscapeRows)]
    pub fn landscape_rows(&mut self, from: usize, to: usize) -> Throws<Float64Array> {
        let landscape = fitting(&mut self.landscape, &self.trainer).map_err(error)?;
        landscape.compute(&self.trainer, from..to);
        Ok(view(&landscape.losses))
    }

    /// The run's path on the landscape's plane, as (α, β) pairs.
    #[wasm_bindgen(js_name = landscapePath)]
    pub fn landscape_path(&mut self) -> Throws<Vec<f64>> {
        let landscape = fitting(&mut self.landscape, &self.trainer).map_err(error)?;
        Ok(landscape.path(&self.trainer).concat())
    }
}
