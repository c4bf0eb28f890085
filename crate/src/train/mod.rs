//! Room `train`: a run over time. The `Trainer` (step, epoch, run, reset,
//! tuning), its loss history, snapshots and time travel, the rows held out
//! for testing, metrics (accuracy, R², the confusion matrix), the trace of
//! one iteration, the gradient check, and saved runs. Uses every room below:
//! `limits`, `math`, `nn`, `data`, `config`.

pub mod gradient_check;
pub mod held_out;
pub mod history;
pub mod metrics;
pub mod saved;
pub mod snapshots;
pub mod time_travel;
pub mod trace;
pub mod trainer;
