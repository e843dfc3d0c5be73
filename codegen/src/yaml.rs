//! A YAML tree that remembers where every node came from.
//!
//! The generator must name the line of any value it rejects, and serde-based YAML loaders forget
//! positions once a value is built. This module builds a small tree of [`Node`]s from the events
//! of `yaml-rust2`'s parser, each node carrying the [`Span`] of its first character. It reports
//! duplicate mapping keys, which event parsers let through and YAML forbids, and applies merge
//! keys (`<<`), which the parser leaves to its user.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diagnostic::{Diagnostic, Diagnostics, FileId, SourceMap, Span};

/// A YAML node and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Value,
    /// From the node's first character to the end of that line.
    pub span: Span,
    /// Whether the node is a block scalar (`|` or `>`), whose text starts on the next line.
    pub block: bool,
}

/// The contents of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar, as text. Plain `null`, `~` and empty scalars are [`Value::Null`].
    Scalar(String),
    /// An explicit or implied null.
    Null,
    /// A sequence of nodes.
    Sequence(Vec<Node>),
    /// A mapping, in source order; keys are scalars in the docs this generator reads.
    Mapping(Vec<(Node, Node)>),
}

impl Value {
    /// Whether two values are the same, wherever each is written: keys `? [a]` twice are.
    fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Scalar(a), Value::Scalar(b)) => a == b,
            (Value::Null, Value::Null) => true,
            (Value::Sequence(a), Value::Sequence(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.value.same(&y.value))
            }
            (Value::Mapping(a), Value::Mapping(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|((k, v), (l, w))| k.value.same(&l.value) && v.value.same(&w.value))
            }
            _ => false,
        }
    }
}

impl Node {
    /// The text of a scalar node.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(text) => Some(text),
            _ => None,
        }
    }

    /// The entries of a mapping node.
    pub fn as_mapping(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items of a sequence node.
    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// Whether the node is null.
    pub fn is_null(&self) -> bool {
        self.value == Value::Null
    }

    /// The value under a key of a mapping node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_mapping()?.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v)
    }

    /// How many nodes this one is, itself included.
    pub fn count(&self) -> usize {
        1 + match &self.value {
            Value::Scalar(_) | Value::Null => 0,
            Value::Sequence(items) => items.iter().map(Node::count).sum(),
            Value::Mapping(entries) => entries.iter().map(|(k, v)| k.count() + v.count()).sum(),
        }
    }

    /// A short name for the kind of node, for messages such as "expected a list, found a text".
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Scalar(_) => "a text",
            Value::Null => "nothing (null)",
            Value::Sequence(_) => "a list",
            Value::Mapping(_) => "a mapping",
        }
    }
}

/// Parses the YAML at the start of a file's text, up to `end`, and checks it for duplicate
/// keys. Returns `None` after reporting a syntax error.
pub fn parse(
    sources: &SourceMap,
    file: FileId,
    end: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Node> {
    let text = &sources.text(file)[..end];
    let mut builder = TreeBuilder {
        sources,
        file,
        stack: Vec::new(),
        anchors: Vec::new(),
        root: None,
        duplicates: Diagnostics::default(),
        copied: 0,
        anchored: 0,
        overflow: None,
        quoted_merge: Vec::new(),
    };
    if let Err(err) = Parser::new_from_str(text).load(&mut builder, false) {
        let at = point(sources, file, err.marker());
        let message = format!("invalid YAML in the frontmatter: {}", err.info());
        diagnostics.push(Diagnostic::error(sources.rest_of_line(file, at.start), message));
        return None;
    }
    if let Some((alias, anchored)) = builder.overflow {
        let message = if anchored {
            format!(
                "anchored values in the frontmatter hold more than {ANCHOR_COPY_LIMIT} nodes; \
                 this one goes over"
            )
        } else {
            format!(
                "aliases in the frontmatter copy more than {ALIAS_COPY_LIMIT} nodes; this one \
                 goes over"
            )
        };
        let hint = "an anchored value is kept as a copy, and an alias of an alias copies the \
                    whole anchored value each time: write the values out, or anchor smaller ones";
        diagnostics.push(Diagnostic::error(alias, message).with_hint(hint));
        return None;
    }
    let root = builder.root.unwrap_or(Node {
        value: Value::Null,
        span: Span { file, start: 0, end: 0 },
        block: false,
    });
    diagnostics.extend(builder.duplicates);
    Some(root)
}

fn point(sources: &SourceMap, file: FileId, mark: &Marker) -> Span {
    // yaml-rust2 counts lines from 1 and columns, in characters, from 0.
    let start = sources.offset(file, mark.line(), mark.col());
    Span { file, start, end: start }
}

/// How many nodes the anchors and aliases of one file may copy in all. Aliases of aliases
/// multiply (ten aliases to a list of ten aliases to ...), and so do anchors inside anchors,
/// each kept as a copy, so a page of YAML could otherwise ask for more nodes than memory holds;
/// the docs use few aliases, each copying a handful of nodes.
const ALIAS_COPY_LIMIT: usize = 100_000;

/// How many nodes the anchored values of one file may hold in all. Each is kept as a copy for
/// its aliases, so anchors inside anchors multiply too; a value anchored but never aliased is
/// copied all the same, hence a budget larger than the aliases'.
const ANCHOR_COPY_LIMIT: usize = 1_000_000;

/// A collection being built.
struct Frame {
    node: Node,
    /// The anchor id of the collection, 0 for none.
    anchor: usize,
    /// A mapping's key that waits for its value.
    pending_key: Option<Node>,
    /// A large mapping's text keys and where each is, for finding a duplicate without
    /// comparing each key with every earlier one; made when the mapping grows past
    /// [`KEYS_SCANNED`] keys.
    keys: Option<foldhash::HashMap<String, Span>>,
}

/// How many keys a mapping may have before its keys are looked up in a map rather than
/// compared one by one: docs mappings hold tens, and comparing those is cheaper than hashing.
const KEYS_SCANNED: usize = 32;

/// Collects parser events into a tree.
struct TreeBuilder<'a> {
    sources: &'a SourceMap,
    file: FileId,
    /// Open collections, innermost last.
    stack: Vec<Frame>,
    /// Anchored nodes by anchor id, for aliases.
    anchors: Vec<(usize, Node)>,
    root: Option<Node>,
    /// The keys found twice in one mapping, reported only if the whole text parses: a syntax
    /// error says more.
    duplicates: Diagnostics,
    /// How many nodes aliases have copied so far.
    copied: usize,
    /// How many nodes anchored values hold so far.
    anchored: usize,
    /// The alias that went over [`ALIAS_COPY_LIMIT`], or the anchored value that went over
    /// [`ANCHOR_COPY_LIMIT`] (`true`); nothing is copied after it.
    overflow: Option<(Span, bool)>,
    /// Where each quoted `"<<"` starts: YAML reads only a plain `<<` as a merge key, and the
    /// tree keeps no scalar's style, as every other quoted text means what a plain one does.
    quoted_merge: Vec<usize>,
}

impl TreeBuilder<'_> {
    /// Whether `key` is a merge key: a plain `<<`.
    fn is_merge(&self, key: &Node) -> bool {
        is_merge_key(key, &self.quoted_merge)
    }

    fn span(&self, mark: Marker) -> Span {
        // yaml-rust2 counts lines from 1 and columns, in characters, from 0.
        self.sources.rest_of_line_at(self.file, mark.line(), mark.col())
    }

    fn add(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            // The anchored value is kept as a copy for its aliases; past the limit, as nothing.
            let mut kept = Node { value: Value::Null, span: node.span, block: node.block };
            if self.overflow.is_none() {
                self.anchored += node.count();
                if self.anchored > ANCHOR_COPY_LIMIT {
                    self.overflow = Some((node.span, true));
                } else {
                    kept = node.clone();
                }
            }
            self.anchors.push((anchor, kept));
        }
        let is_merge = self.is_merge(&node);
        let Some(Frame { node: parent, pending_key, keys, .. }) = self.stack.last_mut() else {
            self.root = Some(node);
            return;
        };
        let mut first_at = None;
        match &mut parent.value {
            Value::Sequence(items) => items.push(node),
            Value::Mapping(entries) => match pending_key.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    // Keys are checked as they arrive, while the mapping is still at hand: a
                    // second walk over every finished tree cost a noticeable part of parsing.
                    // Merge keys may repeat, as in the docs site's reader: each merges in turn.
                    if !is_merge {
                        first_at = earlier_key(entries, keys, &node, &self.quoted_merge);
                    }
                    *pending_key = Some(node);
                }
            },
            Value::Scalar(_) | Value::Null => unreachable!("only collections are pushed"),
        }
        if let Some(first) = first_at {
            self.report_duplicate(first);
        }
    }

    /// Reports the key just read into the innermost mapping, which an earlier key at `first`
    /// already holds. The message names the mapping by its dotted path, such as
    /// `reference.json[0].properties[2]`.
    fn report_duplicate(&mut self, first: Span) {
        let (mapping, outer) = self.stack.split_last().expect("a key is inside a mapping");
        let key = mapping.pending_key.as_ref().expect("the key was just read");
        let name = match &key.value {
            Value::Scalar(text) => text.as_str(),
            Value::Null => "null",
            Value::Sequence(_) => "[…]",
            Value::Mapping(_) => "{…}",
        };
        let mut place = String::new();
        // Each open collection but the innermost leads to the next one through the key whose
        // value is being read, or the index of the item being read.
        for frame in outer {
            match (&frame.node.value, &frame.pending_key) {
                (Value::Sequence(items), _) => place.push_str(&format!("[{}]", items.len())),
                // Inside a key that is itself a collection (`? {a: 1}`), which has no name.
                (_, None) => {}
                (_, Some(key)) => {
                    if !place.is_empty() {
                        place.push('.');
                    }
                    place.push_str(key.as_str().unwrap_or(""));
                }
            }
        }
        if place.is_empty() {
            place.push_str("the frontmatter");
        }
        let (line, _) = self.sources.line_col(first.file, first.start);
        let message = format!("duplicate key '{name}' in {place} (first defined at line {line})");
        self.duplicates.push(
            Diagnostic::error(key.span, message)
                .with_related(first, "first defined here")
                .with_hint("YAML keeps one value per key: remove or rename one"),
        );
    }
}

impl MarkedEventReceiver for TreeBuilder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(text, style, anchor, _tag) => {
                let is_null = style == TScalarStyle::Plain
                    && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL");
                let value = if is_null { Value::Null } else { Value::Scalar(text) };
                let block = matches!(style, TScalarStyle::Literal | TScalarStyle::Folded);
                let mut span = self.span(mark);
                // A key keeps the rest of its line, `key: user`, which is how an entry is shown.
                let is_key = matches!(
                    self.stack.last(),
                    Some(Frame {
                        node: Node { value: Value::Mapping(_), .. },
                        pending_key: None,
                        ..
                    })
                );
                if !is_key {
                    let source = &self.sources.text(self.file)[span.start..span.end];
                    if let Some(len) = scalar_len(source, style, &value) {
                        span.end = span.start + len;
                    }
                }
                let node = Node { value, span, block };
                if style != TScalarStyle::Plain && node.as_str() == Some("<<") {
                    self.quoted_merge.push(node.span.start);
                }
                self.add(node, anchor);
            }
            Event::SequenceStart(anchor, _) => {
                let node = Node {
                    value: Value::Sequence(Vec::new()),
                    span: self.span(mark),
                    block: false,
                };
                self.stack.push(Frame { node, anchor, pending_key: None, keys: None });
            }
            Event::MappingStart(anchor, _) => {
                let node =
                    Node { value: Value::Mapping(Vec::new()), span: self.span(mark), block: false };
                self.stack.push(Frame { node, anchor, pending_key: None, keys: None });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let mut frame = self.stack.pop().expect("the parser balances collections");
                if let Value::Mapping(entries) = &mut frame.node.value {
                    // The parser marks a block mapping where it recognised the first key, after
                    // the key; the key's own start is where a reader looks. Merged keys stand
                    // where their anchor is, so the span is taken before they come in.
                    if let Some((first_key, _)) = entries.first() {
                        frame.node.span = first_key.span;
                    }
                    merge_keys(entries, |key| self.is_merge(key));
                }
                self.add(frame.node, frame.anchor);
            }
            Event::Alias(anchor) => {
                let span = self.span(mark);
                let found = self.anchors.iter().rev().find(|(id, _)| *id == anchor);
                let found = found.filter(|_| self.overflow.is_none()).map(|(_, node)| node);
                self.copied += found.map_or(0, Node::count);
                let value = match found {
                    Some(_) if self.copied > ALIAS_COPY_LIMIT => {
                        self.overflow = Some((span, false));
                        Value::Null
                    }
                    Some(node) => node.value.clone(),
                    None => Value::Null,
                };
                self.add(Node { value, span, block: false }, 0);
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

/// Whether `key` is a merge key: a `<<` not among the `quoted_merge`, where quoted ones start.
fn is_merge_key(key: &Node, quoted_merge: &[usize]) -> bool {
    key.as_str() == Some("<<") && !quoted_merge.contains(&key.span.start)
}

/// Where an earlier key of a mapping being read is the same as `key`, if one is; merge keys
/// (a plain `<<`, not one of the `quoted_merge`) are no keys of the mapping and match nothing.
/// A text key is looked up in `keys` once the mapping is large, which is made then and kept up
/// to date; any other key is compared with each earlier one, wherever either is written.
fn earlier_key(
    entries: &[(Node, Node)],
    keys: &mut Option<foldhash::HashMap<String, Span>>,
    key: &Node,
    quoted_merge: &[usize],
) -> Option<Span> {
    let earlier = entries.iter().map(|(k, _)| k).filter(|k| !is_merge_key(k, quoted_merge));
    if keys.is_none() && entries.len() >= KEYS_SCANNED {
        let text_keys = earlier.clone().filter_map(|k| Some((k.as_str()?.to_owned(), k.span)));
        *keys = Some(text_keys.rev().collect());
    }
    match (keys.as_mut(), key.as_str()) {
        (Some(keys), Some(text)) => {
            let first = keys.get(text).copied();
            keys.entry(text.to_owned()).or_insert(key.span);
            first
        }
        _ => earlier.clone().find(|k| k.value.same(&key.value)).map(|k| k.span),
    }
}

/// How many bytes of `line`, the rest of the line where a scalar starts, the scalar takes up,
/// when it ends on that line: the text as written for a plain scalar, up to the closing quote
/// for a quoted one. `None` for a block scalar or one that runs on over lines, which is shown by
/// its first line. Messages underline exactly the value they are about, not a comment or the
/// `}` after it.
fn scalar_len(line: &str, style: TScalarStyle, value: &Value) -> Option<usize> {
    match style {
        TScalarStyle::Plain => {
            let text = match value {
                Value::Scalar(text) => text.as_str(),
                _ => line.split([' ', '\t', ',', '}', ']']).next().unwrap_or(""),
            };
            (!text.is_empty() && line.starts_with(text)).then_some(text.len())
        }
        TScalarStyle::SingleQuoted => {
            let b = line.as_bytes();
            let mut i = 1;
            while i < b.len() {
                match (b[i], b.get(i + 1)) {
                    (b'\'', Some(b'\'')) => i += 2,
                    (b'\'', _) => return Some(i + 1),
                    _ => i += 1,
                }
            }
            None
        }
        TScalarStyle::DoubleQuoted => {
            let b = line.as_bytes();
            let mut i = 1;
            while i < b.len() {
                match b[i] {
                    b'\\' => i += 2,
                    b'"' => return Some(i + 1),
                    _ => i += 1,
                }
            }
            None
        }
        _ => None,
    }
}

/// Applies YAML's merge keys, `<<: *defaults` or `<<: [*one, *two]`, which the docs site's YAML
/// reader applies too: the keys of the merged mappings are added where the `<<` is, except those
/// the mapping sets itself; of several merged mappings, the first to have a key wins. A `<<`
/// whose value is not a mapping or a list of them is left as a key, for the model to report.
fn merge_keys(entries: &mut Vec<(Node, Node)>, is_merge: impl Fn(&Node) -> bool) {
    let merges = |value: &Node| match &value.value {
        Value::Mapping(_) => true,
        Value::Sequence(items) => items.iter().all(|item| item.as_mapping().is_some()),
        _ => false,
    };
    if !entries.iter().any(|(key, value)| is_merge(key) && merges(value)) {
        return;
    }
    let mut seen: Vec<Value> = entries
        .iter()
        .filter(|(key, value)| !(is_merge(key) && merges(value)))
        .map(|(key, _)| key.value.clone())
        .collect();
    let mut merged = Vec::with_capacity(entries.len());
    for (key, value) in std::mem::take(entries) {
        if !(is_merge(&key) && merges(&value)) {
            merged.push((key, value));
            continue;
        }
        let sources = match value.value {
            Value::Sequence(items) => items,
            _ => vec![value],
        };
        for source in sources {
            let Value::Mapping(pairs) = source.value else { continue };
            for (key, value) in pairs {
                if !seen.contains(&key.value) {
                    seen.push(key.value.clone());
                    merged.push((key, value));
                }
            }
        }
    }
    *entries = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> (Option<Node>, Vec<String>) {
        let mut sources = SourceMap::default();
        let file = sources.add("t.mdx".into(), text.into());
        let mut diagnostics = Diagnostics::default();
        let node = parse(&sources, file, text.len(), &mut diagnostics);
        let lines = diagnostics.sorted().iter().map(|d| d.one_line(&sources)).collect();
        (node, lines)
    }

    #[test]
    fn nodes_know_their_line() {
        let (node, errors) = parse_text("---\na:\n  b: text\n  c:\n    - x\n");
        assert!(errors.is_empty(), "{errors:?}");
        let node = node.unwrap();
        let b = node.get("a").unwrap().get("b").unwrap();
        assert_eq!(b.as_str(), Some("text"));
        let mut sources = SourceMap::default();
        let file = sources.add("t.mdx".into(), "---\na:\n  b: text\n  c:\n    - x\n".into());
        assert_eq!(sources.line_col(file, b.span.start), (3, 6));
        let c = node.get("a").unwrap().get("c").unwrap();
        assert_eq!(sources.line_col(file, c.as_sequence().unwrap()[0].span.start), (5, 7));
    }

    #[test]
    fn plain_null_spellings_are_null_but_quoted_are_text() {
        let (node, _) = parse_text("a:\nb: ~\nc: null\nd: 'null'\n");
        let node = node.unwrap();
        assert!(node.get("a").unwrap().is_null());
        assert!(node.get("b").unwrap().is_null());
        assert!(node.get("c").unwrap().is_null());
        assert_eq!(node.get("d").unwrap().as_str(), Some("null"));
    }

    #[test]
    fn block_scalars_are_folded_by_the_parser() {
        let (node, _) = parse_text("a: >\n  one\n  two\n\n\n  three\nb: |-\n  x\n");
        let node = node.unwrap();
        assert_eq!(node.get("a").unwrap().as_str(), Some("one two\n\nthree\n"));
        assert_eq!(node.get("b").unwrap().as_str(), Some("x"));
    }

    #[test]
    fn duplicate_keys_are_reported_at_the_second() {
        let text = "---\nd:\n  label: a\n  label: b\nlist:\n  - type: x\n    type: y\n";
        let (_, errors) = parse_text(text);
        assert_eq!(
            errors,
            [
                "t.mdx:4:3: error: duplicate key 'label' in d (first defined at line 3)",
                "t.mdx:7:5: error: duplicate key 'type' in list[0] (first defined at line 6)",
            ]
        );
    }

    #[test]
    fn a_duplicate_in_a_large_mapping_is_found_at_its_first_definition() {
        let mut text = String::from("---\nbig:\n");
        for k in 0..50_000 {
            text.push_str(&format!("  k{k}: v\n"));
        }
        text.push_str("  k7: again\n  k49999: again\n");
        let (_, errors) = parse_text(&text);
        assert_eq!(
            errors,
            [
                "t.mdx:50003:3: error: duplicate key 'k7' in big (first defined at line 10)",
                "t.mdx:50004:3: error: duplicate key 'k49999' in big (first defined at line 50002)",
            ]
        );
    }

    #[test]
    fn complex_null_and_quoted_merge_keys_are_duplicates_as_yaml_reads_them() {
        let text = "---\nfoo:\n  ? [a]\n  : c1\n  ? [a]\n  : c2\n  ~: x\n  null: y\n\
                    b: &b\n  k: 1\nm:\n  <<: *b\n  \"<<\": q\n";
        let (_, errors) = parse_text(text);
        assert_eq!(
            errors,
            [
                "t.mdx:5:5: error: duplicate key '[…]' in foo (first defined at line 3)",
                "t.mdx:8:3: error: duplicate key 'null' in foo (first defined at line 7)",
            ]
        );
    }

    #[test]
    fn a_duplicate_is_named_by_its_whole_path_and_at_the_top_by_the_frontmatter() {
        let text = "---\na:\n  - x: 1\n  - b:\n      - [1]\n      - c: 1\n        c: 2\na: 3\n";
        let (_, errors) = parse_text(text);
        assert_eq!(
            errors,
            [
                "t.mdx:7:9: error: duplicate key 'c' in a[1].b[1] (first defined at line 6)",
                "t.mdx:8:1: error: duplicate key 'a' in the frontmatter (first defined at line 2)",
            ]
        );
    }

    #[test]
    fn a_duplicate_inside_a_complex_key_is_named_by_the_mapping_holding_the_key() {
        let (_, errors) = parse_text("---\nouter:\n  ? {a: 1, a: 2}\n  : v\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("duplicate key 'a' in outer (first"), "{errors:?}");
    }

    #[test]
    fn merge_keys_add_the_keys_the_mapping_does_not_set() {
        let text = "---\nbase: &b\n  label: Base.\n  extra: Extra.\nmore: &m\n  label: More.\n  \
                    other: Other.\none:\n  <<: *b\n  extra: Own.\ntwo:\n  <<: [*m, *b]\n";
        let (node, errors) = parse_text(text);
        assert!(errors.is_empty(), "{errors:?}");
        let node = node.unwrap();
        let keys = |name: &str| -> Vec<(String, String)> {
            let entries = node.get(name).unwrap().as_mapping().unwrap();
            entries
                .iter()
                .map(|(k, v)| (k.as_str().unwrap().to_owned(), v.as_str().unwrap().to_owned()))
                .collect()
        };
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
        };
        assert_eq!(keys("one"), pairs(&[("label", "Base."), ("extra", "Own.")]));
        let two = pairs(&[("label", "More."), ("other", "Other."), ("extra", "Extra.")]);
        assert_eq!(keys("two"), two);
    }

    #[test]
    fn a_mapping_that_merges_first_is_placed_at_its_own_first_key() {
        let text = "---\nbase: &b\n  label: Base.\none:\n  <<: *b\n  extra: Own.\n";
        let (node, errors) = parse_text(text);
        assert!(errors.is_empty(), "{errors:?}");
        let mut sources = SourceMap::default();
        let file = sources.add("t.mdx".into(), text.into());
        let one = node.unwrap().get("one").unwrap().clone();
        assert_eq!(sources.line_col(file, one.span.start), (5, 3));
        assert_eq!(one.get("label").unwrap().as_str(), Some("Base."));
    }

    #[test]
    fn merge_keys_may_repeat_and_the_first_to_give_a_key_wins() {
        let text = "---\na: &a\n  k: A\nb: &b\n  k: B\n  j: B\nc:\n  <<: *a\n  <<: *b\n";
        let (node, errors) = parse_text(text);
        assert!(errors.is_empty(), "{errors:?}");
        let c = node.unwrap().get("c").unwrap().clone();
        assert_eq!(c.get("k").unwrap().as_str(), Some("A"));
        assert_eq!(c.get("j").unwrap().as_str(), Some("B"));
        assert_eq!(c.as_mapping().unwrap().len(), 2);
    }

    #[test]
    fn a_quoted_merge_key_is_an_ordinary_key() {
        let text = "---\na: &a\n  k: A\nb:\n  \"<<\": *a\n  '<<': *a\n";
        let (node, errors) = parse_text(text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("t.mdx:6:3: error: duplicate key '<<' in b"), "{errors:?}");
        let b = node.unwrap().get("b").unwrap().clone();
        assert!(b.get("k").is_none(), "{b:?}");
        assert_eq!(b.get("<<").unwrap().get("k").unwrap().as_str(), Some("A"));
    }

    #[test]
    fn a_merge_key_with_a_text_stays_a_key() {
        let (node, _) = parse_text("---\na:\n  <<: text\n");
        assert_eq!(node.unwrap().get("a").unwrap().get("<<").unwrap().as_str(), Some("text"));
    }

    #[test]
    fn a_syntax_error_is_reported_alone_even_after_a_duplicate() {
        let (node, errors) = parse_text("---\nk: 1\nk: 2\nb: [1, 2\n");
        assert!(node.is_none());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("invalid YAML"), "{errors:?}");
    }

    #[test]
    fn syntax_error_is_located() {
        let (node, errors) = parse_text("---\na: [1, 2\nb: 3\n");
        assert!(node.is_none());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("t.mdx:"), "{errors:?}");
        assert!(errors[0].contains("invalid YAML"), "{errors:?}");
    }

    #[test]
    fn aliases_that_copy_too_many_nodes_are_an_error_at_the_alias_that_goes_over() {
        // Each level is ten aliases of the level before: 10^6 strings at the sixth.
        let mut text = String::from("---\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..=6 {
            let aliases = vec![format!("*l{}", level - 1); 10].join(", ");
            text.push_str(&format!("l{level}: &l{level} [{aliases}]\n"));
        }
        let (node, errors) = parse_text(&text);
        assert!(node.is_none());
        assert_eq!(errors.len(), 1, "{errors:?}");
        // The fourth level copies 10 * 11,111 nodes, over the limit at its eighth alias.
        assert!(errors[0].starts_with("t.mdx:6:45:"), "{errors:?}");
        assert!(
            errors[0].contains("aliases in the frontmatter copy more than 100000"),
            "{errors:?}"
        );
        // Three levels stay under the limit and are copied whole.
        let (node, errors) = parse_text(&text[..text.find("l4:").unwrap()]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(node.unwrap().get("l3").unwrap().count(), 11_111);
    }

    #[test]
    fn a_value_is_placed_from_its_first_to_its_last_character_on_its_line() {
        let text = "---\na: plain text # note\nb: {k: strng}\nc: 'it''s' # q\nd: \"x\\\"y\" # d\n\
                    e: ~ # null\nf: >\n  folded\ng: 'runs\n  on'\n";
        let (node, errors) = parse_text(text);
        assert!(errors.is_empty(), "{errors:?}");
        let node = node.unwrap();
        let shown = |n: &Node| &text[n.span.start..n.span.end];
        assert_eq!(shown(node.get("a").unwrap()), "plain text");
        assert_eq!(shown(node.get("b").unwrap().get("k").unwrap()), "strng");
        assert_eq!(shown(node.get("c").unwrap()), "'it''s'");
        assert_eq!(shown(node.get("d").unwrap()), "\"x\\\"y\"");
        assert_eq!(shown(node.get("e").unwrap()), "~");
        // A block scalar, marked where its text starts, or a scalar over several lines, is shown
        // by the rest of its first line.
        assert_eq!(shown(node.get("f").unwrap()), "folded");
        assert_eq!(shown(node.get("g").unwrap()), "'runs");
        // A key is shown with the rest of its line.
        let (key, _) = &node.as_mapping().unwrap()[0];
        assert_eq!(shown(key), "a: plain text # note");
    }

    #[test]
    fn anchors_inside_anchors_count_as_copies() {
        // Each anchor keeps a copy of what it holds, 60,000 items and more: twenty of them hold
        // more than the limit, and the seventeenth, from the inside, goes over it.
        let nested = |levels: usize| {
            let opening: String = (0..levels).map(|level| format!("&a{level} [")).collect();
            let items = vec!["x"; 60_000].join(", ");
            format!("---\nb: {opening}{items}{}\n", "]".repeat(levels))
        };
        let (node, errors) = parse_text(&nested(20));
        assert!(node.is_none());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("t.mdx:2:"), "{errors:?}");
        assert!(errors[0].contains("anchored values in the frontmatter hold more than 1000000"));
        // Ten anchors hold 600,000 nodes in all, and a value anchored once is kept whole.
        let (node, errors) = parse_text(&nested(10));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(node.unwrap().get("b").unwrap().count(), 60_010);
    }

    #[test]
    fn aliases_copy_the_anchored_node() {
        let (node, _) = parse_text("a: &x\n  k: v\nb: *x\n");
        let node = node.unwrap();
        assert_eq!(node.get("b").unwrap().get("k").unwrap().as_str(), Some("v"));
    }
}
