//! The Step inspector's and the Why tools' numbers: the trace, the gradient
//! check, gradient health, the learning-rate finder and the loss landscape.

use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

use super::{error, view, worded, Lab, Throws};
use crate::inspect::facts;
use crate::inspect::landscape::Landscape;
use crate::train::{gradient_check, trace};

/// Why a landscape cannot be computed: none was started, or the network changed since (another
/// shape: its weights are not on the plane).
const NOT_STARTED: &str = "no landscape was started for this network";

#[wasm_bindgen]
impl Lab {
    /// The z of neuron `neuron` of weight layer `layer` (from 0) for each row the next update uses.
    #[wasm_bindgen(js_name = neuronZ)]
    pub fn neuron_z(&mut self, layer: u32, neuron: u32) -> Throws<Vec<f64>> {
        let z = self
            .readout
            .neuron_z(&self.trainer, layer as usize, neuron as usize);
        z.map_err(error)
    }

    /// An activation's f(z) for each z, then f'(z) for each (`curve::curve`).
    #[wasm_bindgen(js_name = activationCurve)]
    pub fn activation_curve(name: &str, z: &[f64]) -> Throws<Vec<f64>> {
        let activation = crate::Activation::from_name(name)
            .ok_or_else(|| error(format!("no activation is called \"{name}\"")))?;
        crate::inspect::curve::curve(activation, z).map_err(error)
    }

    /// Every number of the next iteration, not performed, as JSON (`trace::page_value`);
    /// past the page's budget, refused.
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
    pub fn landscape_fits(&self) -> bool {
        self.landscape
            .as_ref()
            .is_some_and(|l| l.fits(&self.trainer))
    }

    /// Computes the landscape's grid rows `from..to`; the whole grid so far (NaN where not yet).
    #[wasm_bindgen(js_name = landscapeRows)]
    pub fn landscape_rows(&mut self, from: usize, to: usize) -> Throws<Float64Array> {
        let landscape = self
            .landscape
            .as_mut()
            .filter(|l| l.fits(&self.trainer))
            .ok_or_else(|| error(NOT_STARTED))?;
        landscape.compute(&self.trainer, from..to);
        Ok(view(&landscape.losses))
    }

    /// The run's path on the landscape's plane, as (α, β) pairs.
    #[wasm_bindgen(js_name = landscapePath)]
    pub fn landscape_path(&self) -> Throws<Vec<f64>> {
        let landscape = self
            .landscape
            .as_ref()
            .filter(|l| l.fits(&self.trainer))
            .ok_or_else(|| error(NOT_STARTED))?;
        Ok(landscape
            .path(&self.trainer)
            .into_iter()
            .flatten()
            .collect())
    }
}
