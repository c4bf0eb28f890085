//! Snapshots of the trainer at epoch ends, for time travel (time_travel.rs):
//! restoring one and training on gives the numbers of the original run. At most a fixed
//! number of bytes is kept: when full, every other snapshot is dropped and
//! they are taken half as often (like the loss history), so they stay evenly
//! spread over the run however long it is.

use crate::nn::optimizer::OptimizerState;

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

    /// The kept weights, oldest first.
    pub fn params(&self) -> impl Iterator<Item = &[f64]> + '_ {
        self.list.iter().map(|s| s.params.as_slice())
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
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
