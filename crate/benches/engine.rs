//! The engine's speed on the fixed workloads, natively: `npm run bench`
//! (or `cargo bench -p backprop-lab --bench engine`). Prints one JSON object
//! per workload: the median of 5 runs of at least 2 s each, after a warm-up.

use std::time::{Duration, Instant};

use backprop_lab::presets::{preset, WORKLOADS};
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
}
