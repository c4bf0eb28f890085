//! Snapshots of the trainer at epoch ends, for time travel: restoring one
//! and training on gives the numbers of the original run. At most a fixed
//! number of bytes is kept: when full, every other snapshot is dropped and
//! they are taken half as often (like the loss history), so they stay evenly
//! spread over the run however long it is.

use crate::optimizer::OptimizerState;

/// The memory the snapshots of one trainer may take.
pub const BUDGET_BYTES: usize = 16 << 20;
/// At most this many, however small the network.
pub const MAX_COUNT: usize = 256;

/// Everything that decides the iterations after an epoch's end.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub epoch: u64,
    pub iteration: u64,
    pub params: Vec<f64>,
    pub state: OptimizerState,
}

impl Snapshot {
    fn bytes(&self) -> usize {
        8 * (self.params.len() + self.state.first.len() + self.state.second.len())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Snapshots {
    /// A snapshot is taken at every `stride`-th epoch.
    stride: u64,
    list: Vec<Snapshot>,
}

impl Default for Snapshots {
    fn default() -> Self {
        Snapshots {
            stride: 1,
            list: Vec::new(),
        }
    }
}

impl Snapshots {
    pub fn clear(&mut self) {
        self.stride = 1;
        self.list.clear();
    }

    /// Whether a snapshot of this epoch would be kept.
    pub fn wants(&self, epoch: u64) -> bool {
        epoch % self.stride == 0 && self.list.last().map_or(true, |s| s.epoch < epoch)
    }

    pub fn push(&mut self, snapshot: Snapshot) {
        if !self.wants(snapshot.epoch) {
            return;
        }
        let capacity = (BUDGET_BYTES / snapshot.bytes().max(1)).clamp(2, MAX_COUNT);
        while self.list.len() >= capacity {
            self.stride *= 2;
            let stride = self.stride;
            self.list.retain(|s| s.epoch % stride == 0);
            if snapshot.epoch % stride != 0 {
                return;
            }
        }
        self.list.push(snapshot);
    }

    /// The latest snapshot at or before `epoch`.
    pub fn at_or_before(&self, epoch: u64) -> Option<&Snapshot> {
        self.list.iter().rev().find(|s| s.epoch <= epoch)
    }

    /// Forgets the snapshots after `epoch` (a restored run may go elsewhere).
    pub fn truncate_after(&mut self, epoch: u64) {
        self.list.retain(|s| s.epoch <= epoch);
    }

    pub fn epochs(&self) -> impl Iterator<Item = u64> + '_ {
        self.list.iter().map(|s| s.epoch)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Time travel: the trainer keeps snapshots and goes back to them.
impl crate::trainer::Trainer {
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
        self.snapshots.as_ref().map_or_else(Vec::new, |s| {
            s.list.iter().map(|s| s.params.as_slice()).collect()
        })
    }

    /// The epochs that `restore` can return to.
    pub fn snapshot_epochs(&self) -> Vec<u64> {
        self.snapshots
            .as_ref()
            .map_or_else(Vec::new, |s| s.epochs().collect())
    }

    /// Goes back to the latest snapshot at or before `epoch`: its weights,
    /// optimizer state and counters, the history up to it, and no divergence.
    /// Training on from there repeats the original run's numbers (unless the
    /// optimizer's kind changed since, when its state starts afresh).
    /// Returns the epoch restored, or None without snapshots.
    pub fn restore(&mut self, epoch: u64) -> Option<u64> {
        let snapshot = self.snapshots.as_ref()?.at_or_before(epoch)?.clone();
        self.network.params_mut().copy_from_slice(&snapshot.params);
        let fresh = crate::optimizer::OptimizerState::new(&self.config.optimizer, self.grads.len());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(epoch: u64, params: usize) -> Snapshot {
        Snapshot {
            epoch,
            iteration: epoch,
            params: vec![epoch as f64; params],
            state: OptimizerState {
                steps: 0,
                first: vec![],
                second: vec![],
            },
        }
    }

    #[test]
    fn stays_within_its_count_and_evenly_spread() {
        let mut s = Snapshots::default();
        for epoch in 0..100_000 {
            if s.wants(epoch) {
                s.push(snapshot(epoch, 9));
            }
        }
        assert!(s.len() <= MAX_COUNT && s.len() > MAX_COUNT / 2 - 1);
        let epochs: Vec<u64> = s.epochs().collect();
        assert_eq!(epochs[0], 0);
        let gap = epochs[1] - epochs[0];
        assert!(epochs.windows(2).all(|w| w[1] - w[0] == gap));
        assert_eq!(s.at_or_before(gap + 1).unwrap().epoch, gap);
    }

    #[test]
    fn a_large_network_keeps_fewer_within_the_byte_budget() {
        let mut s = Snapshots::default();
        let params = BUDGET_BYTES / 8 / 10;
        for epoch in 0..1000 {
            s.push(snapshot(epoch, params));
        }
        let bytes: usize = s.list.iter().map(Snapshot::bytes).sum();
        assert!(bytes <= BUDGET_BYTES, "{bytes}");
        assert!(s.len() >= 5);
    }

    #[test]
    fn truncating_forgets_later_epochs() {
        let mut s = Snapshots::default();
        for epoch in 0..10 {
            s.push(snapshot(epoch, 1));
        }
        s.truncate_after(4);
        assert_eq!(s.epochs().collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        assert!(!s.wants(3) && s.wants(5));
    }
}
