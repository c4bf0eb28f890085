//! The engine's limits on what a config may ask for, in one place: the
//! config's reader, the data's readers (CSV, JSON rows) and the page (through
//! `Lab.limits`) all take them from here. Past one, the error names it.
//! Uses nothing.

/// Weight layers of a network (hidden layers + 1).
pub const MAX_WEIGHT_LAYERS: usize = 12;
/// Neurons in one layer.
pub const MAX_NEURONS: usize = 64;
/// Input columns: an 8 × 8 picture (the digits).
pub const MAX_INPUTS: usize = 64;
/// Output columns: the digits' ten classes.
pub const MAX_OUTPUTS: usize = 10;
/// Rows of data, from any source.
pub const MAX_ROWS: usize = 10_000;
