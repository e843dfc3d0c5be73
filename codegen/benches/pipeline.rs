//! The generator's speed against the floor: reading the docs and parsing their frontmatter with
//! serde_yaml and nothing else.
//!
//! ```sh
//! cargo bench -p codegen --bench pipeline                         # both cores
//! RAYON_NUM_THREADS=1 cargo bench -p codegen --bench pipeline     # one core, to show the gain
//! bench/run                                                       # both, and the figures beside
//! ```
//!
//! Four trees: `docs-input/`, the real reference in `../shared/workos-docs`, and two synthetic
//! trees of 1,000 and 10,000 files written by `../shared/bench/make-corpus` into
//! `target/bench-corpus/` (set `SHARED_DIR` when `shared/` is elsewhere). Each tree is:
//!
//! - `floor`: every `.mdx` file read, its frontmatter split off the simple way and parsed with
//!   `serde_yaml` into a `Value`, the files spread over the cores with rayon as the generator
//!   spreads them; `floor_serial` does the same on one thread.
//! - `pipeline`: `codegen::generate`, every step up to the formatted files, in memory.
//! - `check`: what `cargo xtask codegen --check` does when nothing changed, the process aside:
//!   `generate`, then `write::plan` against a folder written before timing; the plan is empty.
//! - `warnings`: rendering every warning with its snippet, as the command prints them to
//!   stderr (the three smaller trees only).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use codegen::{Generation, Request};
use divan::Bencher;
use rayon::prelude::*;
use walkdir::WalkDir;

/// The allocator `cargo xtask codegen` runs with, so the benchmark times what users run; the
/// floor gets it too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    eprintln!("rayon threads: {} (set RAYON_NUM_THREADS=1 for one)", rayon::current_num_threads());
    divan::main();
}

const ALL: &[&str] = &["docs-input", "workos-docs", "corpus-1000", "corpus-10000"];
const SMALLER: &[&str] = &["docs-input", "workos-docs", "corpus-1000"];

/// Each timed function gets at most this long, so the whole run on two cores stays within a few
/// minutes; the 10,000-file tree gets a handful of samples, the small trees many more.
const MAX_SECONDS: f64 = 12.0;

#[divan::bench(args = ALL, sample_count = 50, sample_size = 1, max_time = MAX_SECONDS)]
fn floor(bencher: Bencher, tree: &str) {
    let paths = mdx_files(tree_dir(tree));
    bencher.bench(|| paths.par_iter().map(|path| parse_frontmatter(path)).sum::<usize>());
}

#[divan::bench(args = ALL, sample_count = 50, sample_size = 1, max_time = MAX_SECONDS)]
fn floor_serial(bencher: Bencher, tree: &str) {
    let paths = mdx_files(tree_dir(tree));
    bencher.bench(|| paths.iter().map(|path| parse_frontmatter(path)).sum::<usize>());
}

#[divan::bench(args = ALL, sample_count = 50, sample_size = 1, max_time = MAX_SECONDS)]
fn pipeline(bencher: Bencher, tree: &str) {
    let dir = tree_dir(tree);
    let config = config_for(tree);
    bencher.bench(|| generate(dir, config.as_deref()).files.len());
}

#[divan::bench(args = ALL, sample_count = 50, sample_size = 1, max_time = MAX_SECONDS)]
fn check(bencher: Bencher, tree: &str) {
    let dir = tree_dir(tree);
    let config = config_for(tree);
    let out = written_output(tree);
    bencher.bench(|| {
        let generation = generate(dir, config.as_deref());
        let plan = codegen::write::plan(&out, &generation.files).expect("the folder is ours");
        assert!(plan.is_empty(), "nothing changed, yet the plan for {tree} is {plan:?}");
        plan.unchanged
    });
}

#[divan::bench(args = SMALLER, sample_count = 50, sample_size = 1, max_time = MAX_SECONDS)]
fn warnings(bencher: Bencher, tree: &str) {
    let generation = generate(tree_dir(tree), config_for(tree).as_deref());
    bencher.bench(|| generation.rendered_warnings().len());
}

/// The floor's work for one file: read it, split the frontmatter (the file starts with `---\n`
/// and the frontmatter ends at the next `\n---\n`), parse it.
fn parse_frontmatter(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).expect("a docs file reads");
    let Some(rest) = text.strip_prefix("---\n") else { return 0 };
    let end = rest.find("\n---\n").unwrap_or(rest.len());
    let value: serde_yaml::Value =
        serde_yaml::from_str(&rest[..end]).expect("the frontmatter is YAML");
    usize::from(!value.is_null())
}

fn generate(docs: &Path, config: Option<&Path>) -> Generation {
    let request = Request { docs, config, crate_name: "bench-types" };
    match codegen::generate(&request) {
        Ok(generation) => generation,
        Err(failure) => panic!("{} does not generate:\n{failure}", docs.display()),
    }
}

fn mdx_files(root: &Path) -> Vec<PathBuf> {
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
fn scratch() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
        .join("bench-corpus")
}

/// `docs-input` is generated with the project's `codegen.yaml`, as `cargo xtask codegen` does;
/// the other trees with no config, as `--no-config`.
fn config_for(tree: &str) -> Option<PathBuf> {
    (tree == "docs-input").then(|| workspace().join("codegen.yaml"))
}

/// The folder of a tree, the synthetic ones written on first use.
fn tree_dir(tree: &str) -> &'static Path {
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

/// The tree's output generated and written once, before timing, as the last run left it.
fn written_output(tree: &str) -> PathBuf {
    let out = scratch().join(format!("out-{tree}"));
    let generation = generate(tree_dir(tree), config_for(tree).as_deref());
    let plan = codegen::write::plan(&out, &generation.files).expect("the folder is ours");
    codegen::write::apply(&out, &generation.files, &plan).expect("the output is written");
    out
}
