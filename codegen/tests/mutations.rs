//! Real docs files, mutated at random (bytes, lines, YAML fragments), never make the generator
//! panic: every run over the real reference with one file mutated ends with output that parses
//! as Rust, or with errors that each point at a line of a file.
//!
//! Part of the `../shared` suite; `PROPTEST_CASES` bounds the number of cases (256 unless set).

mod common;

use std::path::PathBuf;

use proptest::prelude::*;

use common::{generate, shared_dir};

/// Every docs file of the real reference that has frontmatter, in path order, read once.
fn real_files() -> &'static [(String, Vec<u8>)] {
    static FILES: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    FILES.get_or_init(read_real_files)
}

fn read_real_files() -> Vec<(String, Vec<u8>)> {
    let root = shared_dir().join("workos-docs");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "mdx") {
                files.push(path);
            }
        }
    }
    files.sort();
    let files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
            (relative, std::fs::read(&path).unwrap())
        })
        .filter(|(_, bytes)| bytes.starts_with(b"---"))
        .collect();
    assert!(files.len() > 100, "only {} real files found", files.len());
    files
}

/// Lines and bits of YAML that break docs in the ways people do.
const FRAGMENTS: &[&str] = &[
    "  - key:",
    "type: [",
    "        - key: type",
    "          type: '\"a\" | \"b\"'",
    "          type: timestamp",
    "description: (nowhere.at_all)",
    "properties:",
    "\t",
    "---",
    "  json: 3",
    "        - key: id",
    "    self: (user.self)",
    "&anchor",
    "*anchor",
    "key: \"unterminated",
    "- - -",
    "\u{feff}",
];

/// One change to a file.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    InsertFragment(usize, usize),
    SetByte(usize, u8),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), 0..FRAGMENTS.len()).prop_map(|(a, f)| Mutation::InsertFragment(a, f)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::SetByte(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &[u8], mutation: &Mutation) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let line = |n: usize| n % lines.len().max(1);
    match *mutation {
        Mutation::DeleteLine(n) => {
            let at = line(n);
            lines.remove(at);
        }
        Mutation::DuplicateLine(n) => {
            let at = line(n);
            lines.insert(at, lines[at].clone());
        }
        Mutation::SwapLines(a, b) => {
            let (a, b) = (line(a), line(b));
            lines.swap(a, b);
        }
        Mutation::InsertFragment(n, fragment) => {
            let at = line(n);
            lines.insert(at, FRAGMENTS[fragment].as_bytes().to_vec());
        }
        Mutation::SetByte(n, byte) => {
            let mut flat = bytes.to_vec();
            if !flat.is_empty() {
                let at = n % flat.len();
                flat[at] = byte;
            }
            return flat;
        }
        Mutation::Truncate(n) => return bytes[..n % (bytes.len() + 1)].to_vec(),
    }
    lines.join(&b'\n')
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256),
        // A failure prints the input that shows it; the suite writes nothing into the tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_real_files_give_output_or_located_errors(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let files = real_files();
        let (relative, original) = &files[pick.index(files.len())];
        let mut bytes = original.clone();
        for change in &mutations {
            bytes = apply(&bytes, change);
        }
        // The mutated file goes into a copy of the whole reference, so its references to
        // other files resolve and the run gets past resolving into lowering and emitting.
        let docs = tempfile::tempdir().unwrap();
        for (other, text) in files {
            let path = docs.path().join(other);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, if other == relative { &bytes } else { text }).unwrap();
        }

        match generate(docs.path(), None) {
            Ok(generation) => {
                for (name, text) in &generation.files {
                    if name.ends_with(".rs") {
                        prop_assert!(syn::parse_file(text).is_ok(), "{name} does not parse");
                    }
                }
            }
            Err(failure) => {
                let errors: Vec<_> = failure.diagnostics.errors().collect();
                prop_assert!(!errors.is_empty());
                for error in errors {
                    prop_assert!(error.span.is_some(), "unlocated error: {}", error.message);
                }
            }
        }
    }
}
