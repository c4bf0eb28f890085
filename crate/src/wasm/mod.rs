//! Room `wasm`: the engine's face in the browser, `Lab`: conversions between
//! JavaScript values and the engine's types over one `Trainer`, nothing else.
//! `run` trains and keeps the run, `read` hands over what the page draws,
//! `why` the inspector's and the Why tools' numbers, `data` what needs no run.
//! Bulk numbers come back as views of wasm memory, read before the next call.

use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

use crate::config::Config;
use crate::inspect::landscape::Landscape;
use crate::inspect::readout::Readout;
use crate::train::trainer::Trainer;
use crate::words::Worded;

mod data;
mod read;
mod run;
mod why;

#[wasm_bindgen]
pub struct Lab {
    trainer: Trainer,
    readout: Readout,
    /// The loss landscape being computed, if asked for.
    landscape: Option<Landscape>,
}

/// A value, or an `Error` thrown in JavaScript with the engine's message.
type Throws<T> = Result<T, JsValue>;

fn error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// An error with its code and values for the page (`words::js_error`).
fn worded(e: impl std::fmt::Display + Worded) -> JsValue {
    crate::words::js_error(&e)
}

/// An engine's answer as a view, or its error.
fn viewed(values: Result<&[f64], String>) -> Throws<Float64Array> {
    values.map(view).map_err(error)
}

/// A view of engine memory; the page reads it before its next call.
fn view(values: &[f64]) -> Float64Array {
    // SAFETY: the view is handed straight to JavaScript, which reads it
    // before calling into the engine again (nothing here allocates after it).
    unsafe { Float64Array::view(values) }
}

impl Lab {
    fn of(mut trainer: Trainer) -> Lab {
        trainer.keep_snapshots(); // the page goes back to kept epochs
        Lab {
            readout: Readout::new(&trainer),
            trainer,
            landscape: None,
        }
    }

    /// Training's error as the page shows it (`Trainer::explained`).
    fn failed(&self, e: crate::TrainError) -> JsValue {
        worded(self.trainer.explained(e))
    }
}

#[wasm_bindgen]
impl Lab {
    /// A lab for a config (docs/numerics.md's JSON); the error names what is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str) -> Throws<Lab> {
        let config = Config::from_json(config).map_err(worded)?;
        Ok(Lab::of(Trainer::new(config)))
    }
}
