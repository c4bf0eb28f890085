//! `backprop-lab check` on records written by real NumPy programs: the
//! learners' programs of tests/check/learners.py (the seed's network, right
//! and with each mistake) and the starter kit with its blanks filled in. They
//! run in the tests' Python (target/python, made by scripts/python.sh, which
//! `npm test` runs first).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn python() -> PathBuf {
    let python = root().join("target/python/bin/python");
    assert!(
        python.exists(),
        "the tests' Python is missing: run `bash scripts/python.sh` (npm test does)"
    );
    python
}

fn backprop_lab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backprop-lab"))
        .args(args)
        .output()
        .unwrap()
}

/// The learners' records, written once: a directory of <program>.json.
fn records() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("backprop-lab-learners-{}", std::process::id()));
        let status = Command::new(python())
            .arg(root().join("tests/check/learners.py"))
            .arg(&dir)
            .status()
            .unwrap();
        assert!(status.success(), "learners.py failed");
        dir
    })
}

fn verdict(name: &str) -> (Value, i32) {
    let path = records().join(format!("{name}.json"));
    let out = backprop_lab(&["check", "--json", path.to_str().unwrap()]);
    let value: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!("{name}: {}", String::from_utf8_lossy(&out.stderr));
    });
    (value, out.status.code().unwrap())
}

/// A mistake's id and the layer it names (counted from 1; None for all).
type Named = (&'static str, Option<u64>);

#[test]
fn each_mistake_is_named_with_its_layer() {
    let cases: [(&str, &[Named]); 12] = [
        ("derivative-of-z", &[("derivative-of-z", Some(3))]),
        ("derivative-twice", &[("derivative-twice", Some(2))]),
        ("no-derivative", &[("no-derivative", Some(2))]),
        ("ascent", &[("ascent", None)]),
        ("bias-not-updated", &[("bias-not-updated", None)]),
        (
            "updated-weights-in-backprop",
            &[("updated-weights-in-backprop", None)],
        ),
        ("accumulated-gradient", &[("accumulated-gradient", None)]),
        ("gradient-scaled", &[("gradient-scaled", None)]),
        ("layer-not-learning", &[("layer-not-learning", Some(1))]),
        ("wrong-update-mode", &[("wrong-update-mode", None)]),
        ("loss-formula", &[("loss-formula", None)]),
        (
            "derivative-of-z+bias-not-updated",
            &[("derivative-of-z", Some(3)), ("bias-not-updated", None)],
        ),
    ];
    for (program, expected) in cases {
        let (v, status) = verdict(program);
        assert_eq!(status, 1, "{program}: {v}");
        assert_eq!(v["agrees"], false);
        assert_eq!(
            v["convention"], "negative",
            "{program}: the seed's convention"
        );
        assert!(
            v["first_difference"]["iteration"].is_u64(),
            "{program}: {v}"
        );
        let found: Vec<(String, Option<u64>)> = v["mistakes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["id"].as_str().unwrap().to_string(), m["layer"].as_u64()))
            .collect();
        let expected: Vec<(String, Option<u64>)> = expected
            .iter()
            .map(|(id, l)| (id.to_string(), *l))
            .collect();
        assert_eq!(found, expected, "{program}");
    }
    let (scaled, _) = verdict("gradient-scaled");
    let detail = scaled["mistakes"][0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("k = 0.25") && detail.contains("averaged over the 4 rows"),
        "{detail}"
    );
}

#[test]
fn right_programs_agree_and_say_the_convention() {
    for program in ["finished-starter", "seeds-neuron"] {
        let (v, status) = verdict(program);
        assert_eq!(status, 0, "{program}: {v}");
        assert_eq!(v["agrees"], true);
        assert_eq!(v["iterations"], 300);
        assert_eq!(v["first_difference"], Value::Null);
        assert_eq!(v["mistakes"], serde_json::json!([]));
    }
    let path = records().join("finished-starter.json");
    let out = backprop_lab(&["check", path.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Your program agrees: 300 iterations, every recorded number"),
        "{text}"
    );
    assert!(text.contains("negated"), "{text}");
}

#[test]
fn the_first_difference_names_where_and_both_numbers() {
    let (v, _) = verdict("no-derivative");
    let d = &v["first_difference"];
    assert_eq!(
        (d["iteration"].as_u64(), d["layer"].as_u64()),
        (Some(0), Some(2))
    );
    assert_eq!(d["quantity"], "delta");
    assert_eq!(d["index"], serde_json::json!([0, 0]));
    assert!(d["yours"].as_f64().unwrap() != d["expected"].as_f64().unwrap());
}

/// The seed's winning n-layer program (Ludo's), instrumented: it departs from
/// textbook backpropagation in four ways at once, and the checker names all
/// four from one replay that gives every recorded number.
#[test]
fn ludos_program_is_explained_by_its_four_departures() {
    let (v, status) = verdict("ludo");
    assert_eq!(status, 1, "{v}");
    assert_eq!(v["convention"], "gradient", "Ludo's delta is ŷ − y");
    let d = &v["first_difference"];
    assert_eq!(
        (
            d["iteration"].as_u64(),
            d["layer"].as_u64(),
            d["quantity"].as_str()
        ),
        (Some(0), Some(2), Some("delta"))
    );
    let found: Vec<(&str, Option<u64>)> = (v["mistakes"].as_array().unwrap().iter())
        .map(|m| (m["id"].as_str().unwrap(), m["layer"].as_u64()))
        .collect();
    assert_eq!(
        found,
        [
            ("no-derivative", Some(2)),
            ("bias-from-weights", None),
            ("accumulated-gradient", None),
            ("gradient-scaled", None)
        ]
    );
    let detail = |i: usize| v["mistakes"][i]["detail"].as_str().unwrap().to_string();
    assert!(detail(0).contains("cross-entropy"), "{}", detail(0));
    assert!(detail(1).contains("0.001 times"), "{}", detail(1));
    assert!(
        detail(3).contains("k = 0.3333333333333333") && detail(3).contains("divided by 3"),
        "{}",
        detail(3)
    );
}

/// The starter kit as written by `--starter`, its blanks filled in, run for
/// 60,000 iterations (detail for the first 100): it agrees.
#[test]
fn the_finished_starter_agrees() {
    let dir = std::env::temp_dir().join(format!("backprop-lab-starter-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = backprop_lab(&["check", "--starter", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = backprop_lab(&["check", "--starter", dir.to_str().unwrap()]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "the kit never overwrites a file"
    );
    let starter = std::fs::read_to_string(dir.join("starter.py")).unwrap();
    let answers = [
        ("z3 = ...", "z3 = dot(activation_values2, self.synaptic_weights2)"),
        ("activation_values3 = ...", "activation_values3 = self.__sigmoid(z3)"),
        ("z4 = ...", "z4 = dot(activation_values3, self.synaptic_weights3)"),
        (
            "delta3 = ...",
            "delta3 = dot(delta4, self.synaptic_weights3.T) * self.__sigmoid_derivative(activation_values3)",
        ),
        (
            "delta2 = ...",
            "delta2 = dot(delta3, self.synaptic_weights2.T) * self.__sigmoid_derivative(activation_values2)",
        ),
        ("synaptic_weights2 += ...", "synaptic_weights2 += dot(activation_values2.T, delta3)"),
        ("synaptic_weights1 += ...", "synaptic_weights1 += dot(training_set_inputs.T, delta2)"),
    ];
    let mut finished = starter.clone();
    for (blank, answer) in answers {
        assert!(
            finished.contains(blank),
            "the starter has the blank {blank}"
        );
        finished = finished.replacen(blank, answer, 1);
    }
    std::fs::write(dir.join("starter.py"), finished).unwrap();
    let run = Command::new(python())
        .arg("starter.py")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let record = dir.join("record.json");
    let out = backprop_lab(&["check", "--json", record.to_str().unwrap()]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["agrees"], true, "{v}");
    assert_eq!(v["iterations"], 60000);
}

#[test]
fn a_record_that_cannot_be_read_is_status_2_with_the_field() {
    let dir = std::env::temp_dir().join(format!("backprop-lab-bad-record-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.json");
    std::fs::write(&path, r#"{"format": "backprop-lab-record", "version": 2}"#).unwrap();
    let out = backprop_lab(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let message = String::from_utf8(out.stderr).unwrap();
    assert!(
        message.contains("version: this lab reads version 1, got 2"),
        "{message}"
    );
    let missing = backprop_lab(&["check", "/nonexistent/record.json"]);
    assert_eq!(missing.status.code(), Some(2));
}
