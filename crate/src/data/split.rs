//! Which rows of a dataset shipped whole (the digits, the real tables) are
//! held out for testing: every fourth. Uses nothing.

/// Whether row `i` of a dataset shipped whole (the digits, the real tables)
/// is held out for testing: every fourth, so that the quarter comes from
/// every part of the file (for the digits, from every writer's hand).
pub fn every_fourth(i: usize) -> bool {
    i % 4 == 3
}

/// The rows of `rows` held out by `every_fourth` (`test`), or the others.
pub fn quarter<T: Clone>(rows: &[T], test: bool) -> Vec<T> {
    let chosen = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| every_fourth(*i) == test);
    chosen.map(|(_, r)| r.clone()).collect()
}
