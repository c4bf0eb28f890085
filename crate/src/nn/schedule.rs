//! Which rows each iteration uses (docs/numerics.md, "One iteration"): the
//! update mode's schedule of rows, epochs and iterations.

/// Which rows each iteration uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Update {
    /// All rows every iteration.
    Batch,
    /// Row t mod N at iteration t.
    Online,
    /// Consecutive chunks of `size` rows, cycling (the last may be shorter).
    Minibatch { size: usize },
}

impl Update {
    pub fn mode(self) -> &'static str {
        match self {
            Update::Batch => "batch",
            Update::Online => "online",
            Update::Minibatch { .. } => "minibatch",
        }
    }

    /// The most rows one iteration uses, out of `rows`.
    pub fn block(self, rows: usize) -> usize {
        match self {
            Update::Batch => rows,
            Update::Online => 1,
            Update::Minibatch { size } => size.min(rows),
        }
    }

    /// Iterations in one pass over all rows.
    pub fn iterations_per_epoch(self, rows: usize) -> u64 {
        rows.div_ceil(self.block(rows)) as u64
    }

    /// The rows iteration t (counted from 0) uses.
    pub fn rows(self, iteration: u64, rows: usize) -> std::ops::Range<usize> {
        let block = self.block(rows);
        let chunk = (iteration % self.iterations_per_epoch(rows)) as usize;
        let start = chunk * block;
        start..(start + block).min(rows)
    }
}
