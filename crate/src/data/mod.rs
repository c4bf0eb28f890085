//! Room `data`: what comes in, read and checked. The one JSON reader (its
//! errors name a JSON path), rows of inputs and targets, which rows are held
//! out, CSV files, Boolean expressions, 2-D point sets, the digits and the
//! real tables. Uses `limits`, `math` and `nn` (a softmax output's targets
//! must be distributions).

pub mod csv;
pub mod dataset;
pub mod digits;
pub mod expression;
pub mod features;
pub mod json;
pub mod points;
pub mod split;
pub mod tables;
