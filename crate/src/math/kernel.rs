//! The network's matrices as nalgebra views over the engine's flat,
//! row-major buffers (the parameters, a pass's z, a and δ, the gradients),
//! and the one product of the engine between them.
//!
//! Each element of a product is summed from +0 in index order, so native and
//! wasm builds give the same bits; the columns go four at a time with their
//! sums held in registers, which is what makes the small products of these
//! networks fast (and lets wasm use SIMD128). nalgebra's own `gemm` (without
//! its `std` feature, so without matrixmultiply) sums in the same order but
//! column by column: `npm run bench` prints both on W2's products (the
//! "products" lines), where the kernel ran 4.0 M pairs (Z = A·W, G = Aᵀ·Δ) a
//! second natively against nalgebra's 2.2 M on 2026-11-29, so it stays.

use nalgebra::{DMatrixView, DMatrixViewMut, Dyn};

/// A matrix of the engine: a view with any strides.
pub type Matrix<'a> = DMatrixView<'a, f64, Dyn, Dyn>;
pub type MatrixMut<'a> = DMatrixViewMut<'a, f64, Dyn, Dyn>;

/// `rows` × `cols`, stored row by row in `data`.
/// (nalgebra checks that `data` holds it.)
pub fn view(data: &[f64], rows: usize, cols: usize) -> Matrix<'_> {
    Matrix::from_slice_with_strides(data, rows, cols, cols, 1)
}

pub fn view_mut(data: &mut [f64], rows: usize, cols: usize) -> MatrixMut<'_> {
    MatrixMut::from_slice_with_strides_mut(data, rows, cols, cols, 1)
}

/// The transpose of the `rows` × `cols` matrix stored row by row in `data`:
/// `cols` × `rows`, without a copy.
pub fn transposed(data: &[f64], rows: usize, cols: usize) -> Matrix<'_> {
    Matrix::from_slice_with_strides(data, cols, rows, 1, cols)
}

/// The numbers a view reads, and how to step through them.
fn parts<'m>(m: &'m Matrix) -> (&'m [f64], Strides) {
    let (row_step, col_step) = m.strides();
    // SAFETY: every view here is made from a slice by `from_slice_with_strides`,
    // which checked that the slice holds all of it; this is that range.
    let data = unsafe { nalgebra::RawStorage::as_slice_unchecked(&m.data) };
    (data, Strides { row_step, col_step })
}

/// out = a·b, every element summed from +0 over the inner index in order.
/// `out` and `b` are stored row by row (as `view` makes them); `a` may have
/// any strides (a transpose included).
pub fn product(out: &mut MatrixMut, a: &Matrix, b: &Matrix) {
    assert_eq!(
        (out.nrows(), out.ncols(), a.ncols()),
        (a.nrows(), b.ncols(), b.nrows()),
        "product of {}×{} and {}×{} into {}×{}",
        a.nrows(),
        a.ncols(),
        b.nrows(),
        b.ncols(),
        out.nrows(),
        out.ncols()
    );
    let n = b.ncols();
    debug_assert!(n == 0 || b.strides() == (n, 1) && out.strides() == (n, 1));
    if a.nrows() == 0 || n == 0 {
        return;
    }
    let (a_data, steps) = parts(a);
    let (b_data, _) = parts(b);
    // SAFETY: as in `parts`, for the mutable view.
    let out_data = unsafe { nalgebra::RawStorageMut::as_mut_slice_unchecked(&mut out.data) };
    matmul(out_data, n, a_data, steps, a.ncols(), b_data);
}

/// How to read the left factor A (rows × k) from a flat slice:
/// A[r][i] = a[r·row_step + i·col_step]. A row-major A has steps (k, 1);
/// the transpose of a row-major k × rows matrix has steps (1, rows).
#[derive(Clone, Copy, Debug)]
struct Strides {
    row_step: usize,
    col_step: usize,
}

#[cfg(test)]
impl Strides {
    fn row_major(k: usize) -> Strides {
        Strides {
            row_step: k,
            col_step: 1,
        }
    }

    /// Aᵀ, for A stored row-major with `width` columns.
    fn transposed(width: usize) -> Strides {
        Strides {
            row_step: 1,
            col_step: width,
        }
    }
}

/// out[r][j] = 0 + Σ_{i<k} A[r][i]·B[i][j], summed in order of i, for every
/// row of `out` (row-major, n columns) and B row-major k × n.
fn matmul(out: &mut [f64], n: usize, a: &[f64], steps: Strides, k: usize, b: &[f64]) {
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
        let mut rng = crate::math::rng::Mt19937::new(9);
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
    fn the_views_product_is_nalgebras_product_bit_for_bit() {
        use nalgebra::DMatrix;
        let mut rng = crate::math::rng::Mt19937::new(4);
        for (rows, k, n) in [(1, 1, 1), (7, 3, 5), (10, 8, 8), (2, 9, 13)] {
            let a: Vec<f64> = (0..rows * k).map(|_| 2.0 * rng.next_f64() - 1.0).collect();
            let b: Vec<f64> = (0..k * n).map(|_| 2.0 * rng.next_f64() - 1.0).collect();
            let mut out = vec![f64::NAN; rows * n];
            product(
                &mut view_mut(&mut out, rows, n),
                &view(&a, rows, k),
                &view(&b, k, n),
            );
            // nalgebra's own product of the same matrices (owned, column-major:
            // its gemm on row-major views trips a bounds check in nalgebra 0.34.2):
            // the same order of sums, the same bits.
            let owned = |data: &[f64], r, c| DMatrix::from_row_slice(r, c, data);
            let want = owned(&a, rows, k) * owned(&b, k, n);
            assert_eq!(view(&out, rows, n), want, "{rows}×{k}·{k}×{n}");
            // Aᵀ through a transposed view.
            let c: Vec<f64> = (0..rows * n).map(|_| rng.next_f64()).collect();
            let mut g = vec![f64::NAN; k * n];
            product(
                &mut view_mut(&mut g, k, n),
                &transposed(&a, rows, k),
                &view(&c, rows, n),
            );
            assert_eq!(
                view(&g, k, n),
                view(&a, rows, k).transpose() * view(&c, rows, n)
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
