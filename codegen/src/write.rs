//! Writing the output folder, or checking that it is up to date.
//!
//! The generator owns only the files under the crate's `src/` that carry the `@generated`
//! header. A plan compares what was generated with what is on disk first; then either nothing
//! happens (`--check`, or no change) or only the files whose bytes differ are written, so an
//! unchanged run touches no mtime and cargo rebuilds nothing. Writing is all or nothing: every
//! new text is written to a temporary file first and renamed into place only when all are
//! written, and a rename or removal that fails puts back every file already changed.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::{File, Permissions};
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

use tempfile::{NamedTempFile, TempPath};
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
    /// Reading a file of the output folder failed while planning.
    Io(String, io::Error),
    /// A step taken before any file was replaced or removed failed, so the folder is as it was.
    Unchanged {
        /// What could not be done.
        step: Step,
        /// The file it was done for.
        path: String,
        /// Why.
        error: io::Error,
    },
    /// Putting a new file in place or removing an orphan failed, and every file already changed
    /// was put back, so the folder is as it was.
    Restored {
        /// What could not be done.
        step: Step,
        /// The file it was done for.
        path: String,
        /// Why.
        error: io::Error,
    },
    /// As [`WriteError::Restored`], but putting back some of the files already changed failed
    /// too: the folder now mixes old and new output.
    Mixed {
        /// What could not be done.
        step: Step,
        /// The file it was done for.
        path: String,
        /// Why.
        error: io::Error,
        /// The files that could not be put back; every other file is as it was.
        unrestored: Vec<Unrestored>,
    },
}

/// One kind of step in carrying out a plan, as an error names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Writing a new text to a temporary file beside its target, making folders as needed.
    Write,
    /// Reading the old text of a file about to be replaced or removed.
    Read,
    /// Renaming the temporary file of a new file into place.
    Create,
    /// Renaming a temporary file over the file it replaces.
    Replace,
    /// Removing an orphan.
    Remove,
}

impl From<Action> for Step {
    fn from(action: Action) -> Step {
        match action {
            Action::Create => Step::Create,
            Action::Update => Step::Replace,
            Action::Remove => Step::Remove,
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Write => "write",
            Step::Read => "read the old text of",
            Step::Create => "create",
            Step::Replace => "replace",
            Step::Remove => "remove",
        })
    }
}

/// A file changed by a failed write that could not be put back as it was.
#[derive(Debug)]
pub struct Unrestored {
    /// The file.
    pub path: String,
    /// What had been done to it, and stays done.
    pub action: Action,
    /// Why putting it back failed.
    pub error: io::Error,
}

impl fmt::Display for Unrestored {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, error) = (&self.path, &self.error);
        match self.action {
            Action::Create => write!(f, "{path} is new and stays (removing it: {error})"),
            Action::Update => write!(f, "{path} holds the new text (restoring it: {error})"),
            Action::Remove => write!(f, "{path} is removed (restoring it: {error})"),
        }
    }
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
            WriteError::Unchanged { step, path, error } => {
                write!(f, "cannot {step} {path}: {error}; nothing in the output folder was changed")
            }
            WriteError::Restored { step, path, error } => write!(
                f,
                "cannot {step} {path}: {error}; every file already changed was restored, so the \
                 output folder is as it was"
            ),
            WriteError::Mixed { step, path, error, unrestored } => {
                write!(
                    f,
                    "cannot {step} {path}: {error}; restoring the files already changed failed \
                     for {} of them, so the output folder now mixes old and new output: ",
                    unrestored.len()
                )?;
                for (index, file) in unrestored.iter().enumerate() {
                    let separator = if index == 0 { "" } else { "; " };
                    write!(f, "{separator}{file}")?;
                }
                f.write_str("; every other file is as it was; run again once the cause is fixed")
            }
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

/// Carries out a plan so that the output folder ends either wholly up to date or exactly as it
/// was, byte for byte, with no temporary file left.
///
/// First every new text is written to a temporary file beside its target, and the old bytes of
/// every file to be replaced or removed are read; a failure there changes nothing, and the
/// temporary files and any folder made for them are removed. Only then is each temporary file
/// renamed over its target and each orphan removed, in path order. Should one of those steps
/// fail, every file already replaced, created or removed is put back (bytes, mode and mtime)
/// before the error is returned; the error says whether that worked, and names the files left
/// changed when it did not. Folders emptied by removed orphans go last, once nothing can fail.
pub fn apply(out: &Path, files: &BTreeMap<String, String>, plan: &Plan) -> Result<(), WriteError> {
    let mut new_folders = Vec::new();
    let staged = match stage(out, files, plan, &mut new_folders) {
        Ok(staged) => staged,
        Err(error) => {
            // The temporary files already went with the changes staged so far.
            remove_folders(&new_folders);
            return Err(error);
        }
    };
    if let Err(failure) = commit(out, staged) {
        let Failure { relative, action, error, done } = *failure;
        let unrestored = undo(out, done);
        remove_folders(&new_folders);
        let (step, path) = (Step::from(action), display(out, &relative));
        return Err(if unrestored.is_empty() {
            WriteError::Restored { step, path, error }
        } else {
            WriteError::Mixed { step, path, error, unrestored }
        });
    }
    remove_emptied_folders(out, plan);
    Ok(())
}

/// A file's bytes and the metadata that a restored copy takes back, so that putting it back
/// leaves nothing for cargo or an editor to notice.
struct Original {
    bytes: Vec<u8>,
    permissions: Permissions,
    modified: Option<SystemTime>,
}

/// One change of a plan, ready to be carried out by a rename or a removal.
struct Staged {
    relative: String,
    action: Action,
    /// The new text beside its target, deleted when dropped; `None` for an orphan.
    temporary: Option<TempPath>,
    /// The file as it is before the change; `None` for a new file.
    original: Option<Original>,
}

/// A change carried out, with what undoing it needs.
struct Done {
    relative: String,
    action: Action,
    original: Option<Original>,
}

/// The change that failed in the second phase, and those carried out before it.
struct Failure {
    relative: String,
    action: Action,
    error: io::Error,
    done: Vec<Done>,
}

/// The first phase: writes each new text beside its target and reads each file about to be
/// replaced or removed. Nothing in the folder is changed; on an error the temporary files
/// written so far are deleted as the staged changes are dropped.
fn stage(
    out: &Path,
    files: &BTreeMap<String, String>,
    plan: &Plan,
    new_folders: &mut Vec<PathBuf>,
) -> Result<Vec<Staged>, WriteError> {
    let mut staged = Vec::with_capacity(plan.changes.len());
    for (relative, &action) in &plan.changes {
        let path = out.join(relative);
        let unchanged =
            |step, error| WriteError::Unchanged { step, path: display(out, relative), error };
        let original = match action {
            Action::Create => None,
            Action::Update | Action::Remove => {
                let original =
                    read_original(&path).map_err(|error| unchanged(Step::Read, error))?;
                // The file may have changed hands since the plan was made.
                if !original.bytes.starts_with(HEADER_MARK.as_bytes()) {
                    return Err(WriteError::NotOurs(display(out, relative)));
                }
                Some(original)
            }
        };
        let temporary = match action {
            Action::Remove => None,
            Action::Create | Action::Update => Some(
                write_beside(&path, files[relative].as_bytes(), new_folders)
                    .map_err(|error| unchanged(Step::Write, error))?,
            ),
        };
        staged.push(Staged { relative: relative.clone(), action, temporary, original });
    }
    Ok(staged)
}

/// The second phase: renames each temporary file into place and removes each orphan, stopping
/// at the first failure. A new file never replaces one that appeared since the plan was made.
/// Every temporary file not renamed is deleted by the time this returns.
fn commit(out: &Path, staged: Vec<Staged>) -> Result<(), Box<Failure>> {
    let mut done = Vec::with_capacity(staged.len());
    for Staged { relative, action, temporary, original } in staged {
        let path = out.join(&relative);
        let result = match temporary {
            Some(temporary) if action == Action::Create => {
                temporary.persist_noclobber(&path).map_err(|failed| failed.error)
            }
            Some(temporary) => temporary.persist(&path).map_err(|failed| failed.error),
            None => std::fs::remove_file(&path),
        };
        match result {
            Ok(()) => done.push(Done { relative, action, original }),
            Err(error) => return Err(Box::new(Failure { relative, action, error, done })),
        }
    }
    Ok(())
}

/// Takes back the changes carried out, the last first: removes the new files and writes the
/// old ones back. Returns the files that could not be put back.
fn undo(out: &Path, done: Vec<Done>) -> Vec<Unrestored> {
    let mut unrestored = Vec::new();
    for Done { relative, action, original } in done.into_iter().rev() {
        let path = out.join(&relative);
        let result = match &original {
            None => std::fs::remove_file(&path),
            Some(original) => put_back(&path, original),
        };
        if let Err(error) = result {
            unrestored.push(Unrestored { path: display(out, &relative), action, error });
        }
    }
    unrestored.reverse();
    unrestored
}

/// Writes a file back as it was, through a temporary file so that it is never half written.
fn put_back(path: &Path, original: &Original) -> io::Result<()> {
    let mut temporary = temporary_beside(path)?;
    temporary.write_all(&original.bytes)?;
    let file = temporary.as_file();
    if let Some(modified) = original.modified {
        file.set_modified(modified)?;
    }
    file.set_permissions(original.permissions.clone())?;
    temporary.persist(path).map(drop).map_err(|failed| failed.error)
}

fn read_original(path: &Path) -> io::Result<Original> {
    let mut file = File::open(path)?;
    let metadata = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(Original { bytes, permissions: metadata.permissions(), modified: metadata.modified().ok() })
}

/// Writes `bytes` to a new temporary file beside `path`, making the folders it needs. The
/// file is closed once written: a large output would otherwise hold more files open than the
/// system allows.
fn write_beside(path: &Path, bytes: &[u8], new_folders: &mut Vec<PathBuf>) -> io::Result<TempPath> {
    if let Some(folder) = path.parent() {
        make_folders(folder, new_folders)?;
    }
    let mut temporary = temporary_beside(path)?;
    temporary.write_all(bytes)?;
    Ok(temporary.into_temp_path())
}

/// `.name.rs.XXXXXX.tmp` beside `name.rs`: hidden, never taken for a generated module, and
/// deleted when dropped unless renamed into place. Its mode is what a plain write would give,
/// not the owner-only mode of a temporary file, since it becomes the file itself.
fn temporary_beside(path: &Path) -> io::Result<NamedTempFile> {
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(folder)
}

/// Creates `folder` and whichever of its parents are missing, noting each one made, the
/// outermost first, so that a failed run can take them away again.
fn make_folders(folder: &Path, made: &mut Vec<PathBuf>) -> io::Result<()> {
    let missing: Vec<&Path> = folder
        .ancestors()
        .take_while(|f| !f.as_os_str().is_empty() && std::fs::symlink_metadata(f).is_err())
        .collect();
    for folder in missing.into_iter().rev() {
        std::fs::create_dir(folder)?;
        made.push(folder.to_owned());
    }
    Ok(())
}

/// Removes the folders a failed run made, the innermost first. Only empty ones go, so nothing
/// that appeared in them meanwhile is lost.
fn remove_folders(made: &[PathBuf]) {
    for folder in made.iter().rev() {
        let _ = std::fs::remove_dir(folder);
    }
}

/// Removes the folders under `src/` that removed orphans left empty.
fn remove_emptied_folders(out: &Path, plan: &Plan) {
    let src = out.join("src");
    for (relative, _) in plan.changes.iter().filter(|(_, a)| **a == Action::Remove) {
        let path = out.join(relative);
        let mut folder = path.parent();
        while let Some(dir) = folder.filter(|d| d.starts_with(&src) && *d != src) {
            // Only an empty folder is removed; anything else of the user's stays.
            if std::fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
    }
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

    /// Every folder and file under `root` with its mode, and each file's bytes and mtime, to
    /// tell whether a failed write left anything different, down to a temporary file or an
    /// empty folder. A folder's own mtime moves whenever an entry comes and goes, so it is left
    /// out.
    type Snapshot = BTreeMap<String, (Permissions, Option<(Vec<u8>, SystemTime)>)>;

    fn snapshot(root: &Path) -> Snapshot {
        WalkDir::new(root)
            .min_depth(1)
            .into_iter()
            .map(|entry| {
                let entry = entry.unwrap();
                let metadata = entry.metadata().unwrap();
                let file = metadata
                    .is_file()
                    .then(|| (std::fs::read(entry.path()).unwrap(), metadata.modified().unwrap()));
                let relative = slash_path(entry.path().strip_prefix(root).unwrap());
                (relative, (metadata.permissions(), file))
            })
            .collect()
    }

    const A: &str = "// @generated by `cargo xtask codegen`\n";

    #[test]
    fn a_write_that_fails_leaves_the_folder_as_it_was() {
        let out = tempfile::tempdir().unwrap();
        let generated = files(&[("src/lib.rs", LIB), ("src/a.rs", A)]);
        apply(out.path(), &generated, &plan(out.path(), &generated).unwrap()).unwrap();
        // A file where a folder must go makes a later write fail, after a changed file and a
        // new folder were written.
        std::fs::write(out.path().join("src/b"), "in the way").unwrap();
        let next = files(&[
            ("src/lib.rs", "// @generated by `cargo xtask codegen`\npub mod a;\npub mod b;\n"),
            ("src/a.rs", "// @generated by `cargo xtask codegen`\n// changed\n"),
            ("src/a_new/d.rs", A),
            ("src/b/c.rs", A),
        ]);
        let before = snapshot(out.path());
        // The plan is built by hand, as if the obstacle appeared after planning.
        let changes = [("src/lib.rs", Action::Update), ("src/a.rs", Action::Update)]
            .into_iter()
            .chain([("src/a_new/d.rs", Action::Create), ("src/b/c.rs", Action::Create)])
            .map(|(path, action)| (path.to_owned(), action))
            .collect();
        let error = apply(out.path(), &next, &Plan { changes, unchanged: 0 }).unwrap_err();
        assert!(matches!(error, WriteError::Unchanged { step: Step::Write, .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.starts_with("cannot write "), "{message}");
        assert!(message.contains("src/b/c.rs: "), "{message}");
        assert!(message.ends_with("; nothing in the output folder was changed"), "{message}");
        assert_eq!(snapshot(out.path()), before);
    }

    #[test]
    fn a_rename_that_fails_puts_back_every_file_already_changed() {
        let out = tempfile::tempdir().unwrap();
        let generated = files(&[("src/lib.rs", LIB), ("src/a.rs", A), ("src/old/gone.rs", A)]);
        apply(out.path(), &generated, &plan(out.path(), &generated).unwrap()).unwrap();
        // A folder with a file in it where the last new file goes: renaming onto it fails on
        // every system, after every other change was made.
        std::fs::create_dir_all(out.path().join("src/z.rs")).unwrap();
        std::fs::write(out.path().join("src/z.rs/inside"), "in the way").unwrap();
        let next = files(&[
            ("src/lib.rs", "// @generated by `cargo xtask codegen`\npub mod a;\npub mod z;\n"),
            ("src/a.rs", "// @generated by `cargo xtask codegen`\n// changed\n"),
            ("src/c/new.rs", A),
            ("src/z.rs", A),
        ]);
        let changes: BTreeMap<String, Action> = [
            ("src/a.rs", Action::Update),
            ("src/c/new.rs", Action::Create),
            ("src/lib.rs", Action::Update),
            ("src/old/gone.rs", Action::Remove),
            ("src/z.rs", Action::Create),
        ]
        .into_iter()
        .map(|(path, action)| (path.to_owned(), action))
        .collect();
        let before = snapshot(out.path());
        let error = apply(out.path(), &next, &Plan { changes, unchanged: 0 }).unwrap_err();
        assert!(matches!(error, WriteError::Restored { step: Step::Create, .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.starts_with("cannot create "), "{message}");
        assert!(message.contains("src/z.rs: "), "{message}");
        assert!(message.ends_with("so the output folder is as it was"), "{message}");
        assert_eq!(snapshot(out.path()), before);
    }

    #[test]
    fn an_orphan_that_cannot_be_read_changes_nothing() {
        let out = tempfile::tempdir().unwrap();
        let generated = files(&[("src/lib.rs", LIB), ("src/a.rs", A)]);
        apply(out.path(), &generated, &plan(out.path(), &generated).unwrap()).unwrap();
        let next = files(&[("src/lib.rs", "// @generated by `cargo xtask codegen`\n")]);
        let plan = plan(out.path(), &next).unwrap();
        // The orphan turns into a folder after planning; a folder is never removed as a file.
        std::fs::remove_file(out.path().join("src/a.rs")).unwrap();
        std::fs::create_dir_all(out.path().join("src/a.rs/inside")).unwrap();
        let before = snapshot(out.path());
        let error = apply(out.path(), &next, &plan).unwrap_err();
        assert!(matches!(error, WriteError::Unchanged { step: Step::Read, .. }), "{error:?}");
        assert_eq!(snapshot(out.path()), before);
    }

    #[test]
    fn restoring_that_fails_names_the_files_left_changed() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("src/new.rs/inside")).unwrap();
        std::fs::write(out.path().join("src/kept.rs"), A).unwrap();
        let original = read_original(&out.path().join("src/kept.rs")).unwrap();
        // A new file that turned into a folder cannot be removed; the other one is put back.
        let done = vec![
            Done { relative: "src/kept.rs".to_owned(), action: Action::Update, original: None },
            Done { relative: "src/new.rs".to_owned(), action: Action::Create, original: None },
            Done {
                relative: "src/old.rs".to_owned(),
                action: Action::Remove,
                original: Some(original),
            },
        ];
        let unrestored = undo(out.path(), done);
        assert_eq!(std::fs::read_to_string(out.path().join("src/old.rs")).unwrap(), A);
        assert!(!out.path().join("src/kept.rs").exists());
        let paths: Vec<_> = unrestored.iter().map(|u| u.path.clone()).collect();
        assert_eq!(paths, [display(out.path(), "src/new.rs")]);
        let error = WriteError::Mixed {
            step: Step::Replace,
            path: display(out.path(), "src/z.rs"),
            error: io::Error::other("disk on fire"),
            unrestored,
        };
        let message = error.to_string();
        let new = display(out.path(), "src/new.rs");
        assert!(message.contains("disk on fire; restoring the files already changed"), "{message}");
        assert!(message.contains("now mixes old and new output"), "{message}");
        assert!(message.contains(&format!("{new} is new and stays (removing it: ")), "{message}");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_the_mode_of_a_plain_write() {
        use std::os::unix::fs::PermissionsExt;
        let out = tempfile::tempdir().unwrap();
        let generated = files(&[("src/lib.rs", LIB)]);
        apply(out.path(), &generated, &plan(out.path(), &generated).unwrap()).unwrap();
        std::fs::write(out.path().join("plain"), "").unwrap();
        let mode = |path: &str| {
            std::fs::metadata(out.path().join(path)).unwrap().permissions().mode() & 0o777
        };
        assert_eq!(mode("src/lib.rs"), mode("plain"));
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
