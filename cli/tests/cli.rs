//! The command line as docs/numerics.md fixes it: JSON on stdout for a good run; one
//! line on stderr, exit status 2 and an empty stdout for anything bad.

use std::process::{Command, Output};

use serde_json::Value;

fn backprop_lab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backprop-lab"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn json_of(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

fn assert_refused(args: &[&str], part: &str) {
    let output = backprop_lab(args);
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty(), "{args:?} printed to stdout");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    assert!(
        stderr.contains(part),
        "{args:?}: {stderr:?} should mention {part:?}"
    );
}

fn write_config(name: &str, text: &str) -> String {
    let path = std::env::temp_dir().join(format!(
        "backprop-lab-cli-{}-{name}.json",
        std::process::id()
    ));
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn train_reproduces_the_single_neuron() {
    let out = json_of(&backprop_lab(&[
        "train",
        "--preset",
        "siraj-neuron",
        "--iterations",
        "10000",
        "--predict",
        "1,0,0",
        "--predict",
        "0,0,1",
    ]));
    assert_eq!(out["iterations"], 10000);
    let answer = out["predictions"][0][0].as_f64().unwrap();
    assert!((answer - 0.9999370428352157).abs() < 1e-12);
    assert_eq!(out["predictions"].as_array().unwrap().len(), 2);
    let weights = &out["layers"][0]["weights"];
    assert_eq!(weights.as_array().unwrap().len(), 3, "n_in rows");
    assert!((weights[0][0].as_f64().unwrap() - 9.672993027736892).abs() < 1e-9);
    assert_eq!(out["layers"][0]["biases"], serde_json::json!([0.0]));
    assert!(out["loss"].as_f64().unwrap() < 0.001);
}

#[test]
fn train_defaults_to_1000_iterations_and_stops_at_stop_loss() {
    let out = json_of(&backprop_lab(&["train", "--preset", "xor"]));
    assert_eq!(out["iterations"], 1000);
    let shapes: Vec<usize> = out["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["weights"].as_array().unwrap().len())
        .collect();
    assert_eq!(shapes, [2, 4]);
    let out = json_of(&backprop_lab(&[
        "train",
        "--preset",
        "ludo-xor",
        "--iterations",
        "5000000",
    ]));
    let ran = out["iterations"].as_u64().unwrap();
    assert!(ran < 5_000_000);
    assert!(out["loss"].as_f64().unwrap() <= 1e-5);
}

#[test]
fn train_reads_a_config_file() {
    let path = write_config(
        "and",
        r#"{"version": 1, "layers": [2, 1], "optimizer": {"kind": "adam", "learning_rate": 0.1},
            "data": {"inputs": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[0],[0],[1]]}}"#,
    );
    let out = json_of(&backprop_lab(&[
        "train",
        "--config",
        &path,
        "--iterations",
        "2000",
        "--predict",
        "1,1",
    ]));
    assert!(out["predictions"][0][0].as_f64().unwrap() > 0.9);
    assert_eq!(out["layers"][0]["biases"].as_array().unwrap().len(), 1);
}

#[test]
fn features_take_raw_x1_x2_and_learn_a_circle_with_one_neuron() {
    // x1² + x2² separates a circle: one sigmoid neuron on those two features learns it.
    let rows: Vec<[f64; 2]> = (0..40)
        .map(|k| {
            let (angle, radius) = (k as f64 * 0.7, if k % 2 == 0 { 0.5 } else { 2.0 });
            [radius * angle.cos(), radius * angle.sin()]
        })
        .collect();
    let targets: Vec<[f64; 1]> = (0..40).map(|k| [(k % 2) as f64]).collect();
    let config = serde_json::json!({
        "version": 1, "layers": [2, 1], "features": ["x1^2", "x2^2"],
        "optimizer": {"kind": "adam", "learning_rate": 0.1},
        "data": {"inputs": rows, "targets": targets},
    });
    let path = write_config("features", &config.to_string());
    let args = |predict: &'static str| {
        [
            "train",
            "--config",
            &path,
            "--iterations",
            "2000",
            "--predict",
            predict,
        ]
        .map(String::from)
    };
    let run = |predict| {
        let args = args(predict);
        backprop_lab(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let inside = json_of(&run("0.3,-0.2"))["predictions"][0][0]
        .as_f64()
        .unwrap();
    let outside = json_of(&run("-1.9,0.8"))["predictions"][0][0]
        .as_f64()
        .unwrap();
    assert!(inside < 0.1 && outside > 0.9, "{inside} {outside}");
    assert_refused(
        &args("1,2,3").iter().map(String::as_str).collect::<Vec<_>>(),
        "x1 and x2",
    );
    let wide = config.to_string().replace("\"x2^2\"]", "\"x2^2\", \"x3\"]");
    assert_refused(
        &["train", "--config", &write_config("x3", &wide)],
        "features[2]",
    );
}

#[test]
fn trace_prints_every_number_of_the_next_iteration() {
    let out = json_of(&backprop_lab(&[
        "trace",
        "--preset",
        "three-layer-challenge",
        "--iterations",
        "3",
    ]));
    assert_eq!(out["iteration"], 3);
    assert_eq!(out["rows"], serde_json::json!([0, 1, 2, 3]));
    assert!(out["loss_after"].as_f64() < out["loss_before"].as_f64());
    let layers = out["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 3);
    for key in [
        "z",
        "a",
        "delta",
        "grad_weights",
        "grad_biases",
        "weights_before",
        "weights_after",
        "biases_before",
        "biases_after",
    ] {
        assert!(layers[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        layers[0]["z"].as_array().unwrap().len(),
        4,
        "one row per data row"
    );
    assert_eq!(
        layers[1]["grad_weights"].as_array().unwrap().len(),
        5,
        "n_in rows"
    );
    // The trace after 3 iterations continues where `train --iterations 3` ends
    // and ends where `train --iterations 4` does.
    let three = json_of(&backprop_lab(&[
        "train",
        "--preset",
        "three-layer-challenge",
        "--iterations",
        "3",
    ]));
    let four = json_of(&backprop_lab(&[
        "train",
        "--preset",
        "three-layer-challenge",
        "--iterations",
        "4",
    ]));
    assert_eq!(out["loss_before"], three["loss"]);
    assert_eq!(out["loss_after"], four["loss"]);
    assert_eq!(layers[2]["weights_after"], four["layers"][2]["weights"]);
    let online = json_of(&backprop_lab(&[
        "trace",
        "--preset",
        "ludo-xor",
        "--iterations",
        "6",
    ]));
    assert_eq!(online["rows"], serde_json::json!([2]));
}

#[test]
fn bad_configs_and_arguments_are_refused_on_one_line() {
    let bad = write_config(
        "bad",
        r#"{"version": 1, "layers": [3, 0, 1], "data": {"inputs": [[1,2,3]], "targets": [[1]]}}"#,
    );
    assert_refused(&["train", "--config", &bad], "layers[1]");
    let broken = write_config("broken", "{\"version\": 1,");
    assert_refused(&["train", "--config", &broken], "not valid JSON");
    let v2 = write_config("v2", r#"{"version": 2}"#);
    assert_refused(&["trace", "--config", &v2], "version");
    assert_refused(&["train", "--config", "/no/such/file.json"], "cannot read");
    assert_refused(&["train", "--preset", "nope"], "unknown preset");
    assert_refused(&["train"], "--preset");
    assert_refused(
        &["train", "--preset", "xor", "--config", &bad],
        "cannot be used with",
    );
    assert_refused(
        &["train", "--preset", "xor", "--iterations", "many"],
        "many",
    );
    assert_refused(
        &["train", "--preset", "xor", "--predict", "1"],
        "expected 2 numbers",
    );
    assert_refused(
        &["train", "--preset", "xor", "--predict", "1,nan"],
        "not a finite number",
    );
    assert_refused(&["explode"], "explode");
}

#[test]
fn divergence_is_reported_with_the_weights_so_far() {
    let path = write_config(
        "diverge",
        r#"{"version": 1, "layers": [2, 4, 1], "activations": "linear",
            "optimizer": {"kind": "sgd", "learning_rate": 1e6},
            "data": {"inputs": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]}}"#,
    );
    let output = backprop_lab(&["train", "--config", &path]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("diverged at iteration"), "{stderr}");
    let out: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(out["iterations"].as_u64().unwrap() < 1000);
}

#[test]
fn a_saved_run_goes_on_from_its_weights_and_iteration() {
    // 40 iterations, saved as the page's Export JSON saves them...
    let mut original = backprop_lab::Trainer::new(backprop_lab::preset("xor").unwrap());
    original.run(40).unwrap();
    let file = write_config(
        "saved-xor.json",
        &backprop_lab::train::saved::save(&original).to_string(),
    );
    // ...then 60 more from the file equal 100 from the start.
    let more = json_of(&backprop_lab(&[
        "train",
        "--config",
        &file,
        "--iterations",
        "60",
    ]));
    let all = json_of(&backprop_lab(&[
        "train",
        "--preset",
        "xor",
        "--iterations",
        "100",
    ]));
    assert_eq!(more["iterations"], 60);
    assert_eq!(more["loss"], all["loss"]);
    assert_eq!(more["layers"], all["layers"]);
    let trace = json_of(&backprop_lab(&["trace", "--config", &file]));
    assert_eq!(trace["iteration"], 40);
    let bad = write_config(
        "saved-bad.json",
        &backprop_lab::train::saved::save(&original)
            .to_string()
            .replace("\"iteration\":40", "\"iteration\":-3"),
    );
    assert_refused(&["train", "--config", &bad], "iteration:");
}

/// The command line's file inputs and outputs as a careless or hostile user
/// meets them: special files, endless streams, full and closed outputs.
mod hostile {
    use super::*;
    use std::io::{Read, Write};
    use std::process::Stdio;

    fn binary() -> Command {
        Command::new(env!("CARGO_BIN_EXE_backprop-lab"))
    }

    /// No abort, no panic's backtrace: a failure is a status and at most one line.
    fn assert_no_abort(output: &Output, what: &str) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
        assert!(stderr.trim_end().lines().count() <= 1, "{what}: {stderr}");
        assert_ne!(output.status.code(), Some(101), "{what}: a panic's status");
        assert!(output.status.code().is_some(), "{what}: killed by a signal");
    }

    #[test]
    fn special_files_are_read_up_to_the_limit_and_refused() {
        for (path, why) in [
            ("/dev/zero", "larger than 50 MB"),
            ("/dev/urandom", "larger than 50 MB"),
            ("/dev/null", "not valid JSON"),
            ("/", "directory"),
        ] {
            assert_refused(&["train", "--config", path], why);
            assert_refused(&["trace", "--config", path], why);
        }
        let latin1 =
            std::env::temp_dir().join(format!("backprop-lab-{}-latin1", std::process::id()));
        std::fs::write(&latin1, b"{\"version\": 1, \"na\xefve\": 1}").unwrap();
        assert_refused(
            &["train", "--config", latin1.to_str().unwrap()],
            "not UTF-8",
        );
    }

    #[test]
    fn an_endless_stream_is_refused_once_past_the_limit() {
        let mut child = binary()
            .args(["train", "--config", "/dev/stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            let chunk = [b' '; 1 << 16];
            let mut written = 0usize;
            // Until the reader gives up (a broken pipe); bounded so a bug cannot hang the test.
            while written < 1 << 30 && stdin.write_all(&chunk).is_ok() {
                written += chunk.len();
            }
            written
        });
        let output = child.wait_with_output().unwrap();
        let written = writer.join().unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("larger than 50 MB"), "{stderr}");
        assert!(
            written < 200_000_000,
            "read {written} bytes of an endless stream"
        );
    }

    #[test]
    fn a_full_output_is_one_line_and_a_status() {
        if !std::path::Path::new("/dev/full").exists() {
            return;
        }
        for args in [
            &["train", "--preset", "xor"][..],
            &["trace", "--preset", "moons"][..],
            &["--help"][..],
        ] {
            let output = binary()
                .args(args)
                .stdout(std::fs::File::create("/dev/full").unwrap())
                .output()
                .unwrap();
            assert_no_abort(&output, &format!("{args:?} > /dev/full"));
            assert_eq!(output.status.code(), Some(3), "{args:?}");
            let stderr = String::from_utf8(output.stderr).unwrap();
            assert!(stderr.contains("cannot write the output"), "{stderr}");
        }
    }

    #[test]
    fn a_closed_output_ends_quietly_with_a_status() {
        for args in [
            &["train", "--preset", "xor"][..],
            &["trace", "--preset", "moons"][..],
        ] {
            // The reader takes 10 bytes and goes, as `| head -c 10` does.
            let mut child = binary()
                .args(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut stdout = child.stdout.take().unwrap();
            let mut head = [0u8; 10];
            stdout.read_exact(&mut head).unwrap();
            drop(stdout);
            let output = child.wait_with_output().unwrap();
            assert_no_abort(&output, &format!("{args:?} | head -c 10"));
            // A small output may fit the pipe's buffer before the reader goes.
            assert!(
                matches!(output.status.code(), Some(0) | Some(141)),
                "{args:?}: {:?}",
                output.status
            );
            assert!(output.stderr.is_empty(), "{args:?}");
        }
        // Closed before the first byte (the reading end is gone before the
        // program starts): the whole output fails to go.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = binary()
            .args(["trace", "--preset", "moons"])
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_no_abort(&output, "trace with stdout closed");
        assert_eq!(output.status.code(), Some(141));
    }

    #[test]
    fn a_saved_run_with_an_impossible_optimizer_state_is_a_bad_file() {
        let mut value = backprop_lab::config::presets::preset_value("xor").unwrap();
        value["optimizer"] = serde_json::json!({"kind": "adam", "learning_rate": 0.01});
        let mut trainer =
            backprop_lab::Trainer::new(backprop_lab::Config::from_value(&value).unwrap());
        trainer.run(3).unwrap();
        let saved = backprop_lab::train::saved::save(&trainer);
        let mut steps = saved.clone();
        steps["optimizer_state"]["steps"] = serde_json::json!(u64::MAX);
        let path = write_config("steps", &steps.to_string());
        assert_refused(&["train", "--config", &path], "optimizer_state.steps");
        let mut second = saved;
        second["optimizer_state"]["second"][0] = serde_json::json!(-1.0);
        let path = write_config("second", &second.to_string());
        assert_refused(&["train", "--config", &path], "optimizer_state.second[0]");
    }
}

#[test]
fn a_random_seed_is_printed_and_makes_the_same_run_again() {
    let xor_with_seed = |seed: &str| {
        json_of(&backprop_lab(&[
            "train",
            "--preset",
            "xor",
            "--seed",
            seed,
            "--iterations",
            "50",
        ]))
    };
    let (first, second) = (xor_with_seed("random"), xor_with_seed("random"));
    let seed = first["seed"].as_u64().expect("the output names its seed");
    assert_ne!(
        Some(seed),
        second["seed"].as_u64(),
        "two fresh seeds differ"
    );
    let again = xor_with_seed(&seed.to_string());
    assert_eq!(again, first, "the printed seed makes the same run");
    let traced = json_of(&backprop_lab(&[
        "trace",
        "--preset",
        "xor",
        "--seed",
        &seed.to_string(),
    ]));
    assert_eq!(traced["seed"], first["seed"]);
    assert_refused(&["train", "--preset", "xor", "--seed", "-1"], "--seed -1");
    assert_refused(
        &["train", "--preset", "xor", "--seed", "4294967296"],
        "4294967295",
    );
}

#[test]
fn export_writes_each_format_and_its_json_goes_on_as_train_does() {
    let json = write_config("export-out", "");
    let args = |format: &str, out: &str| {
        let a = ["export", "--format", format, "--preset", "xor"];
        let mut a: Vec<String> = a.iter().map(|s| s.to_string()).collect();
        a.extend(["--iterations", "25", "--output", out].map(String::from));
        a
    };
    let run = |format: &str, out: &str| {
        let a = args(format, out);
        backprop_lab(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    assert!(run("json", &json).status.success());
    // The exported run goes on: 25 + 75 iterations are the preset's 100.
    let on = json_of(&backprop_lab(&[
        "train",
        "--config",
        &json,
        "--iterations",
        "75",
    ]));
    let whole = json_of(&backprop_lab(&[
        "train",
        "--preset",
        "xor",
        "--iterations",
        "100",
    ]));
    assert_eq!(on["loss"], whole["loss"]);
    // "-" is stdout; the file and stdout hold the same bytes.
    for format in ["json", "numpy", "pytorch", "onnx"] {
        let path = write_config(&format!("export-{format}"), "");
        assert!(run(format, &path).status.success(), "{format}");
        let printed = run(format, "-");
        assert!(
            printed.status.success() && printed.stderr.is_empty(),
            "{format}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), printed.stdout, "{format}");
    }
    let onnx = run("onnx", "-").stdout;
    assert!(onnx.windows(4).any(|w| w == b"Gemm"));
}

#[test]
fn export_refuses_a_bad_format_or_output_on_one_line() {
    assert_refused(
        &[
            "export", "--format", "csv", "--preset", "xor", "--output", "-",
        ],
        "--format csv: expected one of json, numpy, pytorch, onnx",
    );
    assert_refused(
        &["export", "--format", "onnx", "--preset", "xor"],
        "--output",
    );
    let output = backprop_lab(&[
        "export",
        "--format",
        "onnx",
        "--preset",
        "xor",
        "--output",
        "/nonexistent/dir/x.onnx",
    ]);
    assert_eq!(output.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("cannot write /nonexistent/dir/x.onnx")
    );
}

#[test]
fn export_of_a_diverged_run_is_its_json_alone() {
    let config = write_config(
        "export-diverges",
        r#"{"version": 1, "layers": [2, 1], "activations": "linear", "loss": "sse",
            "optimizer": {"kind": "sgd", "learning_rate": 1e6},
            "data": {"inputs": [[0, 1], [1, 0]], "targets": [[1], [0]]}}"#,
    );
    let onnx = backprop_lab(&[
        "export",
        "--format",
        "onnx",
        "--config",
        &config,
        "--iterations",
        "1000",
        "--output",
        "-",
    ]);
    assert_eq!(onnx.status.code(), Some(1));
    assert!(onnx.stdout.is_empty());
    let json = backprop_lab(&[
        "export",
        "--format",
        "json",
        "--config",
        &config,
        "--iterations",
        "1000",
        "--output",
        "-",
    ]);
    assert!(json.status.success());
    let saved: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(saved.get("weights").is_none());
}
