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
//! - `floor`: the tree's `.mdx` files listed with walkdir, every one read, its frontmatter split
//!   off the simple way and parsed with `serde_yaml` into a `Value`, the files spread over the
//!   cores with rayon as the generator spreads them; `floor_serial` does the same on one thread.
//! - `pipeline`: `codegen::generate`, every step up to the formatted files, in memory.
//! - `check`: what `cargo xtask codegen --check` does when nothing changed, the process aside:
//!   `generate`, then `write::plan` against a folder written before timing; the plan is empty.
//! - `warnings`: rendering every warning with its snippet, as the command prints them to
//!   stderr (the three smaller trees only).

mod trees;

use std::path::PathBuf;

use divan::Bencher;
use trees::{ALL, config_for, generate, mdx_files, parse_frontmatter, scratch, tree_dir};

/// The allocator `cargo xtask codegen` runs with, so the benchmark times what users run; the
/// floor gets it too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    eprintln!("rayon threads: {} (set RAYON_NUM_THREADS=1 for one)", rayon::current_num_threads());
    divan::main();
}

const SMALLER: &[&str] = &["docs-input", "workos-docs", "corpus-1000"];

/// Each timed function gets at most this long, so the whole run on two cores stays within a few
/// minutes; the 10,000-file tree gets a handful of samples, the small trees many more.
const MAX_SECONDS: f64 = 12.0;

#[divan::bench(args = ALL, sample_count = 50, sample_size = 1, max_time = MAX_SECONDS)]
fn floor(bencher: Bencher, tree: &str) {
    let dir = tree_dir(tree);
    bencher.bench(|| trees::floor(dir));
}

#[divan::bench(args = ALL, sample_count = 50, sample_size = 1, max_time = MAX_SECONDS)]
fn floor_serial(bencher: Bencher, tree: &str) {
    let dir = tree_dir(tree);
    bencher.bench(|| mdx_files(dir).iter().map(|path| parse_frontmatter(path)).sum::<usize>());
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

/// The tree's output generated and written once, before timing, as the last run left it.
fn written_output(tree: &str) -> PathBuf {
    let out = scratch().join(format!("out-{tree}"));
    let generation = generate(tree_dir(tree), config_for(tree).as_deref());
    let plan = codegen::write::plan(&out, &generation.files).expect("the folder is ours");
    codegen::write::apply(&out, &generation.files, &plan).expect("the output is written");
    out
}
