//! The helpers that need no run: data from files, expressions and point
//! sets, the engine's facts (limits, defaults), fresh seeds.

use serde_json::json;
use wasm_bindgen::prelude::*;

use super::{error, worded, Lab, Throws};
use crate::data::{csv, expression::Expression, points::Settings, tables};
use crate::inspect::facts;

#[wasm_bindgen]
impl Lab {
    /// A file's preset, "digits" or a real table, as JSON `{"config", "test"}` (`tables::file_preset`).
    #[wasm_bindgen(js_name = tablePreset)]
    pub fn table_preset(name: &str, text: &str) -> Throws<String> {
        Ok(tables::file_preset(name, text).map_err(worded)?.to_string())
    }

    /// `{"limits", "defaults"}` as JSON (`facts.rs`).
    pub fn facts() -> String {
        json!({ "limits": facts::limits(), "defaults": facts::defaults() }).to_string()
    }

    /// A fresh seed from the browser's crypto.
    #[wasm_bindgen(js_name = freshSeed)]
    pub fn fresh_seed() -> Throws<u32> {
        crate::math::rng::fresh_seed().map_err(error)
    }

    /// A Boolean expression's truth table, as JSON (`Expression::table_value`).
    #[wasm_bindgen(js_name = expressionTable)]
    pub fn expression_table(text: &str) -> Throws<String> {
        let expression = Expression::parse(text).map_err(worded)?;
        Ok(expression.table_value().to_string())
    }

    /// A CSV file as training data, `targets` its 0-based target columns (`csv::data_value`).
    #[wasm_bindgen(js_name = csvData)]
    pub fn csv_data(text: &str, targets: Vec<u32>, normalise: bool) -> Throws<String> {
        let targets: Vec<usize> = targets.iter().map(|&c| c as usize).collect();
        let data = csv::data_value(text, &targets, normalise).map_err(worded)?;
        Ok(data.to_string())
    }

    /// A 2-D point set of `n` points, as JSON (`PointSet::to_value`).
    pub fn points(name: &str, n: usize, noise: f64, test_share: f64, seed: u32) -> Throws<String> {
        let settings = Settings::named(name, n, noise, test_share, seed);
        let set = settings.and_then(|s| s.generate()).map_err(worded)?;
        Ok(set.to_value().to_string())
    }
}
