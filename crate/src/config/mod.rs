//! Room `config`: a run's settings. The schema (JSON in, a validated
//! `Config` out, and back; `fields` reads each field) and the named configs
//! (presets), with the one list of their names. Uses `limits`, `math`, `nn` and `data`.

mod fields;
pub mod presets;
pub mod schema;

pub use schema::*;
