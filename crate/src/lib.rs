//! Backprop Lab's engine: small feedforward networks trained exactly as
//! docs/numerics.md says, with every number of backpropagation within reach.

pub mod activation;
pub mod boundary;
pub mod config;
pub mod csv;
pub mod dataset;
pub mod digits;
pub mod divergence;
pub mod export;
pub mod expression;
pub mod fastmath;
pub mod gradient_check;
pub mod health;
pub mod held_out;
pub mod history;
pub mod json;
pub mod kernel;
pub mod landscape;
pub mod loss;
pub mod lr_finder;
pub mod metrics;
pub mod network;
pub mod optimizer;
pub mod points;
pub mod presets;
pub mod rng;
pub mod saved;
pub mod schedule;
pub mod snapshots;
pub mod tables;
pub mod trace;
pub mod trainer;
pub mod wasm;

pub use activation::Activation;
pub use config::{Config, ConfigError, Update};
pub use dataset::Dataset;
pub use loss::Loss;
pub use network::{Init, Network};
pub use optimizer::Optimizer;
pub use presets::preset;
pub use trace::Trace;
pub use trainer::{Run, TrainError, Trainer};
