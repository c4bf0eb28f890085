//! The random generator: MT19937 seeded and drawn exactly as NumPy's legacy
//! `numpy.random.seed(seed)` and `numpy.random.random_sample`, so that a seed
//! gives the same initial weights here as in the seed programs.

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The seed of a run whose config names none.
pub const DEFAULT_SEED: u32 = 1;

/// Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998).
#[derive(Clone)]
pub struct Mt19937 {
    state: [u32; N],
    index: usize,
}

impl Mt19937 {
    /// `init_genrand`: what NumPy's legacy seeding does with an integer seed.
    pub fn new(seed: u32) -> Self {
        let mut state = [0u32; N];
        state[0] = seed;
        for i in 1..N {
            let prev = state[i - 1];
            state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        Mt19937 { state, index: N }
    }

    fn twist(&mut self) {
        for i in 0..N {
            let y = (self.state[i] & UPPER_MASK) | (self.state[(i + 1) % N] & LOWER_MASK);
            let mag = if y & 1 == 0 { 0 } else { MATRIX_A };
            self.state[i] = self.state[(i + M) % N] ^ (y >> 1) ^ mag;
        }
        self.index = 0;
    }

    /// `genrand_int32`: the next tempered 32-bit output.
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// NumPy's `random_sample`: a double in [0, 1) with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }
}

/// A seed nobody chose: from the platform's generator (the browser's crypto
/// in wasm, the operating system natively). Printed or shown wherever it is
/// used, so that the run it starts can be made again.
pub fn fresh_seed() -> Result<u32, String> {
    getrandom::u32().map_err(|e| format!("no random seed could be drawn: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_draws_match_numpy_seed_1() {
        let mut rng = Mt19937::new(1);
        assert_eq!(rng.next_f64(), 0.417022004702574);
        assert_eq!(rng.next_f64(), 0.7203244934421581);
    }

    #[test]
    fn reference_output_of_the_original_mt19937() {
        // init_genrand(5489) is the reference implementation's default seed;
        // its first output is 3499211612 (mt19937ar.c, and C++ std::mt19937).
        let mut rng = Mt19937::new(5489);
        assert_eq!(rng.next_u32(), 3_499_211_612);
        // The 10,000th output of std::mt19937 is fixed by the C++ standard.
        let mut rng = Mt19937::new(5489);
        let last = (0..10_000).map(|_| rng.next_u32()).last();
        assert_eq!(last, Some(4_123_659_995));
    }
}
