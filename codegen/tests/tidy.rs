//! House rules of the project's own code, checked like rust-analyzer's tidy tests: every Rust
//! file opens with a `//!` paragraph saying what it owns, no line is wider than 100 columns, and
//! no placeholder macro is left behind. Generated files are the generator's, so only the drift
//! check judges them.

use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// The project's own Rust files: everything but `target/` and the generated crate's `src/`.
fn own_rust_files() -> Vec<PathBuf> {
    let root = workspace_root();
    let mut found = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(&root).unwrap();
            let skipped = relative.starts_with("target")
                || relative.starts_with("generated/src")
                || relative.starts_with(".git");
            if skipped {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    assert!(found.len() > 10, "only {} Rust files found", found.len());
    found
}

#[test]
fn every_file_opens_with_a_module_paragraph() {
    for path in own_rust_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("//! "), "{} has no `//!` paragraph", path.display());
    }
}

#[test]
fn no_line_is_wider_than_100_columns() {
    let mut wide = Vec::new();
    for path in own_rust_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        for (number, line) in text.lines().enumerate() {
            if line.chars().count() > 100 {
                wide.push(format!("{}:{}", path.display(), number + 1));
            }
        }
    }
    assert!(wide.is_empty(), "lines over 100 columns: {wide:#?}");
}

#[test]
fn no_placeholder_code_is_left() {
    let placeholders = [concat!("todo", "!("), concat!("unimplemented", "!(")];
    for path in own_rust_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        for placeholder in placeholders {
            assert!(!text.contains(placeholder), "{} has {placeholder}", path.display());
        }
    }
}
