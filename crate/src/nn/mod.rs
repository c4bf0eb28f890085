//! Room `nn`: the network and what one iteration's arithmetic is made of.
//! Activations, losses, optimizers, the weight penalties, the rows each iteration uses, and the
//! layers with their forward and backward passes (docs/numerics.md, "One
//! iteration"). Uses `math`.

pub mod activation;
pub mod loss;
pub mod network;
pub mod optimizer;
pub mod penalty;
pub mod schedule;
