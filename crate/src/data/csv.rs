//! A learner's own data as CSV: comma, semicolon or tab separated, an
//! optional header row, numbers only. Errors name the line and column; a
//! file is read whole or not at all. Also the z-score that "Normalise
//! inputs" applies.

use crate::words::{Worded, Words};
use std::fmt;

/// The most data rows a file may have: as many as any data.
pub use crate::limits::MAX_ROWS;
/// The most columns a file may have.
pub const MAX_COLUMNS: usize = 64;
/// The most characters a file may have (10,000 rows of 64 long numbers).
pub const MAX_CHARS: usize = 16_000_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based line of the file, and column (field) when one is to blame.
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
    /// The message's code and values, for a page in another language.
    pub words: Words,
}

impl Worded for CsvError {
    fn words(&self) -> Words {
        let words = self.words.clone().with("line", self.line);
        match self.column {
            Some(c) => words.with("column", c),
            None => words,
        }
    }
}

/// Why a CSV file cannot be training data: the file (with its line) or the choice of columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    pub message: String,
    pub words: Words,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Worded for DataError {
    fn words(&self) -> Words {
        self.words.clone()
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(f, "line {}, column {}: {}", self.line, c, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for CsvError {}

/// A parsed file: column names (from the header, or "column 1", …) and rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub names: Vec<String>,
    pub has_header: bool,
    pub delimiter: char,
    pub rows: Vec<Vec<f64>>,
}

fn error(line: usize, column: Option<usize>, words: Words, message: impl Into<String>) -> CsvError {
    CsvError {
        line,
        column,
        message: message.into(),
        words,
    }
}

/// The separator: whichever of tab, semicolon and comma the first line has
/// most of (a comma when it has none: one column).
fn delimiter_of(first: &str) -> char {
    let count = |c| first.matches(c).count();
    [('\t', count('\t')), (';', count(';')), (',', count(','))]
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .filter(|&(_, n)| n > 0)
        .map_or(',', |(c, _)| c)
}

fn unquote(field: &str) -> &str {
    let f = field.trim();
    f.strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or(f)
        .trim()
}

fn number(field: &str) -> Option<f64> {
    let f = unquote(field);
    // Rust reads "inf" and "NaN" as numbers; a data file means neither.
    if f.is_empty()
        || f.chars()
            .any(|c| c.is_alphabetic() && !matches!(c, 'e' | 'E'))
    {
        return None;
    }
    f.parse::<f64>().ok().filter(|v| v.is_finite())
}

pub fn parse(text: &str) -> Result<Table, CsvError> {
    if text.len() > MAX_CHARS {
        return Err(error(
            1,
            None,
            Words::new("csv.too-large", &[("most", &(MAX_CHARS / 1_000_000))]),
            format!("the file is larger than {} MB", MAX_CHARS / 1_000_000),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let Some(&(first_line, first)) = lines.first() else {
        return Err(error(
            1,
            None,
            Words::new("csv.no-rows", &[]),
            "the file has no rows",
        ));
    };
    let delimiter = delimiter_of(first);
    let fields = |l: &str| -> Vec<String> { l.split(delimiter).map(|f| f.to_string()).collect() };
    let head = fields(first);
    let width = head.len();
    if width > MAX_COLUMNS {
        return Err(error(
            first_line,
            None,
            Words::new(
                "csv.too-many-columns",
                &[("columns", &width), ("most", &MAX_COLUMNS)],
            ),
            format!("{width} columns; at most {MAX_COLUMNS} are allowed"),
        ));
    }
    // A first line with any field that is not a number is a header.
    let has_header = head.iter().any(|f| number(f).is_none());
    let names: Vec<String> = if has_header {
        head.iter().map(|f| unquote(f).to_string()).collect()
    } else {
        (1..=width).map(|c| format!("column {c}")).collect()
    };
    let body = if has_header { &lines[1..] } else { &lines[..] };
    if body.is_empty() {
        return Err(error(
            first_line,
            None,
            Words::new("csv.header-only", &[]),
            "the file has a header but no rows of numbers",
        ));
    }
    if body.len() > MAX_ROWS {
        return Err(error(
            body[MAX_ROWS].0,
            None,
            Words::new("csv.too-many-rows", &[("most", &MAX_ROWS)]),
            format!("more than {MAX_ROWS} rows; at most {MAX_ROWS} are allowed"),
        ));
    }
    let mut rows = Vec::with_capacity(body.len());
    for &(line, l) in body {
        let row = fields(l);
        if row.len() != width {
            return Err(error(
                line,
                None,
                Words::new("csv.fields", &[("fields", &row.len()), ("width", &width)]),
                format!("{} fields, where the first line has {width}", row.len()),
            ));
        }
        let values = row
            .iter()
            .enumerate()
            .map(|(c, f)| {
                number(f).ok_or_else(|| {
                    let shown: String = unquote(f).chars().take(40).collect();
                    if shown.is_empty() {
                        let words = Words::new("csv.empty-field", &[]);
                        return error(line, Some(c + 1), words, "an empty field is not a number");
                    }
                    let words = Words::new("csv.not-a-number", &[("text", &shown)]);
                    error(
                        line,
                        Some(c + 1),
                        words,
                        format!("\"{shown}\" is not a number"),
                    )
                })
            })
            .collect::<Result<Vec<f64>, CsvError>>()?;
        rows.push(values);
    }
    Ok(Table {
        names,
        has_header,
        delimiter,
        rows,
    })
}

/// The mean and the (population) standard deviation of each column.
pub fn column_stats(rows: &[Vec<f64>]) -> Vec<(f64, f64)> {
    let width = rows.first().map_or(0, Vec::len);
    let n = rows.len().max(1) as f64;
    (0..width)
        .map(|c| {
            let mean = rows.iter().map(|r| r[c]).sum::<f64>() / n;
            let var = rows
                .iter()
                .map(|r| (r[c] - mean) * (r[c] - mean))
                .sum::<f64>()
                / n;
            (mean, var.sqrt())
        })
        .collect()
}

/// (x − mean)/sd per column; a constant column (sd 0) becomes 0.
pub fn z_scores(rows: &[Vec<f64>], stats: &[(f64, f64)]) -> Vec<Vec<f64>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .zip(stats)
                .map(|(&x, &(mean, sd))| if sd > 0.0 { (x - mean) / sd } else { 0.0 })
                .collect()
        })
        .collect()
}

/// A table cut into the network's data: the target columns and the inputs
/// (the other columns, z-scored when asked), with the inputs' names and,
/// when normalised, each input's (mean, standard deviation).
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    pub input_names: Vec<String>,
    pub inputs: Vec<Vec<f64>>,
    pub targets: Vec<Vec<f64>>,
    pub stats: Option<Vec<(f64, f64)>>,
}

/// Splits a table by its target columns (0-based); with `normalise` the
/// inputs become z-scores. The error says which choice cannot be used.
/// A CSV file as training data, as the page reads it (`Columns::to_value`):
/// the error names the line and column, or the choice of columns.
pub fn data_value(
    text: &str,
    targets: &[usize],
    normalise: bool,
) -> Result<serde_json::Value, DataError> {
    let table = parse(text).map_err(|e| DataError {
        message: e.to_string(),
        words: e.words(),
    })?;
    Ok(columns(&table, targets, normalise)?.to_value(&table.names))
}

pub fn columns(table: &Table, targets: &[usize], normalise: bool) -> Result<Columns, DataError> {
    let width = table.names.len();
    if let Some(&bad) = targets.iter().find(|&&c| c >= width) {
        return Err(DataError {
            message: format!(
                "target column {} does not exist; the file has {width} columns",
                bad + 1
            ),
            words: Words::new(
                "csv.no-target-column",
                &[("column", &(bad + 1)), ("columns", &width)],
            ),
        });
    }
    let is_target = |c: usize| targets.contains(&c);
    let split = |want: bool| -> Vec<Vec<f64>> {
        let chosen = |r: &Vec<f64>| {
            (0..width)
                .filter(|&c| is_target(c) == want)
                .map(|c| r[c])
                .collect()
        };
        table.rows.iter().map(chosen).collect()
    };
    let (mut inputs, target_rows) = (split(false), split(true));
    if inputs[0].is_empty() || target_rows[0].is_empty() {
        return Err(DataError {
            message: "choose at least one target column and leave at least one input column".into(),
            words: Words::new("csv.choose-columns", &[]),
        });
    }
    let input_names = (0..width)
        .filter(|&c| !is_target(c))
        .map(|c| table.names[c].clone())
        .collect();
    let stats = normalise.then(|| {
        let stats = column_stats(&inputs);
        inputs = z_scores(&inputs, &stats);
        stats
    });
    Ok(Columns {
        input_names,
        inputs,
        targets: target_rows,
        stats,
    })
}

impl Columns {
    /// As the page reads it: `{"names" (every column of the file), "inputs",
    /// "targets", "stats": [{"name", "mean", "sd"}] | null}`.
    pub fn to_value(&self, names: &[String]) -> serde_json::Value {
        use serde_json::json;
        let stats = self.stats.as_ref().map(|stats| {
            let named = self.input_names.iter().zip(stats);
            named
                .map(|(name, (mean, sd))| json!({"name": name, "mean": mean, "sd": sd}))
                .collect::<Vec<_>>()
        });
        let mut value = crate::data::dataset::rows_value(&self.inputs, &self.targets);
        value["names"] = json!(names);
        value["stats"] = json!(stats);
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_separator_with_and_without_a_header() {
        for (text, delimiter) in [
            ("x,y,t\n1,2,0\n3,4.5,1\n", ','),
            ("x;y;t\r\n1;2;0\r\n3;4.5;1\r\n", ';'),
            ("x\ty\tt\n1\t2\t0\n\n3\t4.5\t1", '\t'),
        ] {
            let t = parse(text).unwrap();
            assert_eq!(t.delimiter, delimiter);
            assert!(t.has_header);
            assert_eq!(t.names, ["x", "y", "t"]);
            assert_eq!(t.rows, [[1.0, 2.0, 0.0], [3.0, 4.5, 1.0]]);
        }
        let t = parse("1,2\n-3e2,\"4\"\n").unwrap();
        assert!(!t.has_header);
        assert_eq!(t.names, ["column 1", "column 2"]);
        assert_eq!(t.rows, [[1.0, 2.0], [-300.0, 4.0]]);
        assert_eq!(parse("\u{feff}a\n1\n").unwrap().rows, [[1.0]]);
    }

    #[test]
    fn each_kind_of_bad_file_has_its_message() {
        let e = |text: &str| parse(text).unwrap_err().to_string();
        assert_eq!(e(""), "line 1: the file has no rows");
        assert_eq!(
            e("a,b\n"),
            "line 1: the file has a header but no rows of numbers"
        );
        assert_eq!(
            e("a,b\n1,2\n3,x\n"),
            "line 3, column 2: \"x\" is not a number"
        );
        assert_eq!(
            e("a,b\n1,2\n3\n"),
            "line 3: 1 fields, where the first line has 2"
        );
        assert_eq!(
            e("a,b\n1,\n"),
            "line 2, column 2: an empty field is not a number"
        );
        assert_eq!(
            e("a,b\n1,inf\n"),
            "line 2, column 2: \"inf\" is not a number"
        );
        assert_eq!(
            e("a,b\n1,NaN\n"),
            "line 2, column 2: \"NaN\" is not a number"
        );
        assert_eq!(
            e("a,b\n1,1e999\n"),
            "line 2, column 2: \"1e999\" is not a number"
        );
        let long = format!("a\n{}", "1\n".repeat(MAX_ROWS + 1));
        assert!(e(&long).starts_with(&format!("line {}: more than", MAX_ROWS + 2)));
        assert!(e(&"1,".repeat(70)).contains("at most 64"));
    }

    #[test]
    fn z_scores_have_mean_0_and_sd_1() {
        let rows = vec![vec![1.0, 5.0], vec![2.0, 5.0], vec![3.0, 5.0]];
        let stats = column_stats(&rows);
        assert_eq!(stats[0].0, 2.0);
        assert!((stats[0].1 - (2.0f64 / 3.0).sqrt()).abs() < 1e-15);
        let z = z_scores(&rows, &stats);
        assert_eq!(z[1], [0.0, 0.0]);
        assert!((z[0][0] + z[2][0]).abs() < 1e-15);
    }

    #[test]
    fn columns_split_targets_from_inputs_and_normalise_the_inputs() {
        let table = parse("h,w,y\n1,10,0\n2,20,1\n3,30,1\n").unwrap();
        let c = columns(&table, &[2], true).unwrap();
        assert_eq!(c.input_names, ["h", "w"]);
        assert_eq!(c.targets, [[0.0], [1.0], [1.0]]);
        assert_eq!(c.inputs[1], [0.0, 0.0]);
        let (mean, sd) = c.stats.unwrap()[1];
        assert_eq!(mean, 20.0);
        assert!(sd > 0.0);
        let raw = columns(&table, &[0, 2], false).unwrap();
        assert_eq!(raw.inputs, [[10.0], [20.0], [30.0]]);
        assert_eq!(raw.targets[2], [3.0, 1.0]);
        assert!(raw.stats.is_none());
        let missing = columns(&table, &[3], false).unwrap_err();
        assert!(missing.message.contains("target column 4"));
        assert_eq!(missing.words.code, "csv.no-target-column");
        assert!(columns(&table, &[0, 1, 2], false)
            .unwrap_err()
            .message
            .contains("at least one input"));
        // Each of the file's errors has its code and its place for the page to word.
        let e = parse("a,b\n1,x\n").unwrap_err();
        let words = e.words();
        assert_eq!(words.code, "csv.not-a-number");
        assert_eq!(
            words.values,
            [
                ("text", "x".to_string()),
                ("line", "2".to_string()),
                ("column", "2".to_string())
            ]
        );
    }
}
