//! The loss history: one point per epoch, at most `CAPACITY` points (what a
//! point is, the trainer says: `Trainer::step`). When it
//! fills, every other point is dropped and points are taken half as often, so
//! memory stays bounded however long training runs and the points stay evenly
//! spaced.

pub const CAPACITY: usize = 10_000;

#[derive(Clone, Debug, PartialEq)]
pub struct LossHistory {
    /// A point is kept for every `stride`-th epoch.
    stride: u64,
    epochs: Vec<f64>,
    losses: Vec<f64>,
}

impl Default for LossHistory {
    fn default() -> Self {
        LossHistory {
            stride: 1,
            epochs: Vec::with_capacity(CAPACITY),
            losses: Vec::with_capacity(CAPACITY),
        }
    }
}

impl LossHistory {
    pub fn clear(&mut self) {
        self.stride = 1;
        self.epochs.clear();
        self.losses.clear();
    }

    /// Whether the point of this epoch would be kept.
    pub fn wants(&self, epoch: u64) -> bool {
        epoch % self.stride == 0
    }

    pub fn record(&mut self, epoch: u64, loss: f64) {
        if !self.wants(epoch) {
            return;
        }
        if self.epochs.len() == CAPACITY {
            self.thin();
        }
        self.epochs.push(epoch as f64);
        self.losses.push(loss);
    }

    /// Forgets the points after `epoch` (time travel went back to it).
    pub fn truncate_after(&mut self, epoch: u64) {
        let kept = self
            .epochs
            .iter()
            .take_while(|&&e| e <= epoch as f64)
            .count();
        self.epochs.truncate(kept);
        self.losses.truncate(kept);
    }

    fn thin(&mut self) {
        for i in 0..self.epochs.len() / 2 {
            self.epochs[i] = self.epochs[2 * i];
            self.losses[i] = self.losses[2 * i];
        }
        let kept = self.epochs.len().div_ceil(2);
        self.epochs.truncate(kept);
        self.losses.truncate(kept);
        self.stride *= 2;
    }

    /// The epoch of each point (as f64, ready for a chart).
    pub fn epochs(&self) -> &[f64] {
        &self.epochs
    }

    pub fn losses(&self) -> &[f64] {
        &self.losses
    }

    /// The epochs, then their losses, in one list (what the page's `Lab.history` hands over).
    pub fn epochs_then_losses(&self) -> Vec<f64> {
        [self.epochs(), self.losses()].concat()
    }

    pub fn len(&self) -> usize {
        self.epochs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.epochs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_point_until_full_then_thins_evenly() {
        let mut h = LossHistory::default();
        for epoch in 0..CAPACITY as u64 {
            h.record(epoch, epoch as f64);
        }
        assert_eq!(h.len(), CAPACITY);
        assert_eq!(h.epochs()[CAPACITY - 1], (CAPACITY - 1) as f64);
        for epoch in CAPACITY as u64..3_000_000 {
            h.record(epoch, epoch as f64);
        }
        assert!(h.len() <= CAPACITY && h.len() > CAPACITY / 2);
        let gaps: Vec<f64> = h.epochs().windows(2).map(|w| w[1] - w[0]).collect();
        assert!(gaps.iter().all(|&g| g == gaps[0]), "uneven spacing");
        assert_eq!(h.epochs()[0], 0.0);
        assert_eq!(h.epochs(), h.losses());
        assert!(h.epochs()[h.len() - 1] > 2_999_000.0 - gaps[0]);
    }
}
