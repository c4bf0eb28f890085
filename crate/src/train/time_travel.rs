//! Time travel: the trainer keeps snapshots at epoch ends (snapshots.rs)
//! and goes back to them, with its weights, optimizer state, counters and
//! history as they were, so that training on repeats the original run.

use crate::nn::optimizer::OptimizerState;
use crate::train::snapshots::{Snapshot, Snapshots};
use crate::train::trainer::Trainer;

impl Trainer {
    /// Keeps snapshots at epoch ends from now on (for `restore`), starting
    /// with one of the present state when it is at an epoch's end.
    pub fn keep_snapshots(&mut self) {
        if self.snapshots.is_none() {
            self.snapshots = Some(Snapshots::default());
            self.take_snapshot();
        }
    }

    pub(crate) fn take_snapshot(&mut self) {
        let Some(snapshots) = &mut self.snapshots else {
            return;
        };
        if self.iteration % self.iterations_per_epoch != 0 {
            return;
        }
        let epoch = self.iteration / self.iterations_per_epoch;
        if snapshots.wants(epoch) {
            snapshots.push(Snapshot {
                epoch,
                iteration: self.iteration,
                params: self.network.params().to_vec(),
                state: self.state.clone(),
            });
        }
    }

    /// The weights of the kept snapshots, oldest first (the run's path).
    pub fn snapshot_params(&self) -> Vec<&[f64]> {
        self.snapshots
            .as_ref()
            .map_or_else(Vec::new, |s| s.params().collect())
    }

    /// The epochs that `restore` can return to.
    pub fn snapshot_epochs(&self) -> Vec<u64> {
        self.snapshots
            .as_ref()
            .map_or_else(Vec::new, |s| s.epochs().collect())
    }

    /// `restore` for an epoch as the page gives it (any number); the error
    /// says why nothing changed.
    pub fn restore_at(&mut self, epoch: f64) -> Result<u64, String> {
        if epoch.is_nan() || epoch < 0.0 {
            return Err("expected an epoch of 0 or more".into());
        }
        let restored = self.restore(epoch as u64);
        restored.ok_or_else(|| "no snapshot of that epoch is kept".into())
    }

    /// Goes back to the latest snapshot at or before `epoch`: its weights,
    /// optimizer state and counters, the history up to it, and no divergence.
    /// Training on from there repeats the original run's numbers (unless the
    /// optimizer's kind changed since, when its state starts afresh).
    /// Returns the epoch restored, or None without snapshots.
    pub fn restore(&mut self, epoch: u64) -> Option<u64> {
        let snapshot = self.snapshots.as_ref()?.at_or_before(epoch)?.clone();
        self.network.params_mut().copy_from_slice(&snapshot.params);
        let fresh = OptimizerState::new(&self.config.optimizer, self.grads.len());
        let fits = fresh.first.len() == snapshot.state.first.len()
            && fresh.second.len() == snapshot.state.second.len();
        self.state = if fits { snapshot.state } else { fresh };
        self.iteration = snapshot.iteration;
        self.epoch_sum = 0.0;
        self.weights_changed();
        self.diverged = None;
        self.history.truncate_after(snapshot.epoch);
        self.test_history.truncate_after(snapshot.epoch);
        if let Some(snapshots) = &mut self.snapshots {
            snapshots.truncate_after(snapshot.epoch);
        }
        Some(snapshot.epoch)
    }
}
