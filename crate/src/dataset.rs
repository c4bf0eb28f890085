//! The training data: rows of inputs and targets, stored flat and row-major
//! so that a block of consecutive rows is one slice; and truth tables.

use std::ops::Range;

#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    input_width: usize,
    target_width: usize,
    inputs: Vec<f64>,
    targets: Vec<f64>,
}

impl Dataset {
    /// Rows that the config has already checked: the same count on both sides,
    /// and every row as wide as the first.
    pub(crate) fn from_rows(inputs: &[Vec<f64>], targets: &[Vec<f64>]) -> Dataset {
        Dataset {
            input_width: inputs.first().map_or(0, Vec::len),
            target_width: targets.first().map_or(0, Vec::len),
            inputs: inputs.concat(),
            targets: targets.concat(),
        }
    }

    /// Rows from outside a config (test rows): as many targets as inputs,
    /// every row as wide as the first, every number finite.
    pub fn checked(inputs: &[Vec<f64>], targets: &[Vec<f64>]) -> Result<Dataset, String> {
        if inputs.is_empty() || inputs.len() != targets.len() {
            return Err(format!(
                "{} rows of inputs and {} of targets; expected the same number, at least 1",
                inputs.len(),
                targets.len()
            ));
        }
        for (side, rows) in [("inputs", inputs), ("targets", targets)] {
            let width = rows[0].len();
            if width == 0 {
                return Err(format!("{side}: rows are empty"));
            }
            if let Some(r) = rows.iter().position(|row| row.len() != width) {
                return Err(format!(
                    "{side}[{r}]: expected {width} numbers like the first row"
                ));
            }
            if let Some(r) = rows
                .iter()
                .position(|row| row.iter().any(|v| !v.is_finite()))
            {
                return Err(format!("{side}[{r}]: expected finite numbers"));
            }
        }
        Ok(Dataset::from_rows(inputs, targets))
    }

    pub fn rows(&self) -> usize {
        self.inputs.len() / self.input_width.max(1)
    }

    pub fn input_width(&self) -> usize {
        self.input_width
    }

    pub fn target_width(&self) -> usize {
        self.target_width
    }

    /// The inputs of a block of rows, row-major.
    pub fn inputs(&self, rows: Range<usize>) -> &[f64] {
        &self.inputs[rows.start * self.input_width..rows.end * self.input_width]
    }

    /// The targets of a block of rows, row-major.
    pub fn targets(&self, rows: Range<usize>) -> &[f64] {
        &self.targets[rows.start * self.target_width..rows.end * self.target_width]
    }

    pub fn input_rows(&self) -> Vec<Vec<f64>> {
        self.inputs
            .chunks(self.input_width.max(1))
            .map(<[f64]>::to_vec)
            .collect()
    }

    pub fn target_rows(&self) -> Vec<Vec<f64>> {
        self.targets
            .chunks(self.target_width.max(1))
            .map(<[f64]>::to_vec)
            .collect()
    }
}

/// Every combination of `inputs` bits, in counting order with x1 the most
/// significant bit (00, 01, 10, 11), and the targets `f` gives for each.
pub fn truth_table(
    inputs: usize,
    f: impl Fn(&[bool]) -> Vec<bool>,
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let bit = |b: bool| if b { 1.0 } else { 0.0 };
    (0..1usize << inputs)
        .map(|k| {
            let x: Vec<bool> = (0..inputs)
                .map(|i| k >> (inputs - 1 - i) & 1 == 1)
                .collect();
            let y = f(&x);
            (
                x.into_iter().map(bit).collect(),
                y.into_iter().map(bit).collect(),
            )
        })
        .unzip()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xor_table_in_counting_order() {
        let (x, y) = truth_table(2, |b| vec![b[0] ^ b[1]]);
        assert_eq!(x, [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]);
        assert_eq!(y, [[0.0], [1.0], [1.0], [0.0]]);
    }

    #[test]
    fn blocks_of_rows_are_slices() {
        let (x, y) = truth_table(2, |b| vec![b[0] & b[1], b[0] | b[1]]);
        let data = Dataset::from_rows(&x, &y);
        assert_eq!(data.rows(), 4);
        assert_eq!(data.inputs(1..3), [0.0, 1.0, 1.0, 0.0]);
        assert_eq!(data.targets(3..4), [1.0, 1.0]);
        assert_eq!(data.input_rows(), x);
    }
}
