//! The helpers that need no run: data from files, expressions and point
//! sets, the engine's facts (limits, defaults), fresh seeds.

use serde_json::json;
use wasm_bindgen::prelude::*;

use super::{error, Lab};
use crate::data::{csv, digits, expression::Expression, points, tables};
use crate::inspect::facts;

#[wasm_bindgen]
impl Lab {
    /// A file's preset, "digits" or a real table (`tables.rs`): JSON
    /// `{"config", "test"}`; a file that is not that table is an error.
    #[wasm_bindgen(js_name = tablePreset)]
    pub fn table_preset(name: &str, text: &str) -> Result<String, JsError> {
        let preset = match name {
            "digits" => digits::preset_of(text),
            _ => tables::preset(name, text),
        };
        Ok(preset.map_err(error)?.to_string())
    }

    /// `{"limits", "defaults"}` as JSON (`facts.rs`).
    pub fn facts() -> String {
        json!({ "limits": facts::limits(), "defaults": facts::defaults() }).to_string()
    }

    /// A fresh seed from the browser's crypto.
    #[wasm_bindgen(js_name = freshSeed)]
    pub fn fresh_seed() -> Result<u32, JsError> {
        crate::math::rng::fresh_seed().map_err(error)
    }

    /// A Boolean expression's truth table, as JSON (`Expression::table_value`).
    #[wasm_bindgen(js_name = expressionTable)]
    pub fn expression_table(text: &str) -> Result<String, JsError> {
        Ok(Expression::parse(text)
            .map_err(error)?
            .table_value()
            .to_string())
    }

    /// A CSV file as training data, `targets` its 0-based target columns (`csv::columns`).
    #[wasm_bindgen(js_name = csvData)]
    pub fn csv_data(text: &str, targets: Vec<u32>, normalise: bool) -> Result<String, JsError> {
        let table = csv::parse(text).map_err(error)?;
        let targets: Vec<usize> = targets.iter().map(|&c| c as usize).collect();
        let columns = csv::columns(&table, &targets, normalise).map_err(error)?;
        Ok(columns.to_value(&table.names).to_string())
    }

    /// A 2-D point set, as JSON (`PointSet::to_value`).
    pub fn points(
        generator: &str,
        points: u32,
        noise: f64,
        test_share: f64,
        seed: u32,
    ) -> Result<String, JsError> {
        let generator = points::Generator::from_name(generator)
            .ok_or_else(|| error(format!("unknown point set \"{generator}\"")))?;
        let points = points as usize;
        let settings = points::Settings {
            generator,
            points,
            noise,
            test_share,
            seed,
        };
        Ok(settings.generate().map_err(error)?.to_value().to_string())
    }
}
