//! A faster exp and tanh, written in plain Rust so that native and wasm
//! builds give the same bits, each within 1 ulp of libm's (tests below).
//!
//! exp: libm's (the old musl algorithm) takes a division and a scalbn call;
//! here a 64-entry table of 2^(j/64) with its low parts and a degree-6
//! polynomial (checked on a million inputs).
//!
//! tanh: libm's goes through expm1 for every argument. For |x| ≥ 0.8 this
//! uses tanh x = 1 − 2/(e^{2|x|} + 1), where an error in e^{2|x|} reaches the
//! result damped by 2/(e^{2|x|} + 1) ≤ 0.34, so a shorter exp kernel (no low
//! parts, degree 5) is precise enough (checked on a million inputs over the
//! range and 20 million just above 0.8; below 0.75 it would stray to 2 ulp).
//! Below 0.8 it is libm's own algorithm (musl's, through expm1), copied so
//! that it inlines and gives libm's bits: a more accurate polynomial would be
//! faster, but libm's tanh is off by up to 2 ulp around 0.1–0.25, so it would
//! differ from libm's by 2 ulp there.

/// 2^(j/64), correctly rounded (computed with 60-digit decimals).
const POW2: [u64; 64] = [
    0x3ff0000000000000,
    0x3ff02c9a3e778061,
    0x3ff059b0d3158574,
    0x3ff0874518759bc8,
    0x3ff0b5586cf9890f,
    0x3ff0e3ec32d3d1a2,
    0x3ff11301d0125b51,
    0x3ff1429aaea92de0,
    0x3ff172b83c7d517b,
    0x3ff1a35beb6fcb75,
    0x3ff1d4873168b9aa,
    0x3ff2063b88628cd6,
    0x3ff2387a6e756238,
    0x3ff26b4565e27cdd,
    0x3ff29e9df51fdee1,
    0x3ff2d285a6e4030b,
    0x3ff306fe0a31b715,
    0x3ff33c08b26416ff,
    0x3ff371a7373aa9cb,
    0x3ff3a7db34e59ff7,
    0x3ff3dea64c123422,
    0x3ff4160a21f72e2a,
    0x3ff44e086061892d,
    0x3ff486a2b5c13cd0,
    0x3ff4bfdad5362a27,
    0x3ff4f9b2769d2ca7,
    0x3ff5342b569d4f82,
    0x3ff56f4736b527da,
    0x3ff5ab07dd485429,
    0x3ff5e76f15ad2148,
    0x3ff6247eb03a5585,
    0x3ff6623882552225,
    0x3ff6a09e667f3bcd,
    0x3ff6dfb23c651a2f,
    0x3ff71f75e8ec5f74,
    0x3ff75feb564267c9,
    0x3ff7a11473eb0187,
    0x3ff7e2f336cf4e62,
    0x3ff82589994cce13,
    0x3ff868d99b4492ed,
    0x3ff8ace5422aa0db,
    0x3ff8f1ae99157736,
    0x3ff93737b0cdc5e5,
    0x3ff97d829fde4e50,
    0x3ff9c49182a3f090,
    0x3ffa0c667b5de565,
    0x3ffa5503b23e255d,
    0x3ffa9e6b5579fdbf,
    0x3ffae89f995ad3ad,
    0x3ffb33a2b84f15fb,
    0x3ffb7f76f2fb5e47,
    0x3ffbcc1e904bc1d2,
    0x3ffc199bdd85529c,
    0x3ffc67f12e57d14b,
    0x3ffcb720dcef9069,
    0x3ffd072d4a07897c,
    0x3ffd5818dcfba487,
    0x3ffda9e603db3285,
    0x3ffdfc97337b9b5f,
    0x3ffe502ee78b3ff6,
    0x3ffea4afa2a490da,
    0x3ffefa1bee615a27,
    0x3fff50765b6e4540,
    0x3fffa7c1819e90d8,
];
/// 2^(j/64) − POW2[j]: the rounding error of each entry, for a precise exp.
const POW2_LO: [u64; 64] = [
    0x0000000000000000,
    0xbc719083535b085d,
    0x3c8d73e2a475b465,
    0x3c6186be4bb284ff,
    0x3c98a62e4adc610b,
    0x3c403a1727c57b53,
    0xbc96c51039449b3a,
    0xbc932fbf9af1369e,
    0xbc819041b9d78a76,
    0x3c8e5b4c7b4968e4,
    0x3c9e016e00a2643c,
    0x3c8dc775814a8495,
    0x3c99b07eb6c70573,
    0x3c82bd339940e9d9,
    0x3c8612e8afad1255,
    0x3c90024754db41d5,
    0x3c86f46ad23182e4,
    0x3c932721843659a6,
    0xbc963aeabf42eae2,
    0xbc75e436d661f5e3,
    0x3c8ada0911f09ebc,
    0xbc5ef3691c309278,
    0x3c489b7a04ef80d0,
    0x3c73c1a3b69062f0,
    0x3c7d4397afec42e2,
    0xbc94b309d25957e3,
    0xbc807abe1db13cad,
    0x3c99bb2c011d93ad,
    0x3c96324c054647ad,
    0x3c9ba6f93080e65e,
    0xbc9383c17e40b497,
    0xbc9bb60987591c34,
    0xbc9bdd3413b26456,
    0xbc6bbe3a683c88ab,
    0xbc816e4786887a99,
    0xbc90245957316dd3,
    0xbc841577ee04992f,
    0x3c705d02ba15797e,
    0xbc9d4c1dd41532d8,
    0xbc9fc6f89bd4f6ba,
    0x3c96e9f156864b27,
    0x3c85cc13a2e3976c,
    0xbc675fc781b57ebc,
    0xbc9d185b7c1b85d1,
    0x3c7c7c46b071f2be,
    0xbc9359495d1cd533,
    0xbc9d2f6edb8d41e1,
    0x3c90fac90ef7fd31,
    0x3c97a1cd345dcc81,
    0xbc62805e3084d708,
    0xbc75584f7e54ac3b,
    0x3c823dd07a2d9e84,
    0x3c811065895048dd,
    0x3c92884dff483cad,
    0x3c7503cbd1e949db,
    0xbc9cbc3743797a9c,
    0x3c82ed02d75b3707,
    0x3c9c2300696db532,
    0xbc91a5cd4f184b5c,
    0x3c839e8980a9cc8f,
    0xbc9e9c23179c2893,
    0x3c9dc7f486a4b6b0,
    0x3c99d3e12dd8a18b,
    0x3c874853f3a5931e,
];
/// 64/ln 2, and ln 2/64 split so that n·HI is exact for the n used here.
const INV_LN2_64: f64 = 92.33248261689366;
const LN2_64_HI: f64 = 0.010830424696905538;
const LN2_64_LO: f64 = -6.563929801064195e-13;
/// Adding and subtracting this rounds to an integer (ties to even), the
/// same on every target.
const ROUNDER: f64 = 6755399441055744.0; // 1.5 · 2^52

/// e^y for 0 ≤ y ≤ 46, to about 1.5 ulp.
fn exp_kernel(y: f64) -> f64 {
    let n = (y * INV_LN2_64 + ROUNDER) - ROUNDER;
    let r = (y - n * LN2_64_HI) - n * LN2_64_LO;
    let k = n as i64;
    let t = f64::from_bits(POW2[(k & 63) as usize]);
    // e^r − 1 for |r| ≤ ln 2/128, Taylor to r⁵ (the next term is below 2^-57).
    let p = r + r * r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0))));
    let v = t + t * p;
    f64::from_bits(v.to_bits() + (((k >> 6) as u64) << 52))
}

/// e^x, within 1 ulp of `libm::exp` (whose old algorithm costs a division
/// and a scalbn call): the same reduction as `exp_kernel`, a degree-6
/// polynomial and the table's low parts. Outside [-708, 709], where results
/// overflow or go subnormal, it is libm's.
pub fn exp(x: f64) -> f64 {
    if !(-708.0..=709.0).contains(&x) {
        return libm::exp(x);
    }
    let n = (x * INV_LN2_64 + ROUNDER) - ROUNDER;
    let r = (x - n * LN2_64_HI) - n * LN2_64_LO;
    let k = n as i64;
    let j = (k & 63) as usize;
    let (hi, lo) = (f64::from_bits(POW2[j]), f64::from_bits(POW2_LO[j]));
    let p = r + r
        * r
        * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0)))));
    let v = hi + (lo + hi * p);
    // 2^(k/64) scales by adding k div 64 to the exponent (a normal result here).
    f64::from_bits(v.to_bits().wrapping_add(((k >> 6) as u64) << 52))
}

/// tanh, within 1 ulp of `libm::tanh` (the same bits below 0.8).
#[inline(always)]
pub fn tanh(x: f64) -> f64 {
    let a = x.abs();
    if a < 0.8 {
        return libm_tanh_below(a).copysign(x);
    }
    if a > 22.0 || a.is_nan() {
        // 1 − tanh(22) < 2^-62: the result rounds to ±1.
        return if a.is_nan() { x } else { 1.0f64.copysign(x) };
    }
    let e = exp_kernel(2.0 * a);
    (1.0 - 2.0 / (e + 1.0)).copysign(x)
}

/// The high 32 bits of |x|, which musl's range tests compare.
fn high_word(x: f64) -> u32 {
    (x.to_bits() >> 32) as u32 & 0x7fff_ffff
}

/// `libm::tanh(a)` for 0 ≤ a < 0.8: musl's operations in musl's order (its
/// tanh through its expm1), so the same bits. musl branches on the range of
/// a and on the reduction's k; here every case is computed and the right one
/// selected, which runs without mispredicted branches and inlines.
// musl's constants are written as musl writes them.
#[allow(clippy::excessive_precision)]
#[inline(always)]
fn libm_tanh_below(a: f64) -> f64 {
    const LN2_HI: f64 = 6.93147180369123816490e-01;
    const LN2_LO: f64 = 1.90821492927058770002e-10;
    const Q1: f64 = -3.33333333333331316428e-02;
    const Q2: f64 = 1.58730158725481460165e-03;
    const Q3: f64 = -7.93650757867487942473e-05;
    const Q4: f64 = 4.00821782732936239552e-06;
    const Q5: f64 = -2.01099218183624371326e-07;
    let w = high_word(a);
    if w < 0x3e30_0000 {
        // a < 2^-28: tanh a rounds to a (musl's tiny cases, rarely met).
        return libm::tanh(a);
    }
    // tanh a = 1 − 2/(t + 2) above ln 3 / 2, t/(t + 2) above ln(5/3) / 2,
    // −t'/(t' + 2) below, with t = expm1(2a), t' = expm1(−2a).
    let above_ln3 = w > 0x3fe193ea;
    let small = w <= 0x3fd058ae;
    let y = pick(small, -2.0, 2.0) * a;

    // expm1(y), |y| < 1.6: y = k·ln 2 + x + c with k in {−1, 0, 1, 2}.
    let hy = high_word(y);
    let k: i32 = if hy <= 0x3fd62e42 {
        0
    } else if hy < 0x3ff0a2b2 {
        if small {
            -1
        } else {
            1
        }
    } else {
        2
    };
    let kf = f64::from(k);
    let hi = y - kf * LN2_HI;
    let lo = kf * LN2_LO;
    let x = hi - lo;
    let c = (hi - x) - lo;
    let hfx = 0.5 * x;
    let hxs = x * hfx;
    let r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
    let t = 3.0 - r1 * hfx;
    let e = hxs * ((r1 - t) / (6.0 - x * t));
    let e_k = x * (e - c) - c - hxs;
    // musl's result for each k, picked without a branch (the k of
    // consecutive arguments is unpredictable). For k = 1, x ≥ −0.19 here, so
    // musl's x < −0.25 case is never met.
    let t = pick(
        k <= 0,
        pick(k < 0, 0.5 * (x - e_k) - 0.5, x - (x * e - hxs)),
        pick(k == 1, 1.0 + 2.0 * (x - e_k), (x - e_k + 0.75) * 4.0),
    );

    let n = pick(above_ln3, 2.0, pick(small, -t, t));
    let q = n / (t + 2.0);
    pick(above_ln3, 1.0 - q, q)
}

/// `if c { a } else { b }` on the bits: wasm engines turn a float select
/// into a branch, an integer one into a conditional move.
#[inline(always)]
fn pick(c: bool, a: f64, b: f64) -> f64 {
    let mask = u64::from(c).wrapping_neg();
    f64::from_bits((a.to_bits() & mask) | (b.to_bits() & !mask))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::rng::Mt19937;

    fn ulps(a: f64, b: f64) -> u64 {
        (a.to_bits() as i64).abs_diff(b.to_bits() as i64)
    }

    #[test]
    fn within_one_ulp_of_libm_on_a_million_inputs() {
        let mut rng = Mt19937::new(7);
        let mut worst = 0;
        for i in 0..1_000_000 {
            let u = rng.next_f64();
            // Half uniform over [-25, 25], half spread over magnitudes 1e-9 … 25.
            let x = if i % 2 == 0 {
                50.0 * u - 25.0
            } else {
                let sign = if rng.next_u32() & 1 == 0 { 1.0 } else { -1.0 };
                sign * 25.0 * libm::pow(10.0, -9.5 * rng.next_f64())
            };
            let d = ulps(tanh(x), libm::tanh(x));
            assert!(d <= 1, "tanh({x:e}): {} vs libm {}", tanh(x), libm::tanh(x));
            worst = worst.max(d);
        }
        assert!(worst <= 1);
    }

    #[test]
    fn libms_bits_below_the_threshold() {
        let mut rng = Mt19937::new(13);
        for i in 0..1_000_000 {
            // Uniform over [0, 0.8), and spread over magnitudes 1e-12 … 0.8.
            let a = if i % 2 == 0 {
                0.8 * rng.next_f64()
            } else {
                0.8 * libm::pow(10.0, -12.0 * rng.next_f64())
            };
            for x in [a, -a] {
                assert_eq!(tanh(x).to_bits(), libm::tanh(x).to_bits(), "tanh({x:e})");
            }
        }
        for x in [
            1e-300,
            5e-324,
            2.2250738585072014e-308,
            0.2554128118829953,
            0.5493061443340549,
        ] {
            assert_eq!(tanh(x).to_bits(), libm::tanh(x).to_bits(), "tanh({x:e})");
        }
    }

    #[test]
    fn within_one_ulp_just_above_the_threshold() {
        let mut rng = Mt19937::new(11);
        for _ in 0..300_000 {
            let x = 0.8 + 0.1 * rng.next_f64();
            assert!(ulps(tanh(x), libm::tanh(x)) <= 1, "tanh({x})");
        }
    }

    #[test]
    fn the_ends_and_special_values() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            22.0,
            22.000001,
            700.0,
            -1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert!(ulps(tanh(x), libm::tanh(x)) <= 1, "{x}");
            assert_eq!(tanh(x).is_sign_negative(), x.is_sign_negative(), "{x}");
        }
        assert!(tanh(f64::NAN).is_nan());
    }

    #[test]
    fn exp_within_one_ulp_of_libm_on_a_million_inputs() {
        let mut rng = Mt19937::new(5);
        for i in 0..1_000_000 {
            let u = rng.next_f64();
            // Half over the whole range, half over the arguments a sigmoid meets.
            let x = if i % 2 == 0 {
                1460.0 * u - 750.0
            } else {
                80.0 * u - 40.0
            };
            assert!(
                ulps(exp(x), libm::exp(x)) <= 1,
                "exp({x}): {} vs libm {}",
                exp(x),
                libm::exp(x)
            );
        }
        for x in [
            0.0,
            -0.0,
            1.0,
            -708.0,
            709.0,
            709.5,
            -745.5,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert!(ulps(exp(x), libm::exp(x)) <= 1, "{x}");
        }
        assert!(exp(f64::NAN).is_nan());
    }

    #[test]
    fn the_exp_kernel_is_close_to_exp() {
        let mut rng = Mt19937::new(3);
        for _ in 0..100_000 {
            let y = 46.0 * rng.next_f64();
            assert!(ulps(exp_kernel(y), libm::exp(y)) <= 2, "{y}");
        }
    }
}
