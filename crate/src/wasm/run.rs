//! Training and keeping the run: configs, steps, counters, files, time travel.

use wasm_bindgen::prelude::*;

use super::{error, worded, Lab, Throws};
use crate::config::Config;
use crate::data::dataset::Dataset;
use crate::export::export_named;
use crate::inspect::{facts, readout::Readout};
use crate::train::saved::Saved;

#[wasm_bindgen]
impl Lab {
    /// The config with every default written out, as JSON.
    pub fn config(&self) -> String {
        self.trainer.config().to_json()
    }

    /// Takes a new config; one that is bad or past the page's budget (`PAGE_WORK`) changes nothing.
    #[wasm_bindgen(js_name = setConfig)]
    pub fn set_config(&mut self, config: &str) -> Throws<bool> {
        let config = Config::from_page_json(config).map_err(worded)?;
        let kept = self.trainer.set_config(config);
        if !kept {
            self.readout = Readout::new(&self.trainer);
        }
        Ok(kept)
    }

    pub fn step(&mut self) -> Throws<()> {
        self.trainer.step().map_err(|e| self.failed(e))
    }

    #[wasm_bindgen(js_name = stepEpoch)]
    pub fn step_epoch(&mut self) -> Throws<()> {
        self.trainer.epoch().map(|_| ()).map_err(|e| self.failed(e))
    }

    /// Up to `iterations` iterations, fewer at stop_loss; returns how many ran.
    pub fn run(&mut self, iterations: u32) -> Throws<u32> {
        let run = self.trainer.run(iterations as u64);
        Ok(run.map_err(|e| self.failed(e))?.iterations as u32)
    }

    pub fn reset(&mut self) {
        self.trainer.reset();
    }

    /// Where the run stands, as numbers (`facts::counters`).
    pub fn counters(&self) -> Vec<f64> {
        facts::counters(&self.trainer)
    }

    /// The reported loss: over all rows, with the current weights.
    pub fn loss(&mut self) -> f64 {
        self.trainer.loss()
    }

    /// The run as a file (`export_named`), the scripts' templates fetched by the page.
    #[wasm_bindgen(js_name = exportAs)]
    pub fn export_as(&self, format: &str, template: Option<String>) -> Throws<Vec<u8>> {
        export_named(&self.trainer, format, template.as_deref()).map_err(worded)
    }

    /// Stands where a saved run stood; a bad file, or one past the page's budget, changes nothing.
    #[wasm_bindgen(js_name = loadSaved)]
    pub fn load_saved(&mut self, json: &str) -> Throws<()> {
        let saved = Saved::from_page_json(json).map_err(worded)?;
        let landscape = self.landscape.take();
        *self = Lab {
            landscape,
            ..Lab::of(saved.trainer())
        };
        Ok(())
    }

    /// Sets one parameter (an index into `params`) by hand.
    #[wasm_bindgen(js_name = setParam)]
    pub fn set_param(&mut self, index: u32, value: f64) -> Throws<()> {
        self.trainer.set_param(index as usize, value).map_err(error)
    }

    /// Goes back to the latest kept epoch at or before `epoch`; returns it.
    pub fn restore(&mut self, epoch: f64) -> Throws<f64> {
        let restored = self.trainer.restore_at(epoch).map_err(error)?;
        Ok(restored as f64)
    }

    /// Holds rows out for testing (`Dataset::held_out_json`); bad rows change nothing.
    #[wasm_bindgen(js_name = setTestData)]
    pub fn set_test_data(&mut self, text: &str) -> Throws<()> {
        let data = Dataset::held_out_json(text).map_err(error)?;
        self.trainer.set_test_data(data).map_err(error)
    }
}
