//! The engine's house (lib.rs): each room uses only the rooms before it in
//! `ROOMS`, and the modules of a room use each other without a cycle. Read
//! from the sources (test modules aside, which may use anything).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The rooms from the bottom up, as lib.rs lists them.
const ROOMS: [&str; 11] = [
    "words", "limits", "math", "nn", "data", "config", "train", "inspect", "check", "export",
    "wasm",
];

/// A source file's code without its test module (`#[cfg(test)] mod tests`, at the end).
fn code_of(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// Every `crate::a::b` path in `code`, as (a, b) with b empty when absent.
fn crate_paths(code: &str) -> Vec<(String, String)> {
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    code.match_indices("crate::")
        .map(|(at, _)| {
            let rest = &code[at + "crate::".len()..];
            let room = word(rest);
            let module = rest[room.len()..]
                .strip_prefix("::")
                .map(word)
                .unwrap_or_default();
            (room, module)
        })
        .collect()
}

/// The engine's sources: (room, module, code) for each file under crate/src.
fn sources() -> Vec<(String, String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let room = path.file_name().unwrap().to_string_lossy().to_string();
            for file in fs::read_dir(&path).unwrap() {
                let file = file.unwrap().path();
                if file.extension().is_some_and(|e| e == "rs") {
                    let module = file.file_stem().unwrap().to_string_lossy().to_string();
                    let text = fs::read_to_string(&file).unwrap();
                    out.push((room.clone(), module, code_of(&text).to_string()));
                }
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            let text = fs::read_to_string(&path).unwrap();
            out.push((stem.clone(), "mod".into(), code_of(&text).to_string()));
        }
    }
    out
}

#[test]
fn every_file_is_in_a_room_of_lib_rs() {
    for (room, module, _) in sources() {
        assert!(
            room == "lib" || ROOMS.contains(&room.as_str()),
            "crate/src/{room}/{module}.rs is in no room of lib.rs"
        );
    }
}

#[test]
fn rooms_use_only_the_rooms_below_them() {
    let rank = |room: &str| ROOMS.iter().position(|r| *r == room);
    let mut upward = Vec::new();
    for (room, module, code) in sources() {
        let Some(own) = rank(&room) else { continue };
        for (used, _) in crate_paths(&code) {
            if let Some(theirs) = rank(&used) {
                if theirs > own {
                    upward.push(format!("{room}/{module}.rs uses crate::{used}"));
                }
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
}

#[test]
fn the_modules_of_a_room_form_no_cycle() {
    // module -> the modules of the same room it uses.
    let mut uses: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (room, module, code) in sources() {
        let used = uses.entry((room.clone(), module.clone())).or_default();
        for (r, m) in crate_paths(&code) {
            if r == room && !m.is_empty() && m != module {
                used.insert(m);
            }
        }
        for (at, _) in code.match_indices("super::") {
            let m: String = code[at + "super::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if module != "mod" && m != module && !m.is_empty() {
                used.insert(m);
            }
        }
    }
    // Depth-first search for a path back to where it started.
    fn back_to(
        start: &str,
        at: &str,
        room: &str,
        uses: &BTreeMap<(String, String), BTreeSet<String>>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        let Some(next) = uses.get(&(room.to_string(), at.to_string())) else {
            return false;
        };
        for m in next {
            if m == start || (seen.insert(m.clone()) && back_to(start, m, room, uses, seen)) {
                return true;
            }
        }
        false
    }
    let mut cycles = Vec::new();
    for (room, module) in uses.keys() {
        if back_to(module, module, room, &uses, &mut BTreeSet::new()) {
            cycles.push(format!("{room}/{module}.rs"));
        }
    }
    assert!(
        cycles.is_empty(),
        "modules in a cycle: {}",
        cycles.join(", ")
    );
}
