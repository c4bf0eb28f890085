//! Backprop Lab's engine: small feedforward networks trained exactly as
//! docs/numerics.md says, with every number of backpropagation within reach.
//!
//! The rooms, each using only those above it in this list (a test,
//! `tests/rooms.rs`, fails on an upward import or a cycle):
//! `words`, `limits`, `math`, `nn`, `data`, `config`, `train`, `inspect`, `check`, `export`,
//! and `wasm`, the engine's face to JavaScript.

pub mod words;

pub mod limits;

pub mod math;

pub mod nn;

pub mod data;

pub mod config;

pub mod train;

pub mod inspect;

pub mod check;

pub mod export;

#[cfg(feature = "lab")]
pub mod wasm;

pub use config::presets::preset;
pub use config::{Config, ConfigError, Update};
pub use data::dataset::Dataset;
pub use nn::activation::Activation;
pub use nn::loss::Loss;
pub use nn::network::{Init, Network};
pub use nn::optimizer::Optimizer;
pub use train::trace::Trace;
pub use train::trainer::{Run, TrainError, Trainer};
