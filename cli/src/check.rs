//! `backprop-lab check`: a learner's record (docs/numerics.md, "The record of
//! a learner's program") checked against backpropagation, as the page's
//! "Check my code" does; and `--starter DIR`, the starter kit's two files.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use backprop_lab::check::{check, record::Record, record::MAX_BYTES};

/// The starter kit: the program with blanks, and the recorder it calls.
pub const STARTER: [(&str, &str); 2] = [
    ("starter.py", include_str!("../../check/starter.py")),
    ("record.py", include_str!("../../check/record.py")),
];

/// Exit 0 when the program agrees, 1 when it differs, 2 for a record that cannot be read.
pub fn run(file: Option<&str>, json: bool, starter: Option<&str>) -> ExitCode {
    if let Some(dir) = starter {
        return write_starter(dir);
    }
    let Some(file) = file else {
        return super::usage_error("give a record FILE, or --starter DIR for the starter kit");
    };
    let text = match read(file) {
        Ok(text) => text,
        Err(message) => return super::usage_error(&message),
    };
    let record = match Record::from_json(&text) {
        Ok(record) => record,
        Err(e) => return super::usage_error(&format!("{file}: {e}")),
    };
    let verdict = check(&record);
    let status = if verdict.agrees() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    let written = if json {
        super::print_json(&verdict.to_value())
    } else {
        super::write_out(|out| writeln!(out, "{}", verdict.text()))
    };
    super::finish(written, status, "")
}

fn read(path: &str) -> Result<String, String> {
    let cannot = |why: String| format!("cannot read {path}: {why}");
    let file = std::fs::File::open(path).map_err(|e| cannot(e.to_string()))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(cannot("it is a directory".into()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(e.to_string()))?;
    if bytes.len() > MAX_BYTES {
        return Err(cannot(
            "it is larger than 20 MB, the most a record may be".into(),
        ));
    }
    String::from_utf8(bytes).map_err(|_| cannot("it is not UTF-8 text".into()))
}

/// Writes the starter kit into `dir` (made if missing); an existing file is not overwritten.
fn write_starter(dir: &str) -> ExitCode {
    let dir = Path::new(dir);
    if let Err(e) = std::fs::create_dir_all(dir) {
        return super::usage_error(&format!("cannot make {}: {e}", dir.display()));
    }
    for (name, text) in STARTER {
        let path = dir.join(name);
        if path.exists() {
            return super::usage_error(&format!(
                "{} exists; the starter kit does not overwrite it",
                path.display()
            ));
        }
        if let Err(e) = std::fs::write(&path, text) {
            super::complain(&format!("cannot write {}: {e}", path.display()));
            return ExitCode::from(3);
        }
    }
    let said = super::write_out(|out| {
        writeln!(
            out,
            "wrote {0}/starter.py and {0}/record.py: fill in the blanks, run `python3 starter.py`, then `backprop-lab check record.json`",
            dir.display()
        )
    });
    super::finish(said, ExitCode::SUCCESS, "")
}
