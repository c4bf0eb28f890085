//! Room `math`: the numbers underneath. The generator (NumPy's MT19937),
//! exp and tanh with the same bits on every target, and the one matrix
//! product over the engine's flat buffers. Uses no other room.

pub mod fastmath;
pub mod kernel;
pub mod rng;
