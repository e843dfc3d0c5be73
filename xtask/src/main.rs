//! `cargo xtask`: the project's command line, a thin shell over the `codegen` library.
//!
//! `cargo xtask codegen` regenerates the crate in `generated/` from `docs-input/`; with
//! `--check` it changes nothing and fails when the crate is not what the docs produce. Errors
//! exit with status 1, usage errors with 2.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::time::Duration;

use clap::{Parser, Subcommand};
use codegen::diagnostic::plural;
use codegen::report;
use codegen::write::{self, Action};
use notify::{EventKind, RecursiveMode, Watcher};

/// The generator allocates and frees many small strings and token trees on every core; the
/// system allocator spent about a third of a run on the 10,000-file benchmark tree in its own
/// bookkeeping, mimalloc a small part of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The project's tasks.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Generate the types crate from the docs, or check that it is up to date.
    Codegen(CodegenArgs),
}

#[derive(Debug, clap::Args)]
struct CodegenArgs {
    /// The docs tree to read [default: docs-input]
    #[arg(long, value_name = "DIR")]
    docs: Option<PathBuf>,
    /// The crate folder to write [default: generated]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The config file with overrides [default: codegen.yaml]
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Use no config file: no overrides, links relative to the default site
    #[arg(long)]
    no_config: bool,
    /// Write nothing; fail if any generated file is stale, missing or orphaned
    #[arg(long, conflicts_with = "watch")]
    check: bool,
    /// After the first run, regenerate whenever the docs or the config change
    #[arg(long)]
    watch: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.task {
        Task::Codegen(args) => codegen(&args),
    }
}

/// The workspace root, where the defaults live, whatever folder the command runs in.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is in the workspace").to_owned()
}

/// A path as the user would type it from where the command runs: relative when it is inside
/// the current folder.
fn shown(path: &Path) -> PathBuf {
    let current = std::env::current_dir().ok();
    match current.as_deref().and_then(|dir| path.strip_prefix(dir).ok()) {
        Some(relative) if !relative.as_os_str().is_empty() => relative.to_owned(),
        _ => path.to_owned(),
    }
}

/// The folders and files of a run, with the defaults filled in.
struct Paths {
    docs: PathBuf,
    out: PathBuf,
    config: Option<PathBuf>,
}

impl Paths {
    fn of(args: &CodegenArgs) -> Paths {
        let root = workspace_root();
        let config = match (&args.config, args.no_config) {
            (_, true) => None,
            (Some(path), false) => Some(path.clone()),
            (None, false) => Some(shown(&root.join("codegen.yaml"))),
        };
        Paths {
            docs: args.docs.clone().unwrap_or_else(|| shown(&root.join("docs-input"))),
            out: args.out.clone().unwrap_or_else(|| shown(&root.join("generated"))),
            config,
        }
    }
}

fn codegen(args: &CodegenArgs) -> ExitCode {
    let paths = Paths::of(args);
    let status = run(args, &paths);
    if args.watch { watch(args, &paths) } else { status }
}

/// Regenerates whenever something under the docs folder or the config file changes. Bursts of
/// changes (an editor saving several files, a folder renamed) are batched into one run; a run
/// that fails reports its errors and leaves the last good output in place.
fn watch(args: &CodegenArgs, paths: &Paths) -> ExitCode {
    let (sender, events) = std::sync::mpsc::channel();
    let watcher = notify::recommended_watcher(sender).and_then(|mut watcher| {
        watcher.watch(&paths.docs, RecursiveMode::Recursive)?;
        if let Some(config) = paths.config.as_deref().filter(|c| c.exists()) {
            watcher.watch(config, RecursiveMode::NonRecursive)?;
        }
        Ok(watcher)
    });
    let _watcher = match watcher {
        Ok(watcher) => watcher,
        Err(error) => {
            eprintln!("error: cannot watch {}: {error}", paths.docs.display());
            return ExitCode::FAILURE;
        }
    };
    println!("watch: waiting for changes under {} (Ctrl-C stops)", paths.docs.display());
    while let Ok(first) = events.recv() {
        if !is_change(&first) {
            continue;
        }
        // The rest of a burst arrives within moments; a quiet spell ends the batch.
        let mut changed: BTreeSet<PathBuf> =
            first.map(|e| e.paths).unwrap_or_default().into_iter().collect();
        while let Ok(next) = events.recv_timeout(BATCH_QUIET) {
            if is_change(&next) {
                changed.extend(next.map(|e| e.paths).unwrap_or_default());
            }
        }
        println!("watch: {} path{} changed; regenerating", changed.len(), plural(changed.len()));
        let _ = run(args, paths);
    }
    ExitCode::SUCCESS
}

/// How long the docs must stay untouched before a batch of changes is regenerated.
const BATCH_QUIET: Duration = Duration::from_millis(300);

/// Whether an event changes what the generator reads. Reading a file is an event too, on some
/// systems, and the generator's own reads must not set off another run.
fn is_change(event: &notify::Result<notify::Event>) -> bool {
    match event {
        Ok(event) => !matches!(event.kind, EventKind::Access(_)),
        Err(error) => {
            eprintln!("warning: watching failed for a moment: {error}");
            false
        }
    }
}

/// One run: generate, then write or check, then report.
fn run(args: &CodegenArgs, paths: &Paths) -> ExitCode {
    let (docs, out) = (&paths.docs, &paths.out);
    let crate_name = crate_name(out);
    let request =
        codegen::Request { docs, config: paths.config.as_deref(), crate_name: &crate_name };

    let generation = match codegen::generate(&request) {
        Ok(generation) => generation,
        Err(failure) => {
            eprintln!("{failure}");
            return ExitCode::FAILURE;
        }
    };
    for warning in generation.rendered_warnings() {
        eprint!("{warning}");
    }
    let plan = match write::plan(out, &generation.files) {
        Ok(plan) => plan,
        Err(errors) => {
            for error in &errors {
                eprintln!("error: {error}");
            }
            eprintln!("error: nothing was written");
            return ExitCode::FAILURE;
        }
    };
    let warnings = generation.diagnostics.warnings().count();
    let read = format!(
        "{} docs file{}, {} type{}, {warnings} warning{}",
        generation.docs_read,
        plural(generation.docs_read),
        generation.types,
        plural(generation.types),
        plural(warnings)
    );

    // The old side of the report is what is on disk now, before anything is written.
    let changes = report::changes(out, &generation.files, &plan);
    if args.check {
        return check(out, &plan, &read, &changes, args);
    }
    if let Err(error) = write::apply(out, &generation.files, &plan) {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    for (path, action) in &plan.changes {
        println!("{action:>8} {}", out.join(path).display());
    }
    let count = |wanted: Action| plan.changes.values().filter(|a| **a == wanted).count();
    print!("{}", report::render(&changes));
    println!(
        "codegen: {read}; {} created, {} updated, {} removed, {} unchanged in {}",
        count(Action::Create),
        count(Action::Update),
        count(Action::Remove),
        plan.unchanged,
        out.display()
    );
    ExitCode::SUCCESS
}

fn check(
    out: &Path,
    plan: &write::Plan,
    read: &str,
    changes: &[report::Change],
    args: &CodegenArgs,
) -> ExitCode {
    if plan.is_empty() {
        println!("codegen --check: {read}; {} is up to date", out.display());
        print!("{}", report::render(changes));
        return ExitCode::SUCCESS;
    }
    for (path, action) in &plan.changes {
        let state = match action {
            Action::Create => "missing",
            Action::Update => "stale",
            Action::Remove => "orphaned",
        };
        eprintln!("{state:>9} {}", out.join(path).display());
    }
    eprintln!(
        "error: {} file{} in {} {} not what the docs produce; run `{}` to update",
        plan.changes.len(),
        plural(plan.changes.len()),
        out.display(),
        if plan.changes.len() == 1 { "is" } else { "are" },
        fix_command(args)
    );
    eprint!("{}", report::render(changes));
    ExitCode::FAILURE
}

/// The command that brings the output up to date: this one, without `--check`.
fn fix_command(args: &CodegenArgs) -> String {
    let mut command = String::from("cargo xtask codegen");
    let mut add = |flag: &str, path: &Option<PathBuf>| {
        if let Some(path) = path {
            command.push_str(&format!(" {flag} {}", path.display()));
        }
    };
    add("--docs", &args.docs);
    add("--out", &args.out);
    add("--config", &args.config);
    if args.no_config {
        command.push_str(" --no-config");
    }
    command
}

/// A package name for a new output crate, from its folder's name.
fn crate_name(out: &Path) -> String {
    let folder = out
        .canonicalize()
        .unwrap_or_else(|_| out.to_owned())
        .file_name()
        .map_or_else(|| "generated".to_owned(), |n| n.to_string_lossy().into_owned());
    let name: String = folder
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c.to_ascii_lowercase() } else { '-' })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) { name } else { format!("api-{name}") }
}
