//! Three real tables from scikit-learn's copies of UCI data, each a CSV in
//! `crate/data` with its columns named: Wisconsin breast cancer (30
//! measurements of a tumour, malignant or not), wine (13 measurements, three
//! cultivars, one-hot) and diabetes (10 measurements of a patient, the
//! disease's progression a year later: a number to fit).
//!
//! Each is read by the CSV loader's rules (inputs become z-scores), with
//! every fourth row held out for testing as for the digits. The means and
//! standard deviations are the training rows', so that nothing of the test
//! rows leaks into training. Diabetes' target is z-scored the same way: a
//! linear output then starts near its scale (R² does not change by it).

use crate::words::{Refusal, Words};
use serde_json::{json, Value};

use crate::data::csv::{column_stats, parse, z_scores};
use crate::data::split::quarter;

/// The tables' preset names, in the order the page offers them.
pub const NAMES: [&str; 3] = ["breast-cancer", "wine", "diabetes"];

/// What a table's file must hold, how its columns are read and what
/// network learns it.
struct Recipe {
    /// Its rows and columns, and its first and last column's names: a file
    /// that is not this table (another table's served in its place) is refused.
    rows: usize,
    columns: usize,
    first: &'static str,
    last: &'static str,
    /// The last `targets` columns are the targets.
    targets: usize,
    /// Targets that are numbers to fit are z-scored too.
    fit: bool,
    hidden: usize,
    activations: [&'static str; 2],
    loss: &'static str,
    learning_rate: f64,
    l2: f64,
}

fn recipe(name: &str) -> Option<Recipe> {
    Some(match name {
        "breast-cancer" => Recipe {
            rows: 569,
            columns: 31,
            first: "radius (mean)",
            last: "malignant",
            targets: 1,
            fit: false,
            hidden: 8,
            activations: ["tanh", "sigmoid"],
            loss: "cross_entropy",
            learning_rate: 0.01,
            l2: 0.0,
        },
        "wine" => Recipe {
            rows: 178,
            columns: 16,
            first: "alcohol",
            last: "cultivar 3",
            targets: 3,
            fit: false,
            hidden: 8,
            activations: ["tanh", "softmax"],
            loss: "cross_entropy",
            learning_rate: 0.01,
            l2: 0.0,
        },
        "diabetes" => Recipe {
            rows: 442,
            columns: 11,
            first: "age",
            last: "progression",
            targets: 1,
            fit: true,
            hidden: 8,
            activations: ["tanh", "linear"],
            loss: "mse",
            learning_rate: 0.01,
            // 442 noisy patients: without a weight penalty the test R² peaks
            // near 0.43 and then falls as the net learns the training rows' noise.
            l2: 0.05,
        },
        _ => return None,
    })
}

/// The CSV file of a table. The command line carries them; the page's
/// engine does not call this (the page fetches the file when the table is
/// chosen), so that the files stay out of its .wasm and it stays small.
pub fn bundled(name: &str) -> Option<&'static str> {
    Some(match name {
        "breast-cancer" => include_str!("../../data/breast-cancer.csv"),
        "wine" => include_str!("../../data/wine.csv"),
        "diabetes" => include_str!("../../data/diabetes.csv"),
        _ => return None,
    })
}

/// A table's preset config from its bundled file (the command line's).
pub fn config(name: &str) -> Option<Value> {
    let table = preset(name, bundled(name)?).expect("the bundled tables are valid");
    Some(table["config"].clone())
}

/// The preset `name` made from its CSV `text`: `{"config", "test"}`, the
/// config training on three quarters of the rows and the test rows
/// normalised by the training rows' statistics.
/// The preset of a dataset that comes as a file: "digits" or a table.
pub fn file_preset(name: &str, text: &str) -> Result<Value, Refusal> {
    match name {
        "digits" => super::digits::preset_of(text),
        _ => preset(name, text),
    }
}

pub fn preset(name: &str, text: &str) -> Result<Value, Refusal> {
    let recipe = recipe(name).ok_or_else(|| {
        let words = Words::new("table.unknown", &[("name", &name)]);
        Refusal::new(words, format!("no table is called \"{name}\""))
    })?;
    let table = parse(text).map_err(|e| Refusal::of(&e))?;
    let width = table.names.len();
    if width != recipe.columns {
        return Err(Refusal::new(
            Words::new(
                "table.columns",
                &[
                    ("name", &name),
                    ("columns", &recipe.columns),
                    ("got", &width),
                ],
            ),
            format!(
                "the {name} table has {} columns, this file {width}",
                recipe.columns
            ),
        ));
    }
    let (first, last) = (&table.names[0], &table.names[width - 1]);
    if first != recipe.first || last != recipe.last {
        let values: [(&str, &dyn ToString); 5] = [
            ("name", &name),
            ("first", &recipe.first),
            ("last", &recipe.last),
            ("got_first", first),
            ("got_last", last),
        ];
        return Err(Refusal::new(
            Words::new("table.column-names", &values),
            format!(
                "the {name} table's columns run from \"{}\" to \"{}\", this file's from \"{first}\" to \"{last}\"",
                recipe.first, recipe.last
            ),
        ));
    }
    if table.rows.len() != recipe.rows {
        return Err(Refusal::new(
            Words::new(
                "table.rows",
                &[
                    ("name", &name),
                    ("rows", &recipe.rows),
                    ("got", &table.rows.len()),
                ],
            ),
            format!(
                "the {name} table has {} rows, this file {}",
                recipe.rows,
                table.rows.len()
            ),
        ));
    }
    let split = width - recipe.targets;
    let (mut inputs, mut targets) = (Vec::new(), Vec::new());
    for row in &table.rows {
        inputs.push(row[..split].to_vec());
        targets.push(row[split..].to_vec());
    }
    let normalise = |rows: &mut Vec<Vec<f64>>| {
        let stats = column_stats(&quarter(rows, false));
        *rows = z_scores(rows, &stats);
    };
    normalise(&mut inputs);
    if recipe.fit {
        normalise(&mut targets);
    }
    let part = |test: bool| json!({ "inputs": quarter(&inputs, test), "targets": quarter(&targets, test) });
    let config = json!({
        "version": 1,
        "seed": 1,
        "layers": [split, recipe.hidden, recipe.targets],
        "activations": recipe.activations,
        "bias": true,
        "init": "xavier",
        "loss": recipe.loss,
        "l2": recipe.l2,
        "update": { "mode": "batch" },
        "optimizer": { "kind": "adam", "learning_rate": recipe.learning_rate },
        "data": part(false)
    });
    Ok(json!({ "config": config, "test": part(true) }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::data::dataset::Dataset;
    use crate::Trainer;

    fn dataset(rows: &Value) -> Dataset {
        let read =
            |key: &str| -> Vec<Vec<f64>> { serde_json::from_value(rows[key].clone()).unwrap() };
        Dataset::checked(&read("inputs"), &read("targets")).unwrap()
    }

    /// The preset's trainer, with its test rows, after `iterations`.
    fn trained(name: &str, iterations: u64) -> Trainer {
        let value = preset(name, bundled(name).unwrap()).unwrap();
        let mut trainer = Trainer::new(Config::from_value(&value["config"]).unwrap());
        trainer
            .set_test_data(Some(dataset(&value["test"])))
            .unwrap();
        trainer.run(iterations).unwrap();
        trainer
    }

    #[test]
    fn every_table_reads_with_a_quarter_held_out() {
        for (name, rows, inputs, outputs) in [
            ("breast-cancer", 569, 30, 1),
            ("wine", 178, 13, 3),
            ("diabetes", 442, 10, 1),
        ] {
            let value = preset(name, bundled(name).unwrap()).unwrap();
            let train = value["config"]["data"]["inputs"].as_array().unwrap().len();
            let test = value["test"]["inputs"].as_array().unwrap().len();
            assert_eq!(train + test, rows, "{name}");
            assert_eq!(test, rows / 4, "{name}");
            assert_eq!(value["config"]["layers"], json!([inputs, 8, outputs]));
        }
    }

    #[test]
    fn training_rows_are_z_scores() {
        let value = preset("wine", bundled("wine").unwrap()).unwrap();
        let data = dataset(&value["config"]["data"]);
        let column: Vec<f64> = data.input_rows().iter().map(|r| r[0]).collect();
        let mean = column.iter().sum::<f64>() / column.len() as f64;
        assert!(mean.abs() < 1e-12, "{mean}");
    }

    // The figures the README states for each table.
    #[test]
    fn breast_cancer_passes_95_percent_on_its_test_rows_in_100_iterations() {
        let mut t = trained("breast-cancer", 100);
        assert!(
            t.test_accuracy().unwrap() >= 0.95,
            "{:?}",
            t.test_accuracy()
        );
    }

    #[test]
    fn wine_passes_95_percent_on_its_test_rows_in_100_iterations() {
        let mut t = trained("wine", 100);
        assert!(
            t.test_accuracy().unwrap() >= 0.95,
            "{:?}",
            t.test_accuracy()
        );
    }

    #[test]
    fn diabetes_explains_40_percent_of_its_test_rows_in_300_iterations_and_keeps_it() {
        let mut t = trained("diabetes", 300);
        assert!(
            t.test_r_squared().unwrap() >= 0.4,
            "{:?}",
            t.test_r_squared()
        );
        t.run(4700).unwrap();
        assert!(
            t.test_r_squared().unwrap() >= 0.4,
            "{:?}",
            t.test_r_squared()
        );
    }

    #[test]
    fn a_file_that_is_another_table_is_refused() {
        for (name, other) in [
            ("breast-cancer", "wine"),
            ("wine", "diabetes"),
            ("diabetes", "wine"),
        ] {
            let why = preset(name, bundled(other).unwrap()).unwrap_err().message;
            assert!(why.contains(&format!("the {name} table has")), "{why}");
        }
        // The right shape but other rows: one row fewer.
        let text = bundled("wine").unwrap();
        let short = &text[..text.trim_end().rfind('\n').unwrap()];
        let why = preset("wine", short).unwrap_err().message;
        assert!(why.contains("178 rows, this file 177"), "{why}");
        // The right shape with another header.
        let renamed = text.replacen("alcohol", "ethanol", 1);
        let refusal = preset("wine", &renamed).unwrap_err();
        assert!(refusal.message.contains("\"ethanol\""), "{refusal}");
        // With its words, for the page in another language.
        assert_eq!(refusal.words.code, "table.column-names");
        assert!(refusal
            .words
            .values
            .contains(&("got_first", "ethanol".to_string())));
    }

    #[test]
    fn a_damaged_file_or_an_unknown_name_is_an_error() {
        assert!(preset("wine", "a,b\n1").is_err());
        assert!(preset("cars", bundled("wine").unwrap()).is_err());
    }
}
