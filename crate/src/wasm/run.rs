//! Training and keeping the run: configs, steps, counters, files, time travel.

use wasm_bindgen::prelude::*;

use super::{error, Lab};
use crate::config::Config;
use crate::data::dataset::Dataset;
use crate::export::{export, Format};
use crate::inspect::readout::Readout;
use crate::train::saved::{self, Saved};

#[wasm_bindgen]
impl Lab {
    /// The config with every default written out, as JSON.
    pub fn config(&self) -> String {
        self.trainer.config().to_json()
    }

    /// Takes a new config; returns whether training goes on from the current
    /// weights (`Trainer::set_config`). A bad config, or one past the page's
    /// `work` budget (`Config::check_work`), changes nothing.
    #[wasm_bindgen(js_name = setConfig)]
    pub fn set_config(&mut self, config: &str, work: f64) -> Result<bool, JsError> {
        let config = Config::from_json(config).map_err(error)?;
        config.check_work(work).map_err(error)?;
        let kept = self.trainer.set_config(config);
        if !kept {
            self.readout = Readout::new(&self.trainer);
        }
        Ok(kept)
    }

    pub fn step(&mut self) -> Result<(), JsError> {
        self.trainer.step().map_err(|e| self.failed(e))
    }

    #[wasm_bindgen(js_name = stepEpoch)]
    pub fn step_epoch(&mut self) -> Result<(), JsError> {
        self.trainer.epoch().map(|_| ()).map_err(|e| self.failed(e))
    }

    /// Up to `iterations` iterations, fewer at stop_loss; returns how many ran.
    pub fn run(&mut self, iterations: u32) -> Result<u32, JsError> {
        let run = self.trainer.run(iterations as u64);
        Ok(run.map_err(|e| self.failed(e))?.iterations as u32)
    }

    pub fn reset(&mut self) {
        self.trainer.reset();
    }

    /// `[iteration, epoch, rows, the next update's first row, one past its
    /// last, the iteration that diverged or NaN]`, counts exact up to 2^53.
    pub fn counters(&self) -> Vec<f64> {
        let (t, next) = (&self.trainer, self.trainer.next_rows());
        let diverged = t.diverged().map_or(f64::NAN, |i| i as f64);
        let rows = t.config().data().rows();
        let counts = [
            t.iterations(),
            t.epochs(),
            rows as u64,
            next.start as u64,
            next.end as u64,
        ];
        counts.iter().map(|&n| n as f64).chain([diverged]).collect()
    }

    /// The reported loss: over all rows, with the current weights.
    pub fn loss(&mut self) -> f64 {
        self.trainer.loss()
    }

    #[wasm_bindgen(js_name = reachedStopLoss)]
    pub fn reached_stop_loss(&mut self) -> bool {
        self.trainer.reached_stop_loss()
    }

    /// The run as a saved file (`saved.rs`), as JSON.
    pub fn save(&self) -> String {
        saved::save(&self.trainer).to_string()
    }

    /// The run as a file of `format` (`export/`); the scripts' templates are
    /// the page's to fetch and hand over.
    #[wasm_bindgen(js_name = exportAs)]
    pub fn export_as(&self, format: &str, template: Option<String>) -> Result<Vec<u8>, JsError> {
        let format = Format::from_name(format)
            .ok_or_else(|| error(format!("no export format is called \"{format}\"")))?;
        export(&self.trainer, format, template.as_deref()).map_err(error)
    }

    /// Stands where a saved run stood; a bad file (an error naming its JSON
    /// path) or one past the page's `work` budget changes nothing.
    #[wasm_bindgen(js_name = loadSaved)]
    pub fn load_saved(&mut self, json: &str, work: f64) -> Result<(), JsError> {
        let saved = Saved::from_json(json).map_err(error)?;
        saved.config.check_work(work).map_err(error)?;
        let trainer = saved.trainer();
        let landscape = self.landscape.take();
        *self = Lab {
            landscape,
            ..Lab::of(trainer)
        };
        Ok(())
    }

    /// Sets one parameter (an index into `params`) by hand.
    #[wasm_bindgen(js_name = setParam)]
    pub fn set_param(&mut self, index: u32, value: f64) -> Result<(), JsError> {
        self.trainer.set_param(index as usize, value).map_err(error)
    }

    #[wasm_bindgen(js_name = handEdited)]
    pub fn hand_edited(&self) -> bool {
        self.trainer.hand_edited()
    }

    /// Goes back to the latest kept epoch at or before `epoch`; returns it.
    pub fn restore(&mut self, epoch: f64) -> Result<f64, JsError> {
        if epoch.is_nan() || epoch < 0.0 {
            return Err(error("expected an epoch of 0 or more"));
        }
        let restored = self.trainer.restore(epoch as u64).map(|e| e as f64);
        restored.ok_or_else(|| error("no snapshot of that epoch is kept"))
    }

    /// Holds rows out for testing (`Dataset::held_out_json`); bad rows change nothing.
    #[wasm_bindgen(js_name = setTestData)]
    pub fn set_test_data(&mut self, text: &str) -> Result<(), JsError> {
        let data = Dataset::held_out_json(text).map_err(error)?;
        self.trainer.set_test_data(data).map_err(error)
    }
}
