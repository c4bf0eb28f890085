//! "Check my code" in the browser: the engine's `check` room (a learner's
//! record replayed and compared, its mistake named) as a wasm module of its
//! own. The page's engine leaves it out, so that opening the page does not
//! fetch it (about 26 KB gzipped); the page loads this module the first time
//! a record is checked. Conversions only, as the engine's `wasm` room.

use wasm_bindgen::prelude::*;

/// A learner's record checked against backpropagation, as JSON
/// (`check::check_text`); a record that cannot be read is an error naming its field, with
/// its code and values when it has them (`words::js_error`).
#[wasm_bindgen(js_name = checkRecord)]
pub fn check_record(text: &str) -> Result<String, JsValue> {
    let verdict = backprop_lab::check::check_text(text);
    Ok(verdict
        .map_err(|e| backprop_lab::words::js_error(&e))?
        .to_string())
}
