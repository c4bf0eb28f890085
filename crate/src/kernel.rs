//! The one matrix product of the engine. Each element is summed from +0 in
//! index order, so native and wasm builds give the same bits; the columns go
//! four at a time with their sums held in registers, which is what makes the
//! small products of these networks fast (and lets wasm use SIMD128).

/// How to read the left factor A (rows × k) from a flat slice:
/// A[r][i] = a[r·row_step + i·col_step]. A row-major A has steps (k, 1);
/// the transpose of a row-major k × rows matrix has steps (1, rows).
#[derive(Clone, Copy, Debug)]
pub struct Strides {
    pub row_step: usize,
    pub col_step: usize,
}

impl Strides {
    pub fn row_major(k: usize) -> Strides {
        Strides {
            row_step: k,
            col_step: 1,
        }
    }

    /// Aᵀ, for A stored row-major with `width` columns.
    pub fn transposed(width: usize) -> Strides {
        Strides {
            row_step: 1,
            col_step: width,
        }
    }
}

/// out[r][j] = 0 + Σ_{i<k} A[r][i]·B[i][j], summed in order of i, for every
/// row of `out` (row-major, n columns) and B row-major k × n.
pub fn matmul(out: &mut [f64], n: usize, a: &[f64], steps: Strides, k: usize, b: &[f64]) {
    if n == 0 {
        return;
    }
    let b = &b[..k * n];
    for (r, out_r) in out.chunks_exact_mut(n).enumerate() {
        let a_r = |i: usize| a[r * steps.row_step + i * steps.col_step];
        let quads = n / 4 * 4;
        let (head, tail) = out_r.split_at_mut(quads);
        for (q, block) in head.chunks_exact_mut(4).enumerate() {
            let j = 4 * q;
            let mut sum = [0.0f64; 4];
            for (i, b_i) in b.chunks_exact(n).enumerate() {
                let x = a_r(i);
                let w = &b_i[j..j + 4];
                sum[0] += x * w[0];
                sum[1] += x * w[1];
                sum[2] += x * w[2];
                sum[3] += x * w[3];
            }
            block.copy_from_slice(&sum);
        }
        for (t, o) in tail.iter_mut().enumerate() {
            let j = quads + t;
            let mut sum = 0.0;
            for (i, b_i) in b.chunks_exact(n).enumerate() {
                sum += a_r(i) * b_i[j];
            }
            *o = sum;
        }
    }
}

/// Adds `row` to every row of `m` (row-major, row.len() columns).
pub fn add_to_rows(m: &mut [f64], row: &[f64]) {
    for m_r in m.chunks_exact_mut(row.len()) {
        for (x, &y) in m_r.iter_mut().zip(row) {
            *x += y;
        }
    }
}

/// sums[j] = 0 + Σ_r m[r][j] in order of r.
pub fn column_sums(m: &[f64], sums: &mut [f64]) {
    sums.fill(0.0);
    for m_r in m.chunks_exact(sums.len()) {
        for (s, &x) in sums.iter_mut().zip(m_r) {
            *s += x;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same sums written the plain way, one element at a time.
    fn reference(
        a: &[f64],
        steps: Strides,
        rows: usize,
        k: usize,
        b: &[f64],
        n: usize,
    ) -> Vec<f64> {
        let mut out = vec![0.0; rows * n];
        for r in 0..rows {
            for j in 0..n {
                let mut s = 0.0;
                for i in 0..k {
                    s += a[r * steps.row_step + i * steps.col_step] * b[i * n + j];
                }
                out[r * n + j] = s;
            }
        }
        out
    }

    #[test]
    fn equals_the_plain_sums_bit_for_bit() {
        let mut rng = crate::rng::Mt19937::new(9);
        for (rows, k, n) in [
            (1, 1, 1),
            (3, 2, 4),
            (10, 8, 8),
            (5, 7, 9),
            (2, 3, 5),
            (4, 6, 13),
        ] {
            let a: Vec<f64> = (0..rows * k).map(|_| 2.0 * rng.next_f64() - 1.0).collect();
            let b: Vec<f64> = (0..k * n).map(|_| 2.0 * rng.next_f64() - 1.0).collect();
            let mut out = vec![f64::NAN; rows * n];
            matmul(&mut out, n, &a, Strides::row_major(k), k, &b);
            let want = reference(&a, Strides::row_major(k), rows, k, &b, n);
            assert_eq!(out, want, "{rows}×{k}·{k}×{n}");
            // Aᵀ: read the same slice as a k × rows matrix stored row-major.
            let mut out_t = vec![f64::NAN; k * n];
            let b_t: Vec<f64> = (0..rows * n).map(|_| rng.next_f64()).collect();
            matmul(&mut out_t, n, &a, Strides::transposed(k), rows, &b_t);
            assert_eq!(
                out_t,
                reference(&a, Strides::transposed(k), k, rows, &b_t, n)
            );
        }
    }

    #[test]
    fn a_negative_zero_product_sums_to_positive_zero() {
        let mut out = [f64::NAN];
        matmul(&mut out, 1, &[-1.0], Strides::row_major(1), 1, &[0.0]);
        assert!(out[0] == 0.0 && out[0].is_sign_positive());
    }
}
