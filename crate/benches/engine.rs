//! The engine's speed on the fixed workloads, natively: `npm run bench`
//! (or `cargo bench -p backprop-lab --bench engine`). Prints one JSON object
//! per workload: the median of 5 runs of at least 2 s each, after a warm-up.

use std::time::{Duration, Instant};

use backprop_lab::config::presets::{preset, WORKLOADS};
use backprop_lab::Trainer;

const RUNS: usize = 5;
const RUN_TIME: Duration = Duration::from_secs(2);
const WARM_UP: Duration = Duration::from_millis(500);
/// Iterations between looks at the clock.
const CHUNK: u64 = 2_000;

/// Iterations per second over one run of at least `length`.
fn iterations_per_second(trainer: &mut Trainer, length: Duration) -> f64 {
    let start = Instant::now();
    let mut iterations = 0;
    while start.elapsed() < length {
        if trainer.run(CHUNK).is_err() {
            // A workload never diverges; if one did, its figure would be meaningless.
            panic!(
                "the workload diverged at iteration {}",
                trainer.iterations()
            );
        }
        iterations += CHUNK;
    }
    iterations as f64 / start.elapsed().as_secs_f64()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    // `cargo bench` passes --bench; a name filters the workloads.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    for name in WORKLOADS {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let config = preset(name).expect("workloads are valid configs");
        let rows = config.update().block(config.data().rows()) as f64;
        let mut trainer = Trainer::new(config);
        iterations_per_second(&mut trainer, WARM_UP);
        let runs: Vec<f64> = (0..RUNS)
            .map(|_| iterations_per_second(&mut trainer, RUN_TIME))
            .collect();
        let iterations = median(runs);
        let workload = name.trim_start_matches("bench-").to_uppercase();
        println!(
            "{{\"workload\": \"{workload}\", \"target\": \"native\", \"samples_per_s\": {:.0}, \"iterations_per_s\": {:.0}}}",
            iterations * rows,
            iterations
        );
    }
    if filter.is_empty() || filter.iter().any(|f| f == "products") {
        products();
    }
}

/// Why `kernel.rs` keeps its own product: W2's products (a mini-batch of 10
/// rows through 8 × 8 layers: Z = A·W, G = Aᵀ·Δ) by the kernel on the
/// engine's views, and by nalgebra's own `gemm` on column-major matrices.
/// Both sum in the same order and give the same bits.
fn products() {
    use backprop_lab::math::kernel::{product, transposed, view, view_mut};
    use nalgebra::DMatrix;
    let (rows, k, n) = (10, 8, 8);
    let a: Vec<f64> = (0..rows * k).map(|i| (i as f64 * 0.37).sin()).collect();
    let w: Vec<f64> = (0..k * n).map(|i| (i as f64 * 0.11).cos()).collect();
    let d: Vec<f64> = (0..rows * n).map(|i| (i as f64 * 0.23).sin()).collect();
    let mut z = vec![0.0; rows * n];
    let mut g = vec![0.0; k * n];
    let kernel = median(
        (0..RUNS)
            .map(|_| {
                per_second(|| {
                    product(
                        &mut view_mut(&mut z, rows, n),
                        &view(&a, rows, k),
                        &view(&w, k, n),
                    );
                    product(
                        &mut view_mut(&mut g, k, n),
                        &transposed(&a, rows, k),
                        &view(&d, rows, n),
                    );
                })
            })
            .collect(),
    );
    let (am, wm, dm) = (
        DMatrix::from_row_slice(rows, k, &a),
        DMatrix::from_row_slice(k, n, &w),
        DMatrix::from_row_slice(rows, n, &d),
    );
    let (mut zm, mut gm) = (DMatrix::zeros(rows, n), DMatrix::zeros(k, n));
    let nalgebra = median(
        (0..RUNS)
            .map(|_| {
                per_second(|| {
                    zm.gemm(1.0, &am, &wm, 0.0);
                    gm.gemm_tr(1.0, &am, &dm, 0.0);
                })
            })
            .collect(),
    );
    std::hint::black_box((&z, &g, &zm, &gm));
    for (what, pairs) in [("kernel", kernel), ("nalgebra gemm", nalgebra)] {
        println!(
            "{{\"products\": \"{what}\", \"target\": \"native\", \"pairs_per_s\": {pairs:.0}}}"
        );
    }
}

/// How many times a second `f` runs, over RUN_TIME / 4.
fn per_second(mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut count = 0u64;
    while start.elapsed() < RUN_TIME / 4 {
        for _ in 0..1000 {
            f();
        }
        count += 1000;
    }
    count as f64 / start.elapsed().as_secs_f64()
}
