//! Room `inspect`: why a run (does not) learn, computed on a trainer without
//! changing it. Gradient health, the learning-rate finder, the loss
//! landscape, where a diverged run broke, and the decision boundary over
//! the plane. Uses `train` and the rooms below it.

pub mod boundary;
pub mod divergence;
pub mod health;
pub mod landscape;
pub mod lr_finder;
