//! Rows held out from training (a point set's test share): their loss and
//! accuracy with the current weights, and their loss at the epochs the
//! training history keeps.

use crate::data::dataset::Dataset;
use crate::nn::network::Pass;
use crate::train::history::LossHistory;
use crate::train::trainer::{evaluate_on, Trainer};

impl Trainer {
    /// Holds rows out for testing (or none): their loss is recorded beside
    /// the training loss from now on. Rows of the wrong widths are refused;
    /// raw x1, x2 rows are seen through the training rows' features.
    pub fn set_test_data(&mut self, test: Option<Dataset>) -> Result<(), String> {
        let features = self.config.data.features();
        let test = test.map(|data| data.seen_through(features));
        if let Some(data) = &test {
            let (inputs, targets) = (
                self.config.data.input_width(),
                self.config.data.target_width(),
            );
            if data.input_width() != inputs || data.target_width() != targets {
                return Err(format!(
                    "test rows have {} inputs and {} targets; the training rows have {inputs} and {targets}",
                    data.input_width(),
                    data.target_width()
                ));
            }
        }
        self.test = test.map(|data| {
            let pass = Pass::new(&self.network, data.rows().clamp(1, 256));
            (data, pass)
        });
        self.test_history.clear();
        self.record_test_loss(self.epochs());
        Ok(())
    }

    pub fn test_data(&self) -> Option<&Dataset> {
        self.test.as_ref().map(|(data, _)| data)
    }

    /// The loss over the test rows with the current weights (no l2 term).
    pub fn test_loss(&mut self) -> Option<f64> {
        let loss = self.config.loss;
        let (data, pass) = self.test.as_mut()?;
        Some(evaluate_on(&self.network, loss, data, pass))
    }

    /// The share of test rows classified right, when they are classes.
    pub fn test_accuracy(&mut self) -> Option<f64> {
        let (data, pass) = self.test.as_mut()?;
        crate::train::metrics::accuracy(&self.network, data, pass)
    }

    /// How well the test rows' numbers are fitted (R²), when they are not classes.
    pub fn test_r_squared(&mut self) -> Option<f64> {
        let (data, pass) = self.test.as_mut()?;
        crate::train::metrics::r_squared(&self.network, data, pass)
    }

    /// The test loss at the epochs the training history keeps.
    pub fn test_history(&self) -> &LossHistory {
        &self.test_history
    }

    /// The test rows' loss history when `test`, else the training rows'.
    pub fn history_of(&self, test: bool) -> &LossHistory {
        match test {
            true => &self.test_history,
            false => self.history(),
        }
    }

    pub(crate) fn record_test_loss(&mut self, epoch: u64) {
        if let Some(loss) = self.test_loss() {
            self.test_history.record(epoch, loss);
        }
    }
}
