//! The checked-in configuration: where links point, and the overrides for what the docs leave
//! imprecise.
//!
//! The docs sometimes say less than the API sends (`array` with no item type) or disagree with
//! their own examples (a field documented as always present that the example leaves out). An
//! override restates one property in the docs' own notation (`type`, `optional`, nested
//! `properties`) and must say `why`, so every departure from the docs is explained where it is
//! made. The file is YAML, read with the same located parser as the docs, so a mistake in it is
//! reported at its line like any other.

use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::model::{self, Property};
use crate::yaml::{Node, Value};

/// The site that relative links in the docs are relative to, when the config does not say.
pub const DEFAULT_BASE_URL: &str = "https://workos.com/docs";

/// The configuration of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The docs site's root, without a trailing slash: `https://workos.com/docs`.
    pub base_url: String,
    /// Restatements of properties the docs leave imprecise.
    pub overrides: Vec<Override>,
    /// Enums over the structs of a folder, told apart by their literal fields.
    pub unions: Vec<UnionDecl>,
}

/// An enum over every struct of one folder, such as all the authentication errors, so a body
/// can be read without knowing beforehand which of them it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionDecl {
    /// The Rust name of the enum.
    pub name: String,
    /// The docs folder whose structs it gathers, relative to the docs root.
    pub folder: String,
    /// Where it is declared.
    pub span: Span,
}

impl Default for Config {
    fn default() -> Self {
        Self { base_url: DEFAULT_BASE_URL.to_owned(), overrides: Vec::new(), unions: Vec::new() }
    }
}

/// A restatement of one property of one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// The key of the entry.
    pub entry: String,
    /// The keys from the entry down to the property, joined by `.`: `auth_methods.password`.
    pub property: String,
    /// The property as restated; its `type_text`, `optional` and `properties` replace the
    /// docs' where given.
    pub replacement: Property,
    /// Whether `optional` was given, so an override of the type alone keeps the docs' value.
    pub sets_optional: bool,
    /// Why the docs are not enough.
    pub why: String,
    /// Where the override is written.
    pub span: Span,
}

const CONFIG_FIELDS: &[&str] = &["base_url", "overrides", "unions"];

/// Reads the configuration file's tree.
pub fn read(root: &Node, diagnostics: &mut Diagnostics) -> Config {
    let mut config = Config::default();
    let Some(fields) = root.as_mapping() else {
        if !root.is_null() {
            diagnostics.push(Diagnostic::error(root.span, "the config must be a mapping"));
        }
        return config;
    };
    for (key, value) in fields {
        match key.as_str() {
            Some("base_url") => match value.as_str() {
                Some(url) => config.base_url = url.trim().trim_end_matches('/').to_owned(),
                None => diagnostics.push(Diagnostic::error(value.span, "base_url must be a text")),
            },
            Some("overrides") => {
                for (index, item) in value.as_sequence().unwrap_or_default().iter().enumerate() {
                    if let Some(found) = read_override(item, index, diagnostics) {
                        config.overrides.push(found);
                    }
                }
                if value.as_sequence().is_none() && !value.is_null() {
                    diagnostics.push(Diagnostic::error(value.span, "overrides must be a list"));
                }
            }
            Some("unions") => {
                for (index, item) in value.as_sequence().unwrap_or_default().iter().enumerate() {
                    let text = |name: &str| item.get(name).and_then(Node::as_str).map(str::trim);
                    match (text("name"), text("folder")) {
                        (Some(name), Some(folder)) if is_type_name(name) => {
                            config.unions.push(UnionDecl {
                                name: name.to_owned(),
                                folder: folder.trim_matches('/').to_owned(),
                                span: item.span,
                            });
                        }
                        _ => diagnostics.push(Diagnostic::error(
                            item.span,
                            format!(
                                "unions[{index}] needs `name`, an UpperCamelCase Rust name, and \
                                 `folder`, a docs folder"
                            ),
                        )),
                    }
                }
                if value.as_sequence().is_none() && !value.is_null() {
                    diagnostics.push(Diagnostic::error(value.span, "unions must be a list"));
                }
            }
            other => diagnostics.push(Diagnostic::warning(
                key.span,
                format!(
                    "unknown field '{}' in the config is ignored (known: {})",
                    other.unwrap_or_default(),
                    CONFIG_FIELDS.join(", ")
                ),
            )),
        }
    }
    config
}

/// Whether a configured name can be a Rust type name as it is.
fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && crate::naming::upper_camel_case(name) == name
}

fn read_override(node: &Node, index: usize, diagnostics: &mut Diagnostics) -> Option<Override> {
    let place = format!("overrides[{index}]");
    let text = |name: &str| node.get(name).and_then(Node::as_str).map(str::trim);
    let (Some(entry), Some(property), Some(why)) = (text("entry"), text("property"), text("why"))
    else {
        diagnostics.push(Diagnostic::error(
            node.span,
            format!("{place} needs `entry`, `property` and `why`, each a text"),
        ));
        return None;
    };
    // The rest of the override is a property in the docs' own shape, read by the docs' reader.
    let mut restated = None;
    let mut shape = node.clone();
    if let Value::Mapping(fields) = &mut shape.value {
        fields.retain(|(k, _)| !matches!(k.as_str(), Some("entry" | "property" | "why")));
        let key = Node { value: Value::Scalar("key".into()), span: node.span, block: false };
        let value = Node {
            value: Value::Scalar(property.rsplit('.').next().unwrap_or_default().into()),
            span: node.span,
            block: false,
        };
        fields.insert(0, (key, value));
        // A missing type is fine in an override: it keeps the docs' type.
        let has_type = fields.iter().any(|(k, _)| k.as_str() == Some("type"));
        let mut local = Diagnostics::default();
        restated = model::read_property(&shape, &place, &mut local);
        for diagnostic in local.sorted() {
            if has_type || !diagnostic.message.ends_with("has no `type`") {
                diagnostics.push(diagnostic.clone());
            }
        }
    }
    let replacement = restated?;
    Some(Override {
        entry: entry.to_owned(),
        property: property.to_owned(),
        sets_optional: node.get("optional").is_some(),
        replacement,
        why: why.to_owned(),
        span: node.span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceMap;

    fn read_text(text: &str) -> (Config, Vec<String>) {
        let mut sources = SourceMap::default();
        let file = sources.add("codegen.yaml".into(), text.into());
        let mut diagnostics = Diagnostics::default();
        let root = crate::yaml::parse(&sources, file, text.len(), &mut diagnostics).unwrap();
        let config = read(&root, &mut diagnostics);
        (config, diagnostics.sorted().iter().map(|d| d.one_line(&sources)).collect())
    }

    #[test]
    fn overrides_are_properties_in_the_docs_notation() {
        let (config, errors) = read_text(
            "base_url: https://example.com/docs/\noverrides:\n  - entry: e\n    property: a.b\n    \
             why: The docs say less.\n    type: array\n    optional: true\n    properties:\n      \
             - key: id\n        type: string\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.base_url, "https://example.com/docs");
        let found = &config.overrides[0];
        assert_eq!((found.entry.as_str(), found.property.as_str()), ("e", "a.b"));
        assert_eq!(found.replacement.key, "b");
        assert_eq!(found.replacement.type_text.as_ref().unwrap().0, "array");
        assert!(found.replacement.optional && found.sets_optional);
        assert_eq!(found.replacement.properties.as_ref().unwrap()[0].key, "id");
    }

    #[test]
    fn an_override_without_a_reason_is_an_error() {
        let (config, errors) =
            read_text("overrides:\n  - entry: e\n    property: a\n    type: string\n");
        assert!(config.overrides.is_empty());
        assert_eq!(
            errors,
            ["codegen.yaml:2:5: error: overrides[0] needs `entry`, `property` and `why`, each a \
                 text"]
        );
    }

    #[test]
    fn an_override_may_change_optionality_alone() {
        let (config, errors) = read_text(
            "overrides:\n  - entry: e\n    property: a\n    why: w\n    optional: true\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert!(config.overrides[0].replacement.type_text.is_none());
    }
}
