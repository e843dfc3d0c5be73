//! Resolving descriptions: a reference such as `(authentication_errors.code)` names a text
//! under `descriptions` in any file of the tree, possibly through a chain of references; one
//! such as `(client_id)` names a text at the top of `descriptions`, or is words in brackets
//! when no file has one.
//!
//! The index is built from every file before anything is resolved, since references cross
//! files. When a path is defined in several files, the definition in the referring file wins,
//! then the one that shares the most folders with it, so a folder can refine what a parent
//! folder says; among equally near ones, the first in path order.

use foldhash::{HashMap, HashMapExt, HashSet};

use crate::diagnostic::Severity;
use crate::lower::LoadedFile;
use crate::model::{Described, Origin, Text};

/// Every text under `descriptions` in every file, by dotted path.
pub struct DescriptionIndex<'a> {
    files: &'a [LoadedFile],
    /// The definitions of each path, with the index of the file each is in.
    texts: HashMap<&'a str, Vec<(usize, &'a Described)>>,
    /// The dotted paths that are groups of texts rather than texts.
    namespaces: HashSet<&'a str>,
}

/// Why a description could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// An error for a missing target or a cycle; a warning for a reference to a group of texts.
    pub severity: Severity,
    /// What is wrong, without the property's name, which the caller adds.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl<'a> DescriptionIndex<'a> {
    /// Indexes the descriptions of every file.
    pub fn new(files: &'a [LoadedFile]) -> Self {
        // Sized up front: growing a map of every text of a large tree, rehashing it each time,
        // cost more than filling it.
        let count = files.iter().map(|file| file.document.descriptions.len()).sum();
        let mut texts: HashMap<&str, Vec<(usize, &Described)>> = HashMap::with_capacity(count);
        for (index, file) in files.iter().enumerate() {
            for described in &file.document.descriptions {
                texts.entry(described.path.as_str()).or_default().push((index, described));
            }
        }
        let namespaces = files
            .iter()
            .flat_map(|file| file.document.namespaces.iter().map(String::as_str))
            .collect();
        Self { files, texts, namespaces }
    }

    /// Follows a description written in file `file` at `origin` to its text, and where that
    /// text is written.
    pub fn resolve<'t>(
        &'t self,
        text: &'t Text,
        file: usize,
        origin: Origin,
    ) -> Result<(&'t str, Origin), Unresolved> {
        let mut chain: Vec<&str> = Vec::new();
        let (mut text, mut file, mut at) = (text, file, origin);
        loop {
            let (path, written) = match text {
                Text::Literal(literal) => return Ok((literal, at)),
                Text::Reference(written) => (text.reference_path().unwrap_or(written), written),
            };
            if chain.contains(&path) {
                chain.push(path);
                return Err(Unresolved {
                    severity: Severity::Error,
                    message: format!("reference cycle {}", chain.join(" → ")),
                    hint: Some("one text of the cycle must be a text, not a reference".into()),
                });
            }
            chain.push(path);
            let Some(definitions) = self.texts.get(path) else {
                // `(optional)` is words in brackets unless some file defines a text or a group
                // of texts so named.
                if !path.contains('.') && !self.namespaces.contains(path) {
                    return Ok((written, at));
                }
                return Err(self.missing(path));
            };
            let from = folder_of(&self.files[file].relative);
            // Among equally near definitions, the first in path order wins, so the choice
            // never depends on anything but the tree.
            let nearest = |(f, _): &&(usize, &Described)| {
                let shared = shared_folders(from, folder_of(&self.files[*f].relative));
                (*f == file, shared, std::cmp::Reverse(*f))
            };
            let (next_file, described) =
                *definitions.iter().max_by_key(nearest).expect("a definition list is never empty");
            text = &described.text;
            file = next_file;
            at = described.origin;
        }
    }

    fn missing(&self, path: &str) -> Unresolved {
        if self.namespaces.contains(path) {
            // The docs point some fields at the group that documents the field's own properties
            // (`(profile.role)` beside `(profile.role.slug)`): imprecise, but clearly meant, so
            // it is a warning and the field goes undocumented.
            return Unresolved {
                severity: Severity::Warning,
                message: format!(
                    "description references '{path}', which is a group of descriptions rather \
                     than a text; the field is left undocumented"
                ),
                hint: None,
            };
        }
        let (namespace, key) = path.rsplit_once('.').unwrap_or(("", path));
        let prefix = format!("{namespace}.");
        let mut keys: Vec<&str> = self
            .texts
            .keys()
            .filter_map(|p| p.strip_prefix(&prefix))
            .filter(|rest| !rest.contains('.'))
            .collect();
        keys.sort_unstable();
        let why = if keys.is_empty() {
            format!("no namespace '{namespace}' is defined in any input file")
        } else {
            format!(
                "namespace '{namespace}' has no key '{key}' (defined keys: {})",
                keys.join(", ")
            )
        };
        Unresolved {
            severity: Severity::Error,
            message: format!("description references '{path}', but {why}"),
            hint: Some("define it under `descriptions` in any docs file, or write the text".into()),
        }
    }
}

/// The folder of a path relative to the docs root: `reference/sso` for `reference/sso/x.mdx`.
pub fn folder_of(relative: &str) -> &str {
    relative.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// How many leading folders two folders share.
pub fn shared_folders(a: &str, b: &str) -> usize {
    a.split('/').zip(b.split('/')).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;
    use crate::model::Document;

    fn file(relative: &str, texts: &[(&str, &str)]) -> LoadedFile {
        let span = Span { file: 0, start: 0, end: 0 };
        let descriptions = texts
            .iter()
            .map(|(path, text)| Described {
                path: (*path).to_owned(),
                text: Text::from_description(text),
                span,
                origin: Origin { span, block: false },
            })
            .collect();
        LoadedFile {
            file: 0,
            relative: relative.to_owned(),
            document: Document { descriptions, ..Document::default() },
            body: Default::default(),
        }
    }

    fn resolve(files: &[LoadedFile], from: usize, text: &str) -> Result<String, String> {
        let origin = Origin { span: Span { file: 0, start: 0, end: 0 }, block: false };
        let index = DescriptionIndex::new(files);
        index
            .resolve(&Text::from_description(text), from, origin)
            .map(|(text, _)| text.to_owned())
            .map_err(|problem| problem.message)
    }

    #[test]
    fn references_cross_files_and_follow_chains() {
        let files = [
            file("a/index.mdx", &[("errors.code", "(errors.kind)"), ("errors.kind", "The kind.")]),
            file("a/one.mdx", &[]),
        ];
        assert_eq!(resolve(&files, 1, "(errors.code)"), Ok("The kind.".into()));
        assert_eq!(resolve(&files, 1, "Plain (text)."), Ok("Plain (text).".into()));
    }

    #[test]
    fn the_nearest_definition_wins() {
        let files = [
            file("reference/index.mdx", &[("user.id", "Far.")]),
            file("reference/authkit/index.mdx", &[("user.id", "Near.")]),
            file("reference/authkit/user/get.mdx", &[("user.other", "Other.")]),
            file("reference/authkit/x.mdx", &[("user.id", "Own.")]),
        ];
        assert_eq!(resolve(&files, 2, "(user.id)"), Ok("Near.".into()));
        assert_eq!(resolve(&files, 3, "(user.id)"), Ok("Own.".into()));
    }

    #[test]
    fn missing_targets_and_cycles() {
        let files = [file(
            "a.mdx",
            &[("n.present", "Here."), ("n.ping", "(n.pong)"), ("n.pong", "(n.ping)")],
        )];
        assert_eq!(
            resolve(&files, 0, "(n.absent)"),
            Err("description references 'n.absent', but namespace 'n' has no key 'absent' \
                 (defined keys: ping, pong, present)"
                .into())
        );
        assert_eq!(
            resolve(&files, 0, "(m.x)"),
            Err("description references 'm.x', but no namespace 'm' is defined in any input file"
                .into())
        );
        assert_eq!(
            resolve(&files, 0, "(n.ping)"),
            Err("reference cycle n.ping → n.pong → n.ping".into())
        );
    }
}
