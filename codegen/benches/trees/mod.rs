//! What both benchmarks share: the trees they time, written on first use, and the two pieces of
//! work they compare, the floor's and the generator's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use codegen::{Generation, Request};
use rayon::prelude::*;
use walkdir::WalkDir;

/// Every tree, smallest first.
pub const ALL: &[&str] = &["docs-input", "workos-docs", "corpus-1000", "corpus-10000"];

/// The floor over a tree: its `.mdx` files listed, then every one read and its frontmatter
/// parsed, the files spread over the cores with rayon as the generator spreads them. Listing is
/// part of it because the generator is given a folder too, and must find its files before it
/// can read them. Returns how many files had frontmatter.
pub fn floor(root: &Path) -> usize {
    mdx_files(root).par_iter().map(|path| parse_frontmatter(path)).sum()
}

/// The floor's work for one file: read it, split the frontmatter (the file starts with `---`
/// and the frontmatter ends at the next line that starts with `---`), parse it.
pub fn parse_frontmatter(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).expect("a docs file reads");
    // A byte-order mark and CRLF lines are allowed, so that no file is skipped that the
    // generator reads.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return 0;
    };
    let end = rest.find("\n---").unwrap_or(rest.len());
    let value: serde_yaml::Value =
        serde_yaml::from_str(&rest[..end]).expect("the frontmatter is YAML");
    usize::from(!value.is_null())
}

pub fn generate(docs: &Path, config: Option<&Path>) -> Generation {
    let request = Request { docs, config, crate_name: "bench-types" };
    match codegen::generate(&request) {
        Ok(generation) => generation,
        Err(failure) => panic!("{} does not generate:\n{failure}", docs.display()),
    }
}

/// The `.mdx` files under `root`, in path order, as the generator lists them.
pub fn mdx_files(root: &Path) -> Vec<PathBuf> {
    WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "mdx"))
        .map(|e| e.into_path())
        .collect()
}

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("codegen is in the workspace")
}

fn shared() -> PathBuf {
    std::env::var_os("SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared"))
}

/// Where the synthetic trees and the written outputs go: never inside the repo's tracked files.
pub fn scratch() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
        .join("bench-corpus")
}

/// `docs-input` is generated with the project's `codegen.yaml`, as `cargo xtask codegen` does;
/// the other trees with no config, as `--no-config`.
pub fn config_for(tree: &str) -> Option<PathBuf> {
    (tree == "docs-input").then(|| workspace().join("codegen.yaml"))
}

/// The folder of a tree, the synthetic ones written on first use.
pub fn tree_dir(tree: &str) -> &'static Path {
    static TREES: OnceLock<Mutex<BTreeMap<String, &'static Path>>> = OnceLock::new();
    let mut trees = TREES.get_or_init(Default::default).lock().unwrap();
    if let Some(dir) = trees.get(tree) {
        return dir;
    }
    let dir = match tree {
        "docs-input" => workspace().join("docs-input"),
        "workos-docs" => shared().join("workos-docs"),
        _ => {
            let files: usize = tree.strip_prefix("corpus-").and_then(|n| n.parse().ok()).unwrap();
            make_corpus(files)
        }
    };
    assert!(dir.is_dir(), "{} is missing", dir.display());
    let dir: &'static Path = Box::leak(dir.into_boxed_path());
    trees.insert(tree.to_owned(), dir);
    dir
}

/// Writes `make-corpus --files N` into `target/bench-corpus/corpus-N`, once: a tree already there
/// from the same generator is kept.
fn make_corpus(files: usize) -> PathBuf {
    let generator = shared().join("bench/make-corpus");
    assert!(generator.is_file(), "{} is missing; set SHARED_DIR", generator.display());
    let dir = scratch().join(format!("corpus-{files}"));
    let stamp = dir.join(".made-by");
    let wanted = format!("{} --files {files}\n", generator.display());
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("writing {} ({files} files)", dir.display());
    let status = Command::new("python3")
        .arg(&generator)
        .arg(&dir)
        .args(["--files", &files.to_string()])
        .status()
        .expect("python3 runs make-corpus");
    assert!(status.success(), "make-corpus failed");
    std::fs::write(&stamp, wanted).unwrap();
    dir
}
