//! Runs one workload for profiling: cargo run --release --example profile -- bench-w1 2000000
use backprop_lab::{preset, Trainer};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let name = args.get(1).map_or("bench-w1", String::as_str);
    let n: u64 = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let mut t = Trainer::new(preset(name).unwrap());
    t.run(n).unwrap();
    println!("{} {}", t.iterations(), t.loss());
}
