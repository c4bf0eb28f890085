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

// The page's budgets for work that is one call into the engine and so cannot
// be cut into slices: none may hold the tab for much more than 100 ms on a
// slow machine (README, "Reliability": about 5·10⁸ row·parameters a second of
// training and 10⁶ numbers a second of trace on a 2-core machine). The page's
// `Lab` refuses past them, before the work starts; the command line has none.

/// Rows × parameters: an epoch of full-batch training, or the loss over all rows.
pub const PAGE_WORK: f64 = 20_000_000.0;
/// Parameters² × the update's rows: the gradient check's two passes per parameter.
pub const PAGE_GRADIENT_CHECK: f64 = 20_000_000.0;
/// Numbers in one iteration's trace (every z, a, δ, f', Σwδ and parameter).
pub const PAGE_TRACE_NUMBERS: usize = 150_000;
