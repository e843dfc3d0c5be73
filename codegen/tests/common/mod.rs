//! Helpers shared by the integration tests: docs trees written in a temporary folder, and
//! runs of the generator over them.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::{Generation, Request, diagnostic::Failure};

/// The workspace root, where `docs-input`, `codegen.yaml` and `generated` are.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// Writes `files` (path relative to the root, text) into a new temporary folder.
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    write_files(root.path(), files);
    root
}

/// Writes `files` under `root`, creating folders as needed.
pub fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Runs the generator on a docs folder, with an optional config file.
pub fn generate(docs: &Path, config: Option<&Path>) -> Result<Generation, Failure> {
    codegen::generate(&Request { docs, config, crate_name: "demo" })
}

/// Runs the generator and expects success.
pub fn generate_ok(docs: &Path, config: Option<&Path>) -> Generation {
    generate(docs, config).unwrap_or_else(|failure| panic!("generation failed:\n{failure}"))
}

/// Runs the generator and expects failure; returns each error as one line.
pub fn generate_errors(docs: &Path) -> Vec<String> {
    match generate(docs, None) {
        Ok(generation) => panic!("expected errors, got {:?}", generation.files.keys()),
        Err(failure) => failure.error_lines(),
    }
}

/// Reads every file under a folder, by path relative to it.
pub fn read_folder(root: &Path) -> BTreeMap<String, String> {
    walkdir(root)
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            (relative, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// Every folder and file under a folder, by path relative to it: each file with its bytes,
/// each folder with `None`, so that a comparison sees an empty folder or a stray temporary file
/// as well as changed text.
pub fn read_everything(root: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            if path.is_dir() {
                found.insert(relative, None);
                stack.push(path);
            } else {
                found.insert(relative, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    found
}

fn walkdir(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { stack.push(path) } else { found.push(path) }
        }
    }
    found
}

/// Error lines with the temporary folder's path taken out, so tests compare stable text.
pub fn strip_root(lines: &[String], root: &Path) -> Vec<String> {
    let prefix = format!("{}/", root.display());
    lines.iter().map(|line| line.replace(&prefix, "")).collect()
}

/// The `../shared` folder, or `$SHARED_DIR`; panics with the path tried when it is not there,
/// so the suite that needs it fails rather than skips.
pub fn shared_dir() -> PathBuf {
    // A relative `SHARED_DIR` is taken from the workspace root, where the user types the
    // command; cargo runs the tests from the package's folder.
    let path = std::env::var_os("SHARED_DIR")
        .map(|dir| workspace_root().join(dir))
        .unwrap_or_else(|| workspace_root().join("../shared"));
    assert!(path.is_dir(), "the shared folder is missing at {}; set SHARED_DIR", path.display());
    path
}

/// Writes a generation into a new crate folder that is a workspace of its own, so cargo does
/// not look for one above the temporary folder.
pub fn write_crate(generation: &Generation) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let manifest = format!("{}\n[workspace]\n", generation.files["Cargo.toml"]);
    std::fs::write(out.path().join("Cargo.toml"), manifest).unwrap();
    let plan = codegen::write::plan(out.path(), &generation.files).unwrap();
    codegen::write::apply(out.path(), &generation.files, &plan).unwrap();
    out
}

/// Runs cargo in a generated crate, offline, with one extra environment variable, and panics
/// when it fails. The workspace's target folder already holds serde, so builds stay fast.
pub fn cargo_in(dir: &Path, args: &[&str], env: (&str, &str)) {
    let status = std::process::Command::new(env!("CARGO"))
        .args(args)
        .args(["--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", workspace_root().join("target/shared-suite"))
        .env(env.0, env.1)
        .status()
        .unwrap();
    assert!(status.success(), "`cargo {}` fails in the generated crate", args.join(" "));
}
