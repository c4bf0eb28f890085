//! Room `inspect`: why a run (does not) learn, computed on a trainer without
//! changing it. Gradient health, the learning-rate finder, the loss
//! landscape, where a diverged run broke, the decision boundary over the
//! plane, a neuron's activation curve, and what the page reads (`readout`: a row's values, the
//! predictions, the confusion matrices; `facts`: limits, defaults, layout). Uses `train` and the rooms below it.

pub mod boundary;
pub mod curve;
pub mod divergence;
pub mod facts;
pub mod health;
pub mod landscape;
pub mod lr_finder;
pub mod readout;
