//! Writing the output folder, or checking that it is up to date.
//!
//! The generator owns only the files under the crate's `src/` that carry the `@generated`
//! header. A plan compares what was generated with what is on disk first; then either nothing
//! happens (`--check`, or no change) or only the files whose bytes differ are written, each
//! through a temporary file renamed into place, so an unchanged run touches no mtime and cargo
//! rebuilds nothing.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::emit::HEADER_MARK;
use crate::source::slash_path;

/// What will happen to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    /// The file does not exist yet.
    Create,
    /// The file exists with other bytes.
    Update,
    /// A generated file whose source is gone.
    Remove,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Create => "created",
            Action::Update => "updated",
            Action::Remove => "removed",
        })
    }
}

/// The difference between the generated files and the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Each file to change, by path relative to the output folder, in path order.
    pub changes: BTreeMap<String, Action>,
    /// How many generated files are already up to date.
    pub unchanged: usize,
}

impl Plan {
    /// Whether the output folder is already what the docs produce.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Why the output folder cannot be brought up to date.
#[derive(Debug)]
pub enum WriteError {
    /// A generated path would overwrite a file the generator does not own.
    NotOurs(String),
    /// A generated path would leave the output folder.
    Escapes(String),
    /// Reading or writing failed.
    Io(String, io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::NotOurs(path) => write!(
                f,
                "{path} exists without the `{HEADER_MARK}` header, so it is not the generator's \
                 to overwrite; move it away or rename the type that would go there"
            ),
            WriteError::Escapes(path) => {
                write!(f, "{path} would be written outside the output folder")
            }
            WriteError::Io(path, err) => write!(f, "{path}: {err}"),
        }
    }
}

impl std::error::Error for WriteError {}

/// Whether a file's text carries the generator's header.
pub fn is_generated(text: &str) -> bool {
    text.starts_with(HEADER_MARK)
}

/// Compares generated `files` (paths relative to `out`) with the folder. `Cargo.toml` and other
/// files outside `src/` are only ever created, never replaced.
pub fn plan(out: &Path, files: &BTreeMap<String, String>) -> Result<Plan, Vec<WriteError>> {
    let mut plan = Plan::default();
    let mut errors = Vec::new();
    for (relative, text) in files {
        if !stays_inside(relative) {
            errors.push(WriteError::Escapes(relative.clone()));
            continue;
        }
        let path = out.join(relative);
        match std::fs::read(&path) {
            Ok(existing) if existing == text.as_bytes() => plan.unchanged += 1,
            Ok(_) if !relative.starts_with("src/") => plan.unchanged += 1,
            Ok(existing) if !is_generated(&String::from_utf8_lossy(&existing)) => {
                errors.push(WriteError::NotOurs(display(out, relative)));
            }
            Ok(_) => {
                plan.changes.insert(relative.clone(), Action::Update);
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                plan.changes.insert(relative.clone(), Action::Create);
            }
            Err(err) => errors.push(WriteError::Io(display(out, relative), err)),
        }
    }
    for orphan in generated_files(out) {
        if !files.contains_key(&orphan) {
            plan.changes.insert(orphan, Action::Remove);
        }
    }
    if errors.is_empty() { Ok(plan) } else { Err(errors) }
}

/// The files under `out/src` that carry the generator's header, by path relative to `out`.
pub fn generated_files(out: &Path) -> Vec<String> {
    let src = out.join("src");
    WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "rs"))
        .filter(|entry| {
            std::fs::read(entry.path()).is_ok_and(|bytes| bytes.starts_with(HEADER_MARK.as_bytes()))
        })
        .filter_map(|entry| Some(slash_path(entry.path().strip_prefix(out).ok()?)))
        .collect()
}

/// Carries out a plan in two phases: every new text is first written to a temporary file
/// beside its target, and only when all of them are written are they renamed into place and
/// orphans removed. A disk that fills up or a folder that cannot be created in the first phase
/// leaves every file of the output folder as it was (a new folder may stay, empty).
pub fn apply(out: &Path, files: &BTreeMap<String, String>, plan: &Plan) -> Result<(), WriteError> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (relative, _) in plan.changes.iter().filter(|(_, a)| **a != Action::Remove) {
        let path = out.join(relative);
        let temporary = temporary_path(&path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&temporary, &files[relative]));
        if let Err(err) = written {
            for (temporary, _) in &staged {
                let _ = std::fs::remove_file(temporary);
            }
            let _ = std::fs::remove_file(&temporary);
            return Err(WriteError::Io(display(out, relative), err));
        }
        staged.push((temporary, path));
    }
    for (temporary, path) in &staged {
        std::fs::rename(temporary, path)
            .map_err(|err| WriteError::Io(path.display().to_string(), err))?;
    }
    for (relative, _) in plan.changes.iter().filter(|(_, a)| **a == Action::Remove) {
        let path = out.join(relative);
        std::fs::remove_file(&path).map_err(|err| WriteError::Io(display(out, relative), err))?;
        let src = out.join("src");
        let mut folder = path.parent();
        while let Some(dir) = folder.filter(|d| d.starts_with(&src) && *d != src) {
            // Only an empty folder is removed; anything else of the user's stays.
            if std::fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
    }
    Ok(())
}

/// `.name.rs.tmp` beside `name.rs`: hidden, and never taken for a generated module.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.tmp"))
}

fn stays_inside(relative: &str) -> bool {
    let path = Path::new(relative);
    !relative.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

fn display(out: &Path, relative: &str) -> String {
    out.join(relative).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries.iter().map(|(p, t)| ((*p).to_owned(), (*t).to_owned())).collect()
    }

    const LIB: &str = "// @generated by `cargo xtask codegen`\npub mod a;\n";

    #[test]
    fn plan_then_apply_then_nothing_to_do() {
        let out = tempfile::tempdir().unwrap();
        let generated =
            files(&[("src/lib.rs", LIB), ("src/a.rs", "// @generated by `cargo xtask codegen`\n")]);
        let first = plan(out.path(), &generated).unwrap();
        assert_eq!(first.changes.values().copied().collect::<Vec<_>>(), [Action::Create; 2]);
        apply(out.path(), &generated, &first).unwrap();
        let second = plan(out.path(), &generated).unwrap();
        assert!(second.is_empty());
        assert_eq!(second.unchanged, 2);
    }

    #[test]
    fn orphans_with_header_go_and_other_files_stay() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("src/old")).unwrap();
        std::fs::write(
            out.path().join("src/old/gone.rs"),
            "// @generated by `cargo xtask codegen`\n",
        )
        .unwrap();
        std::fs::write(out.path().join("src/mine.rs"), "// written by hand\n").unwrap();
        let generated = files(&[("src/lib.rs", LIB)]);
        let plan = plan(out.path(), &generated).unwrap();
        assert_eq!(plan.changes.get("src/old/gone.rs"), Some(&Action::Remove));
        assert!(!plan.changes.contains_key("src/mine.rs"));
        apply(out.path(), &generated, &plan).unwrap();
        assert!(!out.path().join("src/old").exists());
        assert!(out.path().join("src/mine.rs").exists());
    }

    #[test]
    fn another_generators_file_is_not_ours() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("src")).unwrap();
        std::fs::write(out.path().join("src/other.rs"), "// @generated by protoc\n").unwrap();
        let plan = plan(out.path(), &files(&[("src/lib.rs", LIB)])).unwrap();
        assert!(!plan.changes.contains_key("src/other.rs"));
    }

    #[test]
    fn a_file_without_header_is_never_overwritten() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("src")).unwrap();
        std::fs::write(out.path().join("src/lib.rs"), "fn main() {}\n").unwrap();
        let errors = plan(out.path(), &files(&[("src/lib.rs", LIB)])).unwrap_err();
        assert!(matches!(&errors[..], [WriteError::NotOurs(_)]));
    }

    #[test]
    fn a_write_that_fails_leaves_the_folder_as_it_was() {
        let out = tempfile::tempdir().unwrap();
        let generated =
            files(&[("src/lib.rs", LIB), ("src/a.rs", "// @generated by `cargo xtask codegen`\n")]);
        apply(out.path(), &generated, &plan(out.path(), &generated).unwrap()).unwrap();
        // A file where a folder must go makes the second write fail after the first.
        std::fs::write(out.path().join("src/b"), "in the way").unwrap();
        let next = files(&[
            ("src/lib.rs", "// @generated by `cargo xtask codegen`\npub mod a;\npub mod b;\n"),
            ("src/a.rs", "// @generated by `cargo xtask codegen`\n// changed\n"),
            ("src/b/c.rs", "// @generated by `cargo xtask codegen`\n"),
        ]);
        let before = std::fs::read_dir(out.path().join("src")).unwrap().count();
        // The plan is built by hand, as if the obstacle appeared after planning.
        let changes = [("src/lib.rs", Action::Update), ("src/a.rs", Action::Update)]
            .into_iter()
            .chain([("src/b/c.rs", Action::Create)])
            .map(|(path, action)| (path.to_owned(), action))
            .collect();
        let result = apply(out.path(), &next, &Plan { changes, unchanged: 0 });
        assert!(matches!(result, Err(WriteError::Io(..))));
        assert_eq!(std::fs::read_to_string(out.path().join("src/lib.rs")).unwrap(), LIB);
        assert_eq!(
            std::fs::read_to_string(out.path().join("src/a.rs")).unwrap(),
            "// @generated by `cargo xtask codegen`\n"
        );
        assert_eq!(std::fs::read_dir(out.path().join("src")).unwrap().count(), before);
    }

    #[test]
    fn cargo_toml_is_created_but_never_replaced() {
        let out = tempfile::tempdir().unwrap();
        std::fs::write(out.path().join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
        let plan = plan(out.path(), &files(&[("Cargo.toml", "[package]\n")])).unwrap();
        assert!(plan.is_empty());
    }

    #[test]
    fn paths_leaving_the_folder_are_refused() {
        let out = tempfile::tempdir().unwrap();
        let errors = plan(out.path(), &files(&[("../x.rs", ""), ("/abs.rs", "")])).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().all(|e| matches!(e, WriteError::Escapes(_))));
    }
}
