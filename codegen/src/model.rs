//! The typed model of one docs file's frontmatter, read from its located YAML tree.
//!
//! This is the only place that knows the frontmatter's field names. It checks shapes (a
//! `properties` must be a list, a `key` a text) and reports each problem at its line, so that
//! later steps work on plain typed values that still carry their [`Span`]s. Fields this
//! generator does not use are accepted when the real docs have them and warned about otherwise,
//! since an unknown field is most often a misspelt known one.

use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::yaml::{Node, Value};

/// One docs file, as far as the generator is concerned.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The texts under `descriptions`, by dotted path: `authentication_errors.code`.
    pub descriptions: Vec<Described>,
    /// The dotted paths under `descriptions` that are groups of texts rather than texts.
    pub namespaces: Vec<String>,
    /// The entries of every `reference` section, in source order.
    pub entries: Vec<Entry>,
}

/// A text defined under `descriptions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    /// The dotted path of the text: its namespaces and key.
    pub path: String,
    /// The text, or a reference to another.
    pub text: Text,
    /// Where the key is defined.
    pub span: Span,
    /// Where the text itself is.
    pub origin: Origin,
}

/// Where a text's first line is: block scalars (`|`, `>`) start on the line after their
/// indicator, which is where a line of the text is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// The scalar's start (its first character or its block indicator).
    pub span: Span,
    /// Whether the scalar is a block scalar.
    pub block: bool,
}

impl Origin {
    fn of(node: &Node) -> Self {
        Self { span: node.span, block: node.block }
    }
}

/// A description: literal text or a reference to a text defined elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// Text to show as it is.
    Literal(String),
    /// `(a.b)`, as written without the space around it: the text defined at that dotted path in
    /// some file's `descriptions`; or `(a)`, the text defined at the top of some file's
    /// `descriptions` if there is one, else the word in brackets as text, as `(optional)` is.
    Reference(String),
}

impl Text {
    /// The path a reference names: `a.b` for `(a.b)`.
    pub fn reference_path(&self) -> Option<&str> {
        match self {
            Text::Reference(written) => Some(&written[1..written.len() - 1]),
            Text::Literal(_) => None,
        }
    }

    /// Reads a description: exactly `(a)`, `(a.b)` or `(a.b.c…)`, surrounding space aside, is a
    /// reference; anything else is literal text.
    pub fn from_description(text: &str) -> Text {
        let trimmed = text.trim();
        let inner = trimmed.strip_prefix('(').and_then(|rest| rest.strip_suffix(')'));
        match inner {
            Some(path) if is_reference_path(path) => Text::Reference(trimmed.to_owned()),
            _ => Text::Literal(text.to_owned()),
        }
    }
}

/// Whether a text is a dotted path of identifier-like segments.
fn is_reference_path(path: &str) -> bool {
    path.split('.').all(|segment| {
        !segment.is_empty() && segment.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

/// An entry of a `reference` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The section it is in: `json`, `curl`, `js`, ...
    pub section: String,
    /// Its position in the section, for messages.
    pub index: usize,
    /// The entry's key, from which its type is named.
    pub key: String,
    /// Where the key is written.
    pub key_span: Span,
    /// The id that `<CodeBlock referenceId=…>` in the body refers to.
    pub id: Option<String>,
    /// The page of the entry, relative to the docs site.
    pub url: Option<String>,
    /// The entry's title.
    pub title: Option<String>,
    /// The properties; `None` when the entry has no `properties` at all.
    pub properties: Option<Vec<Property>>,
    /// Where the entry starts.
    pub span: Span,
}

impl Entry {
    /// `reference.json[0] (sso_required_error)`: how messages name the entry.
    pub fn label(&self) -> String {
        format!("reference.{}[{}] ({})", self.section, self.index, self.key)
    }
}

/// A property of an entry, or of an object property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// The wire name.
    pub key: String,
    /// The type as written, and where; `None` when it is missing or not a text (reported).
    pub type_text: Option<(String, Span)>,
    /// The description, and where.
    pub description: Option<(Text, Origin)>,
    /// Whether the property may be absent.
    pub optional: bool,
    /// The properties of an object, or of the items of an array.
    pub properties: Option<Vec<Property>>,
    /// Where the property starts (its `key` line).
    pub span: Span,
    /// The dotted path of the property in the file, for messages.
    pub path: String,
}

const TOP_LEVEL_FIELDS: &[&str] = &[
    "descriptions",
    "reference",
    "originalPath",
    "title",
    "description",
    "links",
    "externalAssets",
];
const ENTRY_FIELDS: &[&str] = &[
    "key",
    "id",
    "url",
    "title",
    "properties",
    "type",
    "parameters",
    "returns",
    "sendsEmail",
    "optional",
    "description",
    "patternBefore",
];
const PROPERTY_FIELDS: &[&str] =
    &["key", "type", "description", "optional", "properties", "expanded"];

/// The sections whose entries describe JSON on the wire, so their types are checked strictly.
pub const WIRE_SECTIONS: &[&str] = &["json", "curl"];

/// Reads a file's frontmatter tree into a [`Document`], reporting what does not fit.
pub fn read(root: &Node, diagnostics: &mut Diagnostics) -> Document {
    let mut document = Document::default();
    let Some(fields) = root.as_mapping() else {
        if !root.is_null() {
            diagnostics.push(Diagnostic::error(
                root.span,
                format!("the frontmatter must be a mapping, found {}", root.kind()),
            ));
        }
        return document;
    };
    for (key, value) in fields {
        match key.as_str() {
            Some("descriptions") => read_descriptions(value, "", &mut document, diagnostics),
            Some("reference") => read_reference(value, &mut document, diagnostics),
            other => warn_unknown(key, other, TOP_LEVEL_FIELDS, "the frontmatter", diagnostics),
        }
    }
    document
}

fn warn_unknown(
    key: &Node,
    name: Option<&str>,
    known: &[&str],
    place: &str,
    diagnostics: &mut Diagnostics,
) {
    let name = name.unwrap_or("");
    if !known.contains(&name) {
        diagnostics.push(
            Diagnostic::warning(key.span, format!("unknown field '{name}' in {place} is ignored"))
                .with_hint(format!("the known fields are: {}", known.join(", "))),
        );
    }
}

fn read_descriptions(
    node: &Node,
    prefix: &str,
    document: &mut Document,
    diagnostics: &mut Diagnostics,
) {
    let Some(entries) = node.as_mapping() else {
        if !node.is_null() {
            let place = if prefix.is_empty() { "descriptions" } else { prefix };
            diagnostics.push(Diagnostic::error(
                node.span,
                format!("{place} must be a mapping of namespaces, found {}", node.kind()),
            ));
        }
        return;
    };
    for (key, value) in entries {
        let name = key.as_str().unwrap_or_default();
        let path = if prefix.is_empty() { name.to_owned() } else { format!("{prefix}.{name}") };
        match &value.value {
            Value::Mapping(_) => {
                document.namespaces.push(path.clone());
                read_descriptions(value, &path, document, diagnostics);
            }
            // A text at the top level has a one-segment path, which `(name)` refers to: the
            // real docs keep the texts shared by many SDK parameters so (`(client_id)`).
            Value::Scalar(text) => document.descriptions.push(Described {
                path,
                text: Text::from_description(text),
                span: key.span,
                origin: Origin::of(value),
            }),
            // An empty group, as a generated or half-written file may have, defines nothing.
            Value::Null => document.namespaces.push(path),
            Value::Sequence(_) => {
                diagnostics.push(Diagnostic::error(
                    value.span,
                    format!(
                        "descriptions.{path} must be a text or a mapping, found {}",
                        value.kind()
                    ),
                ));
                // Defined, though wrongly: a reference to it is not a second error.
                document.descriptions.push(Described {
                    path,
                    text: Text::Literal(String::new()),
                    span: key.span,
                    origin: Origin::of(value),
                });
            }
        }
    }
}

fn read_reference(node: &Node, document: &mut Document, diagnostics: &mut Diagnostics) {
    let Some(sections) = node.as_mapping() else {
        if !node.is_null() {
            diagnostics.push(Diagnostic::error(
                node.span,
                format!("reference must be a mapping of sections, found {}", node.kind()),
            ));
        }
        return;
    };
    for (name, list) in sections {
        let section = name.as_str().unwrap_or_default().to_owned();
        let strict = WIRE_SECTIONS.contains(&section.as_str());
        let Some(items) = list.as_sequence() else {
            if strict && !list.is_null() {
                diagnostics.push(Diagnostic::error(
                    list.span,
                    format!("reference.{section} must be a list of entries, found {}", list.kind()),
                ));
            }
            continue;
        };
        for (index, item) in items.iter().enumerate() {
            let mut local = Diagnostics::default();
            let entry = read_entry(item, &section, index, &mut local);
            // The entry is shown by its `key:` line, as lowering shows it.
            let key = item.as_mapping().unwrap_or_default().iter().find_map(|(field, value)| {
                (field.as_str() == Some("key")).then_some(())?;
                Some((field.span, value.as_str()?.trim()))
            });
            if let Some((span, name)) = key {
                local.relate_from(0, span, &format!("in entry `{name}`"));
            }
            // Entries of SDK sections (js, go, ...) are read only for what they can tell about
            // wire types; their own shape is the SDK docs' business, so problems there are not
            // reported.
            if strict {
                diagnostics.extend(local);
            }
            document.entries.extend(entry);
        }
    }
}

fn read_entry(
    node: &Node,
    section: &str,
    index: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Entry> {
    let place = format!("reference.{section}[{index}]");
    let Some(fields) = node.as_mapping() else {
        diagnostics.push(Diagnostic::error(
            node.span,
            format!("{place} must be a mapping, found {}", node.kind()),
        ));
        return None;
    };
    let mut entry = Entry {
        section: section.to_owned(),
        index,
        key: String::new(),
        key_span: node.span,
        id: None,
        url: None,
        title: None,
        properties: None,
        span: node.span,
    };
    let mut has_key = false;
    for (key, value) in fields {
        let name = key.as_str();
        match name {
            Some("key") => {
                if let Some(text) = key_text(value, || format!("{place}.key"), diagnostics) {
                    entry.key = text;
                    entry.key_span = key.span;
                    has_key = true;
                }
            }
            Some("id") => entry.id = optional_text(value, || format!("{place}.id"), diagnostics),
            Some("url") => entry.url = optional_text(value, || format!("{place}.url"), diagnostics),
            Some("title") => {
                entry.title = optional_text(value, || format!("{place}.title"), diagnostics);
            }
            Some("properties") => {
                entry.properties = Some(read_properties(value, &place, diagnostics));
            }
            _ => warn_unknown(key, name, ENTRY_FIELDS, &place, diagnostics),
        }
    }
    if !has_key {
        if fields.iter().all(|(k, _)| k.as_str() != Some("key")) {
            diagnostics.push(Diagnostic::error(node.span, format!("{place} has no `key`")));
        }
        return None;
    }
    Some(entry)
}

fn read_properties(node: &Node, parent: &str, diagnostics: &mut Diagnostics) -> Vec<Property> {
    if node.is_null() {
        return Vec::new();
    }
    let Some(items) = node.as_sequence() else {
        diagnostics.push(Diagnostic::error(
            node.span,
            format!("{parent}.properties must be a list, found {}", node.kind()),
        ));
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            read_property(item, &format!("{parent}.properties[{index}]"), diagnostics)
        })
        .collect()
}

/// Reads one property; `path` names it in messages.
pub fn read_property(node: &Node, path: &str, diagnostics: &mut Diagnostics) -> Option<Property> {
    let Some(fields) = node.as_mapping() else {
        diagnostics.push(Diagnostic::error(
            node.span,
            format!("{path} must be a mapping, found {}", node.kind()),
        ));
        return None;
    };
    // Messages name the property by its key, wherever in the mapping the key is written.
    let label = || match node.get("key").and_then(Node::as_str) {
        Some(key) => format!("{path} ({})", key.trim()),
        None => path.to_owned(),
    };
    let mut property = Property {
        key: String::new(),
        type_text: None,
        description: None,
        optional: false,
        properties: None,
        span: node.span,
        path: path.to_owned(),
    };
    let (mut has_key, mut has_type) = (false, false);
    for (key, value) in fields {
        let name = key.as_str();
        match name {
            Some("key") => {
                if let Some(text) = key_text(value, || format!("{path}.key"), diagnostics) {
                    property.key = text;
                    has_key = true;
                }
            }
            Some("type") => {
                has_type = true;
                match value.as_str() {
                    Some(text) if !text.trim().is_empty() => {
                        property.type_text = Some((text.to_owned(), value.span));
                    }
                    _ => diagnostics.push(Diagnostic::error(
                        value.span,
                        format!(
                            "{}: the type must be a non-empty text, found {}",
                            label(),
                            value.kind()
                        ),
                    )),
                }
            }
            Some("description") => match value.as_str() {
                Some(text) => {
                    property.description = Some((Text::from_description(text), Origin::of(value)));
                }
                None if value.is_null() => {}
                None => diagnostics.push(Diagnostic::error(
                    value.span,
                    format!("{}: the description must be a text, found {}", label(), value.kind()),
                )),
            },
            Some("optional") => match boolean(value) {
                Some(optional) => property.optional = optional,
                None if value.is_null() => {}
                None => diagnostics.push(
                    Diagnostic::error(
                        value.span,
                        format!("{}: `optional` must be true or false", label()),
                    )
                    .with_hint("write true or false; True, TRUE, False and FALSE are read too"),
                ),
            },
            Some("properties") => {
                property.properties = Some(read_properties(value, path, diagnostics))
            }
            _ => warn_unknown(key, name, PROPERTY_FIELDS, &label(), diagnostics),
        }
    }
    if !has_key {
        // A `key` that is there but unusable has been reported already.
        if node.get("key").is_none() {
            diagnostics.push(Diagnostic::error(node.span, format!("{path} has no `key`")));
        }
        return None;
    }
    if !has_type {
        diagnostics
            .push(Diagnostic::error(node.span, format!("{path} ({}) has no `type`", property.key)));
    }
    Some(property)
}

/// A boolean field's value, spelt as YAML's core schema spells one: `true`, `True`, `TRUE`,
/// `false`, `False` or `FALSE`. The docs site's reader (js-yaml) takes all six as booleans, so
/// refusing any would fail on docs the site shows. YAML 1.1's `yes`, `no`, `on` and `off` are
/// texts to it, and so are not booleans here. The tree keeps no scalar style, so a quoted
/// spelling is read as the plain one, as a quoted `"true"` always has been.
fn boolean(node: &Node) -> Option<bool> {
    match node.as_str()? {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// The trimmed text of a node that must be a non-empty text; `place` names it in a message.
fn required_text(
    node: &Node,
    place: impl FnOnce() -> String,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    match node.as_str() {
        Some(text) if text.trim().is_empty() => {
            diagnostics.push(Diagnostic::error(node.span, format!("{} is empty", place())));
            None
        }
        Some(text) => Some(text.trim().to_owned()),
        None => {
            diagnostics.push(Diagnostic::error(
                node.span,
                format!("{} must be a text, found {}", place(), node.kind()),
            ));
            None
        }
    }
}

/// A `key`, read as [`required_text`]. A key is a name on the wire, where white space around it
/// would be part of the name; the docs never mean it so, and it is left out with a warning.
fn key_text(
    node: &Node,
    place: impl Fn() -> String,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let key = required_text(node, &place, diagnostics)?;
    if let Some(raw) = node.as_str().filter(|raw| *raw != key) {
        diagnostics.push(Diagnostic::warning(
            node.span,
            format!("{} has white space around it ({raw:?}); it is read as `{key}`", place()),
        ));
    }
    Some(key)
}

fn optional_text(
    node: &Node,
    place: impl FnOnce() -> String,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    if node.is_null() {
        return None;
    }
    required_text(node, place, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceMap;

    #[test]
    fn a_problem_in_an_entry_names_the_entry_by_its_key_line() {
        let text = "reference:\n  json:\n    - id: x\n      key: user\n      properties:\n        \
                    - key: name\n";
        let mut sources = SourceMap::default();
        let file = sources.add("t.mdx".into(), text.into());
        let mut diagnostics = Diagnostics::default();
        let root = crate::yaml::parse(&sources, file, text.len(), &mut diagnostics).unwrap();
        read(&root, &mut diagnostics);
        let missing_type = diagnostics.errors().next().expect("the property has no type");
        let (span, note) = &missing_type.related[0];
        assert_eq!(note, "in entry `user`");
        // The whole `key: user` line, as lowering shows an entry, not only the value.
        assert_eq!(&text[span.start..span.end], "key: user");
    }

    fn read_text(text: &str) -> (Document, Vec<String>) {
        let mut sources = SourceMap::default();
        let file = sources.add("t.mdx".into(), text.into());
        let mut diagnostics = Diagnostics::default();
        let root = crate::yaml::parse(&sources, file, text.len(), &mut diagnostics).unwrap();
        let document = read(&root, &mut diagnostics);
        let lines = diagnostics.sorted().iter().map(|d| d.one_line(&sources)).collect();
        (document, lines)
    }

    #[test]
    fn references_and_literals() {
        assert_eq!(Text::from_description("(a.b)"), Text::Reference("(a.b)".into()));
        assert_eq!(Text::from_description(" (a.b.c)\n"), Text::Reference("(a.b.c)".into()));
        assert_eq!(Text::from_description("(a)"), Text::Reference("(a)".into()));
        assert_eq!(Text::from_description("(a b)"), Text::Literal("(a b)".into()));
        assert_eq!(Text::from_description("(a.)"), Text::Literal("(a.)".into()));
        assert_eq!(
            Text::from_description("(a.b) and more"),
            Text::Literal("(a.b) and more".into())
        );
        assert_eq!(Text::from_description("(see a.b)"), Text::Literal("(see a.b)".into()));
    }

    #[test]
    fn descriptions_nest_at_any_depth() {
        let (document, errors) =
            read_text("descriptions:\n  a:\n    b: text\n    c:\n      d: (a.b)\n");
        assert!(errors.is_empty(), "{errors:?}");
        let paths: Vec<&str> = document.descriptions.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["a.b", "a.c.d"]);
        assert_eq!(document.descriptions[1].text, Text::Reference("(a.b)".into()));
    }

    #[test]
    fn white_space_around_a_key_is_left_out_with_a_warning() {
        let text = "reference:\n  json:\n    - key: \"e \"\n      properties:\n        \
                    - key: \"\\u00a0a\"\n          type: string\n";
        let (document, lines) = read_text(text);
        assert_eq!(
            lines,
            [
                "t.mdx:3:12: warning: reference.json[0].key has white space around it (\"e \"); \
                 it is read as `e`",
                "t.mdx:5:16: warning: reference.json[0].properties[0].key has white space around \
                 it (\"\\u{a0}a\"); it is read as `a`",
            ]
        );
        assert_eq!(document.entries[0].key, "e");
        assert_eq!(document.entries[0].properties.as_ref().unwrap()[0].key, "a");
    }

    #[test]
    fn a_description_that_is_a_list_is_one_error_and_still_defined() {
        let (document, errors) = read_text("descriptions:\n  n:\n    list: [a, b]\n");
        assert_eq!(
            errors,
            ["t.mdx:3:11: error: descriptions.n.list must be a text or a mapping, found a list"]
        );
        assert_eq!(document.descriptions[0].path, "n.list");
    }

    #[test]
    fn entries_and_properties() {
        let text = "reference:\n  json:\n    - key: e\n      id: e\n      properties:\n        \
                    - key: a\n          type: string\n          optional: true\n          \
                    description: Hi.\n";
        let (document, errors) = read_text(text);
        assert!(errors.is_empty(), "{errors:?}");
        let entry = &document.entries[0];
        assert_eq!((entry.key.as_str(), entry.id.as_deref()), ("e", Some("e")));
        let property = &entry.properties.as_ref().unwrap()[0];
        assert_eq!(property.key, "a");
        assert!(property.optional);
        assert_eq!(property.type_text.as_ref().unwrap().0, "string");
        assert_eq!(property.path, "reference.json[0].properties[0]");
    }

    #[test]
    fn shape_errors_are_located() {
        let text = "reference:\n  json:\n    - id: x\n    - key: e\n      properties:\n        \
                    - key: a\n        - key: b\n          type: [string]\n          \
                    optional: maybe\n";
        let (_, errors) = read_text(text);
        assert_eq!(
            errors,
            [
                "t.mdx:3:7: error: reference.json[0] has no `key`",
                "t.mdx:6:11: error: reference.json[1].properties[0] (a) has no `type`",
                "t.mdx:8:17: error: reference.json[1].properties[1] (b): the type must be a \
                 non-empty text, found a list",
                "t.mdx:9:21: error: reference.json[1].properties[1] (b): `optional` must be true \
                 or false",
            ]
        );
    }

    /// The `optional` of a property written as `value`, or the error lines it gives.
    fn optional_as(value: &str) -> Result<bool, Vec<String>> {
        let text = format!(
            "reference:\n  json:\n    - key: e\n      properties:\n        - key: a\n          \
             type: string\n          optional: {value}\n"
        );
        let (document, errors) = read_text(&text);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(document.entries[0].properties.as_ref().unwrap()[0].optional)
    }

    #[test]
    fn optional_takes_the_yaml_core_schema_booleans() {
        for (value, expected) in [
            ("true", true),
            ("True", true),
            ("TRUE", true),
            ("false", false),
            ("False", false),
            ("FALSE", false),
            ("\"true\"", true),
            ("'false'", false),
            ("null", false),
            ("", false),
        ] {
            assert_eq!(optional_as(value), Ok(expected), "optional: {value}");
        }
    }

    #[test]
    fn optional_refuses_other_spellings() {
        for value in ["tRUE", "yes", "on", "1", "truthy", "[true]"] {
            let error = "t.mdx:7:21: error: reference.json[0].properties[0] (a): `optional` must \
                         be true or false";
            assert_eq!(optional_as(value), Err(vec![error.to_owned()]), "optional: {value}");
        }
    }

    #[test]
    fn unknown_fields_are_warned_and_sdk_sections_are_lenient() {
        let text = "colour: red\nreference:\n  json:\n    - key: e\n      propertes: []\n  \
                    go:\n    - key: G\n      properties: '(ctx)'\n";
        let (document, errors) = read_text(text);
        assert_eq!(
            errors,
            [
                "t.mdx:1:1: warning: unknown field 'colour' in the frontmatter is ignored",
                "t.mdx:5:7: warning: unknown field 'propertes' in reference.json[0] is ignored",
            ]
        );
        assert_eq!(document.entries.len(), 2);
    }
}
