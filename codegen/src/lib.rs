//! Turns API reference docs written as MDX with YAML frontmatter into a crate of documented
//! serde types.
//!
//! One module per step, in the order data flows through them:
//! [`source`] reads the tree and finds each file's frontmatter, [`yaml`] parses it into a tree
//! that remembers lines, [`model`] reads that tree as entries and properties, [`lower`] binds
//! descriptions ([`resolve`]) and type names across all files and builds the [`ir`], [`emit`]
//! turns the IR into formatted Rust, and [`write`](mod@write) brings the output folder up to
//! date or checks it; [`report`] says what a regeneration changes for users of the crate. Beside
//! them:
//! [`typeexpr`] parses the docs' type notation, [`naming`] makes Rust names, [`markdown`] makes
//! rustdoc of docs text, [`config`] reads overrides and unions, and [`diagnostic`] locates and
//! renders every problem. [`generate`] runs the steps up to emitting; nothing is written until
//! every step has succeeded for every file.

pub mod config;
pub mod diagnostic;
pub mod emit;
pub mod ir;
pub mod lower;
pub mod markdown;
pub mod model;
pub mod naming;
pub mod recursion;
pub mod report;
pub mod resolve;
pub mod source;
pub mod typeexpr;
pub mod write;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Failure, SourceMap, Span};
use crate::lower::LoadedFile;
use crate::source::Frontmatter;

/// What to generate from.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The root of the docs tree.
    pub docs: &'a Path,
    /// The config file with overrides, if any.
    pub config: Option<&'a Path>,
    /// The package name for a `Cargo.toml`, written only where none exists.
    pub crate_name: &'a str,
}

/// A successful run: the files to write and what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Generation {
    /// The generated files, by path relative to the output crate's folder.
    pub files: BTreeMap<String, String>,
    /// Warnings: the output is complete, but the docs are imprecise here.
    pub diagnostics: Diagnostics,
    /// The files the diagnostics point into.
    pub sources: SourceMap,
    /// How many docs files were read.
    pub docs_read: usize,
    /// How many types were generated.
    pub types: usize,
}

impl Generation {
    /// Each warning rendered with its snippet.
    pub fn rendered_warnings(&self) -> Vec<String> {
        // A large tree can have thousands of warnings, each rendered on its own.
        let warnings: Vec<&Diagnostic> = self.diagnostics.warnings().collect();
        warnings.par_iter().map(|d| d.render(&self.sources)).collect()
    }

    /// Each warning as one line, `file:line:column: warning: message`.
    pub fn warning_lines(&self) -> Vec<String> {
        self.diagnostics.warnings().map(|d| d.one_line(&self.sources)).collect()
    }
}

/// Reads the docs and the config, resolves everything, and emits the crate's files in memory.
pub fn generate(request: &Request<'_>) -> Result<Generation, Failure> {
    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();

    let config = match request.config {
        Some(path) => read_config(path, &mut sources, &mut diagnostics),
        None => Config::default(),
    };

    let docs = if request.docs.is_dir() {
        source::read_tree(request.docs, &mut sources, &mut diagnostics)
    } else {
        let problem = if request.docs.exists() { "is not a folder" } else { "does not exist" };
        let message = format!("the docs folder {} {problem}", request.docs.display());
        diagnostics.push(Diagnostic::error(None, message));
        Vec::new()
    };
    // Each file's frontmatter is parsed on its own, so the files are spread over every core;
    // each keeps its own diagnostics, merged in path order so the report never varies.
    let parsed: Vec<(Option<LoadedFile>, Diagnostics)> = docs
        .par_iter()
        .map(|doc| {
            let mut found = Diagnostics::default();
            (load(doc, &sources, &mut found), found)
        })
        .collect();
    let mut loaded = Vec::with_capacity(parsed.len());
    for (file, found) in parsed {
        diagnostics.extend(found);
        loaded.extend(file);
    }

    let krate = lower::lower(&loaded, &config, &sources, &mut diagnostics);
    diagnostics.sort();
    if diagnostics.has_errors() {
        return Err(Failure { diagnostics, sources });
    }

    let types = krate.modules.values().map(|m| m.items.len()).sum();
    // Freeing the model of every file, millions of small strings on a large tree, took as long
    // as some steps do: it is spread over the cores while they emit, and the memory it gives
    // back is what emitting allocates next.
    let (emitted, ()) = rayon::join(|| emit::emit(krate), || loaded.into_par_iter().for_each(drop));
    let mut files = match emitted {
        Ok(files) => files,
        Err(bug) => {
            let message = format!("internal error: {bug}");
            diagnostics.push(Diagnostic::error(None, message).with_hint(
                "this is a bug of the generator; please report it with the docs file that shows it",
            ));
            return Err(Failure { diagnostics, sources });
        }
    };
    files.insert("Cargo.toml".to_owned(), cargo_manifest(request.crate_name));
    Ok(Generation { files, diagnostics, sources, docs_read: docs.len(), types })
}

fn read_config(path: &Path, sources: &mut SourceMap, diagnostics: &mut Diagnostics) -> Config {
    let text = match std::fs::read(path).map(source::decode) {
        Ok(Ok(text)) => text,
        Ok(Err(problem)) => {
            diagnostics
                .push(Diagnostic::error(None, format!("{}: {}", path.display(), problem.message)));
            return Config::default();
        }
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                None,
                format!("cannot read the config file {}: {err}", path.display()),
            ));
            return Config::default();
        }
    };
    let length = text.len();
    let file = sources.add(path.display().to_string(), text);
    match yaml::parse(sources, file, length, diagnostics) {
        Some(root) => config::read(&root, diagnostics),
        None => Config::default(),
    }
}

/// Splits one file and reads its frontmatter; `None` for a file without frontmatter or with
/// one that cannot be parsed (reported).
fn load(
    doc: &source::DocFile,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) -> Option<LoadedFile> {
    let text = sources.text(doc.file);
    let split = match source::split(text) {
        Frontmatter::Found(split) => split,
        Frontmatter::Absent => return None,
        Frontmatter::Misplaced { fence } => {
            diagnostics.push(
                Diagnostic::warning(
                    sources.rest_of_line(doc.file, fence),
                    "this looks like frontmatter, but frontmatter must start on line 1; the \
                     file is read as having none",
                )
                .with_hint("remove the blank lines before the fence"),
            );
            return None;
        }
        Frontmatter::Unterminated => {
            let span = Span { file: doc.file, start: 0, end: 3.min(text.len()) };
            diagnostics.push(
                Diagnostic::error(span, "the frontmatter opened here is never closed")
                    .with_hint("end it with a line holding only `---`"),
            );
            return None;
        }
    };
    let root = yaml::parse(sources, doc.file, split.yaml_end, diagnostics)?;
    Some(LoadedFile {
        file: doc.file,
        relative: doc.relative.clone(),
        document: model::read(&root, diagnostics),
        body: markdown::Body::new(text[split.body_start..].to_owned()),
    })
}

/// The manifest of a new output crate: serde for the types, serde_json for free-form JSON.
fn cargo_manifest(name: &str) -> String {
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n"
    )
}
