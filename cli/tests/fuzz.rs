//! The command line's file inputs fuzzed: saved runs with a value swapped
//! for a hostile one (huge, negative, of another type, 2^64 − 1, a key gone),
//! damaged byte by byte, cut short, and random bytes, each through `train`
//! and `trace`,
//! sometimes with stdout full or closed. Whatever the file, the program ends
//! with a status of its own (0 done, 1 diverged, 2 bad input, 3 output
//! failed, 141 reader gone), never a panic, and a refusal is one line with
//! nothing on stdout. `CLI_FUZZ_CASES=N` for a longer run (`npm run fuzz`).

use std::io::Read;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn saved_run(name: &str, iterations: u64) -> Vec<u8> {
    let mut trainer = backprop_lab::Trainer::new(backprop_lab::preset(name).unwrap());
    trainer.run(iterations).unwrap();
    backprop_lab::train::saved::save(&trainer)
        .to_string()
        .into_bytes()
}

/// Every value in a JSON document, as pointers (`/layers/1`).
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| pointers(v, format!("{at}/{k}"), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push(at);
}

/// A saved run with one value swapped for a hostile one, or removed.
fn swapped(seed: &[u8], random: &mut Random) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(seed).unwrap();
    let mut all = Vec::new();
    pointers(&value, String::new(), &mut all);
    let at = &all[random.below(all.len())];
    let hostile = [
        json!(-1),
        json!(0),
        json!(-0.0),
        json!(1e308),
        json!(-1e-308),
        json!(u64::MAX),
        json!(9007199254740993u64),
        json!(4294967297u64),
        json!(0.5),
        json!("1"),
        json!(null),
        json!(true),
        json!([]),
        json!({}),
        json!([[1e300]]),
    ];
    if random.below(8) == 0 && !at.is_empty() {
        let (parent, key) = at.rsplit_once('/').unwrap();
        match value.pointer_mut(parent) {
            Some(Value::Object(map)) => {
                map.remove(key);
            }
            Some(Value::Array(items)) => {
                items.pop();
            }
            _ => {}
        }
    } else if let Some(slot) = value.pointer_mut(at) {
        *slot = hostile[random.below(hostile.len())].clone();
    }
    value.to_string().into_bytes()
}

/// One damaged file: a value swapped, or bytes flipped, cut or inserted, or random bytes.
fn damaged(seeds: &[Vec<u8>], random: &mut Random) -> Vec<u8> {
    let mut bytes = seeds[random.below(seeds.len())].clone();
    if random.below(2) == 0 {
        return swapped(&bytes, random);
    }
    const PIECES: [&[u8]; 12] = [
        b"-",
        b"1e999",
        b"[",
        b"]",
        b"{",
        b"}",
        b",",
        b"\"",
        b"null",
        b"18446744073709551615",
        b"-0.0",
        b"\xff",
    ];
    match random.below(5) {
        0 => {
            bytes = (0..random.below(4096))
                .map(|_| random.next() as u8)
                .collect()
        }
        1 => bytes.truncate(random.below(bytes.len() + 1)),
        _ => {
            for _ in 0..1 + random.below(4) {
                let at = random.below(bytes.len() + 1);
                if random.below(2) == 0 && at < bytes.len() {
                    bytes[at] = random.next() as u8;
                } else {
                    let piece = PIECES[random.below(PIECES.len())];
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
        }
    }
    bytes
}

#[test]
fn damaged_files_end_in_a_status_never_a_panic() {
    let cases: usize = std::env::var("CLI_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(150);
    let seeds = [
        saved_run("xor", 7),
        saved_run("iris", 3),
        saved_run("moons", 2),
    ];
    let dir = std::env::temp_dir().join(format!("backprop-lab-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut counts = [0usize; 4];
    for case in 0..cases {
        let file = dir.join(format!("case-{}.json", case % 8));
        std::fs::write(&file, damaged(&seeds, &mut random)).unwrap();
        let command = if random.below(2) == 0 {
            "train"
        } else {
            "trace"
        };
        let output_to = random.below(4); // 0: /dev/full, 1: closed, else a pipe read to the end
        let mut child = Command::new(env!("CARGO_BIN_EXE_backprop-lab"))
            .args([
                command,
                "--config",
                file.to_str().unwrap(),
                "--iterations",
                "3",
            ])
            .stdout(match output_to {
                0 => Stdio::from(std::fs::File::create("/dev/full").unwrap()),
                _ => Stdio::piped(),
            })
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = Vec::new();
        if let Some(mut out) = child.stdout.take() {
            if output_to != 1 {
                out.read_to_end(&mut stdout).unwrap();
            }
        }
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let code = output.status.code();
        let what = format!("case {case} ({command}, output {output_to}): {code:?} {stderr}");
        assert!(!stderr.contains("panicked"), "{what}");
        assert!(matches!(code, Some(0 | 1 | 2 | 3 | 141)), "{what}");
        assert!(stderr.trim_end().lines().count() <= 1, "{what}");
        if code == Some(2) {
            assert!(stdout.is_empty(), "{what}: a refusal printed to stdout");
            counts[2] += 1;
        } else {
            counts[code.map_or(3, |c| {
                if c == 0 {
                    0
                } else if c == 1 {
                    1
                } else {
                    3
                }
            })] += 1;
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    println!(
        "cli fuzz: {cases} files: {} ran, {} diverged, {} refused, {} with the output full or closed",
        counts[0], counts[1], counts[2], counts[3]
    );
}
