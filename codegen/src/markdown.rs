//! Documentation text: turns the Markdown/MDX found in API reference pages into rustdoc lines.
//!
//! This module owns every change the generator makes to prose before it becomes `#[doc = "..."]`
//! on a generated type: site-relative links are made absolute, text that rustdoc's lints would
//! reject (bare URLs, stray brackets, HTML-looking placeholders) is escaped, code fences are
//! relabelled so no doc test is ever created from docs text, and MDX-only syntax (imports,
//! exports, JSX components) is left out. It also finds the part of an MDX body that describes one
//! reference entry ([`body_section`], or [`Body`] for a body with many). It knows nothing about
//! YAML or Rust syntax: callers pass already-resolved strings and emit the returned lines as
//! string literals themselves.
//!
//! The Markdown is read by `pulldown-cmark`, the parser rustdoc itself uses, so both agree on
//! what is a link, a code span or a code block. The output is the author's own text with small
//! edits spliced in at the byte ranges the parser reports, never Markdown re-rendered from
//! events, so line breaks and spacing stay as written. MDX is handled line by line before that:
//! MDX has no HTML blocks, so a CommonMark parser would misread JSX components and what follows.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use foldhash::{HashMap, HashMapExt};
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// A note about text that could not be rendered faithfully.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextWarning {
    /// 0-based line within the input text where the problem starts.
    pub line: usize,
    /// What is wrong, in one sentence.
    pub message: String,
}

/// Markdown text turned into rustdoc lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    /// One entry per doc line, without the leading `///` or space; empty strings are blank lines.
    pub lines: Vec<String>,
    /// Problems found while rendering, ordered by input line.
    pub warnings: Vec<TextWarning>,
}

/// Turns a Markdown/MDX text into rustdoc lines.
///
/// `base_url` is the documentation site root without a trailing slash (for example
/// `https://workos.com/docs`); links starting with `/` are resolved against it. Line breaks are
/// kept as they are, runs of blank lines become one, and leading and trailing blank lines are
/// dropped. The output is a pure function of the input.
pub fn to_rustdoc(text: &str, base_url: &str) -> Rendered {
    plain_text(text, base_url).unwrap_or_else(|| render(text, base_url))
}

/// The rustdoc of a text of plain words and punctuation with at most some inline links to
/// site paths and code spans, as most descriptions are; `None` for anything else. Each of its
/// lines is part of a paragraph whose only change is its links' targets made absolute, so it
/// needs no parser; everything the parser would read otherwise (a block marker, emphasis, HTML,
/// an entity, an escape, a bare URL, any bracket or backtick that does not open such a link or
/// code span) sends the text to it.
fn plain_text(text: &str, base_url: &str) -> Option<Rendered> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            // Runs of blank lines become one, and none leads.
            if lines.last().is_some_and(|last| !last.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        lines.push(plain_line(line, base_url)?);
    }
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    Some(Rendered { lines, warnings: Vec::new() })
}

/// One line of [`plain_text`], its links made absolute; `None` when the line is not plain.
fn plain_line(line: &str, base_url: &str) -> Option<String> {
    const PUNCTUATION: &[u8] = b" .,;:'\"?()/-";
    let plain = |c: u8| c.is_ascii_alphanumeric() || PUNCTUATION.contains(&c);
    let path = |c: u8| c.is_ascii_alphanumeric() || b"/_.#-".contains(&c);
    // A code span keeps its text as written; one backtick opens it and the next closes it.
    let code = |c: u8| (c.is_ascii_graphic() || c == b' ') && c != b'`';
    if !line.as_bytes().first()?.is_ascii_alphabetic()
        || line.contains("http")
        || line.starts_with("import")
        || line.starts_with("export")
    {
        return None;
    }
    let mut out = String::with_capacity(line.len() + 32);
    let mut rest = line;
    while let Some(open) = rest.find(['[', '`']) {
        let (before, marked) = rest.split_at(open);
        if !before.bytes().all(plain) {
            return None;
        }
        out.push_str(before);
        if let Some(span) = marked.strip_prefix('`') {
            // A run of backticks opens or closes only a span delimited by a run as long.
            let (inside, after) = span.split_once('`')?;
            if inside.is_empty() || !inside.bytes().all(code) || after.starts_with('`') {
                return None;
            }
            out.push_str(&marked[..inside.len() + 2]);
            rest = after;
            continue;
        }
        let (label, after) = marked[1..].split_once("](")?;
        let (dest, after) = after.split_once(')')?;
        if label.is_empty()
            || !label.bytes().all(|c| plain(c) && c != b'(' && c != b')')
            || !dest.starts_with('/')
            || dest.starts_with("//")
            || !dest.bytes().all(path)
        {
            return None;
        }
        out.push('[');
        out.push_str(label);
        out.push_str("](");
        out.push_str(&resolve(dest, base_url)?);
        out.push(')');
        rest = after;
    }
    if !rest.bytes().all(plain) {
        return None;
    }
    out.push_str(rest);
    Some(out)
}

/// Renders any text through the Markdown parser: MDX left out, then the edits that make it
/// rustdoc-safe.
fn render(text: &str, base_url: &str) -> Rendered {
    let mut warnings = Vec::new();
    let kept = strip_mdx(&source_lines(text), &mut warnings);
    let doc = Doc::new(&kept);
    let mut rewriter = Rewriter {
        doc: &doc,
        base_url,
        edits: Vec::new(),
        warnings: Vec::new(),
        verbatim: Vec::new(),
    };
    rewriter.run();
    warnings.extend(rewriter.warnings);
    // Stable sort: warnings on the same line keep the order they were found in.
    warnings.sort_by_key(|w| w.line);
    Rendered { lines: doc.finish(&rewriter.edits, &rewriter.verbatim), warnings }
}

/// The part of an MDX body that documents one reference entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodySection {
    /// The heading text of the section, without the `#` marks.
    pub heading: String,
    /// The 0-based line of the body the heading is on, when there is one.
    pub heading_line: Option<usize>,
    /// The section's Markdown after the heading, with MDX components and imports left out.
    pub prose: String,
    /// For each line of `prose`, the 0-based line of the body it comes from, to place a
    /// warning about the prose in the file.
    pub lines: Vec<usize>,
    /// Problems found while leaving the MDX out, placed on lines of the body.
    pub warnings: Vec<TextWarning>,
}

/// Finds the section of `body` holding `<CodeBlock ... referenceId="ID" ... />`.
///
/// The section runs from the nearest ATX heading above the code block (headings inside fenced
/// code do not count) up to the next heading of the same or a higher level, so subsections are
/// included. Without a heading above, the heading is empty and the section starts at the top of
/// the body. Returns `None` when no code block carries `reference_id`. A body searched for
/// several entries is read once when it is kept as a [`Body`].
pub fn body_section(body: &str, reference_id: &str) -> Option<BodySection> {
    Body::new(body.to_owned()).section(reference_id)
}

/// An MDX body that keeps what finding its sections takes: a page documents many entries, and
/// each search would otherwise split and parse the whole body again. Nothing is read before the
/// first search.
#[derive(Debug, Clone, Default)]
pub struct Body {
    text: String,
    index: OnceLock<BodyIndex>,
}

/// Where the lines, the code blocks and the headings of a body are.
#[derive(Debug, Clone)]
struct BodyIndex {
    /// Each line's bytes in the body, as [`source_lines`] splits it.
    lines: Vec<Range<usize>>,
    /// For each `referenceId`, the line of the first `<CodeBlock>` outside fences carrying it.
    code_blocks: HashMap<String, usize>,
    /// The headings, in order; left empty without code blocks, when no search needs them.
    headings: Vec<Heading>,
    /// The line of a code fence that is never closed, which makes the rest of the body code.
    open_fence: Option<usize>,
}

/// An ATX heading of a body.
#[derive(Debug, Clone, PartialEq)]
struct Heading {
    /// 0-based line in the body.
    line: usize,
    /// The number of `#` marks.
    level: usize,
    /// The text without the `#` marks.
    title: String,
    /// The line after the heading's last: more than `line + 1` when a tag that starts on the
    /// heading's line runs on over later lines (`## Title <CodeBlock` then `referenceId=...`).
    next: usize,
}

impl Body {
    /// A body with the given text.
    pub fn new(text: String) -> Body {
        Body { text, index: OnceLock::new() }
    }

    /// The text, as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The section holding the code block of `reference_id`, as [`body_section`] finds it.
    pub fn section(&self, reference_id: &str) -> Option<BodySection> {
        let index = self.index.get_or_init(|| BodyIndex::new(&self.text));
        let target = *index.code_blocks.get(reference_id)?;
        // A heading may share its line with the code block: `## Title <CodeBlock ... />`.
        let above = index.headings.iter().rev().find(|h| h.line <= target);
        // Without a heading, any later heading ends the section, as if the section were level 7.
        let (start, level, heading) = match above {
            Some(h) => (h.next, h.level, h.title.clone()),
            None => (0, 7, String::new()),
        };
        let heading_line = above.map(|h| h.line);
        let end = index
            .headings
            .iter()
            .find(|h| h.line >= start && h.level <= level)
            .map_or(index.lines.len(), |h| h.line);
        let lines = numbered_lines(&self.text, &index.lines[start..end], start);
        let (prose, lines, warnings) = section_prose(&lines);
        Some(BodySection { heading, heading_line, prose, lines, warnings })
    }

    /// The 0-based line of a code fence that is never closed and so turns into code a
    /// `<CodeBlock>` of `reference_id` after it, whose section is then not found; `None` when
    /// the code block is found or no such fence hides it.
    pub fn hiding_fence(&self, reference_id: &str) -> Option<usize> {
        let index = self.index.get_or_init(|| BodyIndex::new(&self.text));
        let fence = index.open_fence.filter(|_| !index.code_blocks.contains_key(reference_id))?;
        let after = numbered_lines(&self.text, &index.lines[fence + 1..], fence + 1);
        let hidden = (0..after.len())
            .any(|i| code_block_ids(&after, i).iter().any(|(_, id)| id == reference_id));
        hidden.then_some(fence)
    }
}

/// `text` as a Markdown code span that shows it as it is: fenced by a run of backticks longer
/// than any inside it, with a space inside each fence when the text starts or ends with a
/// backtick, or with a space at both ends (Markdown drops one space from each end of such a
/// span). For names and values from the docs, which may hold backticks: `` `a`b` `` would end
/// at the second one.
pub fn code(text: &str) -> String {
    if text.is_empty() {
        return "`\"\"`".to_owned();
    }
    let mut longest = 0;
    let mut run = 0;
    for b in text.bytes() {
        run = if b == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let padded = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    let pad = if padded { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The first heading of a body and the prose under it, up to the next heading or the first
/// JSX component outside a fence: the introduction that a folder's `index.mdx` gives.
/// Headings are found as [`body_section`] finds them, so a `#` line in a fence is none.
pub fn first_section(body: &str) -> Option<BodySection> {
    let lines = source_lines(body);
    let headings = headings(&lines);
    let first = headings.first()?;
    let next_heading = headings.get(1).map_or(lines.len(), |h| h.line);
    let mut fence: Option<LineFence> = None;
    let end = (first.next..next_heading)
        .find(|&i| {
            let text = lines[i].text.as_ref();
            LineFence::follow(&mut fence, text) == FenceLine::Outside
                && component_start(text).is_some()
        })
        .unwrap_or(next_heading);
    let (prose, lines, warnings) = section_prose(&lines[first.next.min(end)..end]);
    let heading = first.title.clone();
    Some(BodySection { heading, heading_line: Some(first.line), prose, lines, warnings })
}

/// The Markdown of a section's lines with the MDX left out, the line each of its lines comes
/// from, and what leaving the MDX out found.
fn section_prose(lines: &[SrcLine]) -> (String, Vec<usize>, Vec<TextWarning>) {
    let mut warnings = Vec::new();
    let kept = strip_mdx(lines, &mut warnings);
    let section = Doc::new(&kept);
    // Finding fenced blocks takes a parse of the section, which a section without a fence
    // marker can skip.
    let fenced = section.text.contains("```") || section.text.contains("~~~");
    let fences = if fenced { section.fenced_ranges() } else { Vec::new() };
    let (numbers, lines): (Vec<usize>, Vec<String>) =
        section.finish_numbered(&[], &fences).into_iter().unzip();
    (lines.join("\n"), numbers, warnings)
}

impl BodyIndex {
    fn new(text: &str) -> BodyIndex {
        let ranges: Vec<Range<usize>> = line_ranges(text).collect();
        let lines = numbered_lines(text, &ranges, 0);
        let (code_blocks, open_fence) = code_blocks(&lines);
        let headings = if code_blocks.is_empty() { Vec::new() } else { headings(&lines) };
        BodyIndex { lines: ranges, code_blocks, headings, open_fence }
    }
}

/// For each `referenceId` of a `<CodeBlock>` outside fences, the first line that carries it;
/// and the line of a fence still open at the end, if any.
fn code_blocks(lines: &[SrcLine]) -> (HashMap<String, usize>, Option<usize>) {
    let mut found = HashMap::new();
    let (mut fence, mut fence_line) = (None, 0);
    // The line after an MDX comment that started on an earlier line and ends on a later one.
    let mut comment_until = 0;
    for (i, line) in lines.iter().enumerate() {
        if i < comment_until {
            continue;
        }
        match LineFence::follow(&mut fence, &line.text) {
            FenceLine::Opens => fence_line = i,
            FenceLine::Inside => {}
            FenceLine::Outside if line.text.contains('<') || line.text.contains("{/*") => {
                // A code block named in a comment or a code span is text, not the page's.
                let hidden = hidden_ranges(&line.text);
                for (at, id) in code_block_ids(lines, i) {
                    if !hidden.iter().any(|range| range.contains(&at)) {
                        found.entry(id).or_insert(i);
                    }
                }
                if hidden.last().is_some_and(|range| range.end == usize::MAX) {
                    // The comment runs on to the first later line with its end.
                    comment_until = (i + 1..lines.len())
                        .find(|&k| lines[k].text.contains("*/}"))
                        .map_or(lines.len(), |k| k + 1);
                }
            }
            FenceLine::Outside => {}
        }
    }
    (found, fence.map(|_| fence_line))
}

/// The byte ranges of a line that are code spans or MDX comments; a comment that does not end
/// on the line runs to `usize::MAX`.
fn hidden_ranges(text: &str) -> Vec<Range<usize>> {
    let mut hidden = Vec::new();
    let mut from = 0;
    while let Some(at) = memchr::memchr2(b'{', b'`', &text.as_bytes()[from..]) {
        let at = from + at;
        if text.as_bytes()[at] == b'`' {
            let end = code_span_end(text, at);
            hidden.extend(end.map(|end| at..end));
            from = end.unwrap_or(at + 1);
        } else if text[at..].starts_with("{/*") && !escaped(text.as_bytes(), at) {
            match text[at + 3..].find("*/}") {
                Some(end) => {
                    hidden.push(at..at + 3 + end + 3);
                    from = at + 3 + end + 3;
                }
                None => {
                    hidden.push(at..usize::MAX);
                    break;
                }
            }
        } else {
            from = at + 1;
        }
    }
    hidden
}

/// The ATX headings of a body. They come from the Markdown left once the MDX is gone: inside a
/// fence, or inside an HTML block that swallowed a line, `#` is not a heading.
fn headings(lines: &[SrcLine]) -> Vec<Heading> {
    let kept = strip_mdx(lines, &mut Vec::new());
    let mut headings = plain_headings(&kept).unwrap_or_else(|| parsed_headings(&kept));
    for heading in &mut headings {
        // A tag or an MDX comment that starts on the heading's line may run on over later ones.
        let tags =
            inline_tags_end(lines, heading.line).ok().flatten().map_or(heading.line, |e| e.0);
        let comments = without_inline_comments(lines, heading.line).map_or(0, |(_, j)| j);
        heading.next = tags.max(comments) + 1;
    }
    headings
}

/// The headings of Markdown whose every line is blank, prose that starts with a letter, or a
/// heading whose title holds no `#`, `\` or `<`, read without the parser; `None` for any other.
/// Such lines open no block but a heading or a paragraph, so each `#` line is a heading: most
/// pages are written so, and parsing them all took a twentieth of a large run.
fn plain_headings(lines: &[SrcLine]) -> Option<Vec<Heading>> {
    let mut headings = Vec::new();
    for line in lines {
        let text = line.text.trim_end();
        let Some(first) = text.bytes().next() else { continue };
        if first.is_ascii_alphabetic() {
            continue;
        }
        let level = text.bytes().take_while(|&b| b == b'#').count();
        let title = text[level..].strip_prefix(' ')?.trim();
        let plain = |c: char| !matches!(c, '#' | '\\' | '<');
        if !(1..=6).contains(&level) || title.is_empty() || !title.chars().all(plain) {
            return None;
        }
        let next = line.no + 1;
        headings.push(Heading { line: line.no, level, title: title.to_owned(), next });
    }
    Some(headings)
}

/// The headings of Markdown as the parser finds them.
fn parsed_headings(lines: &[SrcLine]) -> Vec<Heading> {
    let doc = Doc::new(lines);
    let mut headings = Vec::new();
    let mut open: Option<(usize, usize, Option<Range<usize>>)> = None;
    for (event, range) in doc.events() {
        match event {
            Event::Start(Tag::Heading { level, .. })
                if doc.text[range.clone()].starts_with('#') =>
            {
                open = Some((doc.line_no(range.start), level as usize, None));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((line, level, title)) = open.take() {
                    let title = without_components(title.map_or("", |r| doc.text[r].trim()));
                    headings.push(Heading { line, level, title, next: line + 1 });
                }
            }
            // The title runs from the first to the last inline event, which leaves out the `#`
            // marks, a closing `#` run and the spaces around them.
            _ => {
                if let Some((_, _, title)) = &mut open {
                    let start = title.as_ref().map_or(range.start, |t| t.start);
                    *title = Some(start.min(range.start)..range.end);
                }
            }
        }
    }
    headings
}

/// A heading's title without the self-closing components written on its line, such as the
/// `<CodeBlock … />` of `## Title <CodeBlock … />`, which belong to the page, not the title. A
/// tag inside a code span is text, and one inside another tag's attribute is that tag's value:
/// both are kept.
fn without_components(title: &str) -> String {
    let line = [SrcLine { no: 0, text: Cow::Borrowed(title) }];
    let mut kept = String::new();
    let (mut copied, mut from) = (0, 0);
    while let Some(found) = memchr::memchr2(b'<', b'`', &title.as_bytes()[from..]) {
        let at = from + found;
        if title.as_bytes()[at] == b'`' {
            from = code_span_end(title, at).unwrap_or(at + 1);
            continue;
        }
        // `\<Icon />` is text, as MDX reads it.
        let is_escaped = escaped(title.as_bytes(), at);
        let component =
            !is_escaped && title[at + 1..].starts_with(|c: char| c.is_ascii_uppercase());
        let tag = !is_escaped
            && title[at + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
        match tag_end(&line, 0, at + 1) {
            Some((_, end, true)) if component => {
                kept.push_str(title[copied..at].trim_end());
                copied = end;
                from = end;
            }
            Some((_, end, _)) if tag => from = end,
            _ => from = at + 1,
        }
    }
    if copied == 0 {
        return title.to_owned();
    }
    let rest = title[copied..].trim_start();
    if !kept.is_empty() && !rest.is_empty() {
        kept.push(' ');
    }
    kept.push_str(rest);
    kept
}

/// Whether a byte is punctuation that follows a word without a space: `,`, `.`, `;` and the
/// like, or the end of the text.
fn ends_clause(next: Option<u8>) -> bool {
    next.is_none_or(|b| b",.;:!?)".contains(&b))
}

/// The byte after the code span that a run of backticks at `at` opens: the next run as long.
/// `None` when no such run follows, and the backticks are text.
fn code_span_end(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let run = b[at..].iter().take_while(|&&c| c == b'`').count();
    let mut i = at + run;
    while let Some(found) = memchr::memchr(b'`', &b[i..]) {
        let start = i + found;
        let len = b[start..].iter().take_while(|&&c| c == b'`').count();
        if len == run {
            return Some(start + len);
        }
        i = start + len;
    }
    None
}

/// The most lines a JSX tag that starts after text on a line is looked for over.
const MAX_TAG_LINES: usize = 32;

/// Where the JSX tags that start inside line `i`, after other text, and end on a later line
/// end: their last line and the byte after the last one's `>`; `None` when no tag runs on past
/// the line. MDX reads such a tag as one element however its lines break, so joined onto one
/// line it reads as a tag within a line does. A tag inside a code span is text.
///
/// `Err` with the tag's name when a component tag starts but does not end within
/// [`MAX_TAG_LINES`], and is likely a tag that was never closed.
fn inline_tags_end(lines: &[SrcLine], i: usize) -> Result<Option<(usize, usize)>, String> {
    let mut found = None;
    let (mut j, mut from) = (i, 0);
    'lines: loop {
        let text = lines[j].text.as_ref();
        while let Some(at) = memchr::memchr2(b'<', b'`', &text.as_bytes()[from..]) {
            let at = from + at;
            if text.as_bytes()[at] == b'`' {
                from = code_span_end(text, at).unwrap_or(at + 1);
                continue;
            }
            from = at + 1;
            let Some(name) = component_name(&text[at + 1..]) else { continue };
            // A tag longer than this is prose that happens to hold a `<`; bounding the search
            // also keeps a body of such lines from being read once per line.
            let window = &lines[..lines.len().min(j + MAX_TAG_LINES)];
            match tag_end(window, j, at + 1) {
                Some((end_line, end, _)) if end_line > j => {
                    found = Some((end_line, end));
                    (j, from) = (end_line, end);
                    continue 'lines;
                }
                Some((_, end, _)) => from = end,
                None => return Err(name.to_owned()),
            }
        }
        break;
    }
    Ok(found)
}

/// Line `i` and the lines its tags run on over (see [`inline_tags_end`]) as one line, each
/// further line trimmed and joined with a space, numbered as line `i`.
// FIXME: a warning about the text after the tag then names line `i`, not its own line: in
// `Text <Tip title="x"\n  y="z" /> and [l](../b)`, the link's warning points a line early.
fn joined_line<'a>(lines: &[SrcLine<'a>], i: usize, last: usize) -> SrcLine<'a> {
    let mut text = lines[i].text.trim_end().to_owned();
    for line in &lines[i + 1..=last] {
        let part = line.text.trim();
        if !part.is_empty() {
            text.push(' ');
            text.push_str(part);
        }
    }
    SrcLine { no: lines[i].no, text: Cow::Owned(text) }
}

/// One input line with its 0-based position in the original text, kept for warnings. Most
/// lines are the input's own; only what is left of a line that an MDX tag shares is a copy.
#[derive(Debug, Clone)]
struct SrcLine<'a> {
    no: usize,
    text: Cow<'a, str>,
}

/// Splits text into lines, accepting LF and CRLF endings and one leading byte-order mark.
fn source_lines(text: &str) -> Vec<SrcLine<'_>> {
    line_ranges(text)
        .enumerate()
        .map(|(no, range)| SrcLine { no, text: Cow::Borrowed(&text[range]) })
        .collect()
}

/// The lines of `text` at `ranges`, numbered from `first`.
fn numbered_lines<'a>(text: &'a str, ranges: &[Range<usize>], first: usize) -> Vec<SrcLine<'a>> {
    (first..)
        .zip(ranges)
        .map(|(no, range)| SrcLine { no, text: Cow::Borrowed(&text[range.clone()]) })
        .collect()
}

/// The bytes of each line of `text`, without its line ending; a leading byte-order mark is in
/// no line.
fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    // A lone `\r` ends a line too, as in CommonMark: kept inside a line, it would reach a doc
    // comment, where rustc refuses it.
    let bytes = text.as_bytes();
    let mut start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let Some(at) = memchr::memchr2(b'\n', b'\r', &bytes[start..]) else {
            done = true;
            return Some(start..bytes.len());
        };
        let end = start + at;
        let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
        let range = start..end;
        start = end + if crlf { 2 } else { 1 };
        Some(range)
    })
}

// ---------------------------------------------------------------------------------------------
// Markdown, read by pulldown-cmark.

/// The Markdown left after MDX stripping, as one text the parser reads.
struct Doc {
    /// The kept lines joined with `\n`, each without trailing whitespace.
    text: String,
    /// Byte offset where each line starts in `text`.
    starts: Vec<usize>,
    /// The input line each line of `text` came from.
    nos: Vec<usize>,
}

impl Doc {
    fn new(lines: &[SrcLine]) -> Doc {
        let mut doc = Doc { text: String::new(), starts: Vec::new(), nos: Vec::new() };
        for (k, line) in lines.iter().enumerate() {
            if k > 0 {
                doc.text.push('\n');
            }
            doc.starts.push(doc.text.len());
            doc.nos.push(line.no);
            doc.text.push_str(line.text.trim_end());
        }
        doc
    }

    /// Tables and footnotes, as rustdoc reads them; task lists stay off, so `[ ]` is escaped.
    fn parser(&self) -> Parser<'_> {
        Parser::new_ext(&self.text, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES)
    }

    fn events(&self) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
        self.parser().into_offset_iter()
    }

    fn line_at(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// The input line holding byte `at`.
    fn line_no(&self, at: usize) -> usize {
        self.nos.get(self.line_at(at)).copied().unwrap_or(0)
    }

    fn line_start(&self, at: usize) -> usize {
        self.starts.get(self.line_at(at)).copied().unwrap_or(0)
    }

    /// Ranges of fenced code blocks, whose blank lines are content rather than spacing.
    fn fenced_ranges(&self) -> Vec<Range<usize>> {
        self.events()
            .filter_map(|(event, range)| match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => Some(range),
                _ => None,
            })
            .collect()
    }

    /// Applies `edits` (sorted, not overlapping), then trims line ends, collapses blank runs
    /// outside `verbatim` ranges, and drops leading and trailing blank lines.
    fn finish(&self, edits: &[Edit], verbatim: &[Range<usize>]) -> Vec<String> {
        let lines = self.finish_lines(edits, verbatim, false);
        lines.into_iter().map(|(_, line)| line).collect()
    }

    /// As [`Doc::finish`], each line with the input line it starts on.
    fn finish_numbered(&self, edits: &[Edit], verbatim: &[Range<usize>]) -> Vec<(usize, String)> {
        self.finish_lines(edits, verbatim, true)
    }

    /// The lines [`Doc::finish`] gives, with their input lines when `numbered`, else with 0:
    /// finding the line of each costs a search that most texts, rendered for good, do not need.
    fn finish_lines(
        &self,
        edits: &[Edit],
        verbatim: &[Range<usize>],
        numbered: bool,
    ) -> Vec<(usize, String)> {
        // Each output line remembers the source byte it starts at, to know if it is verbatim;
        // lines an edit brings in count as starting where the edit does.
        let mut lines: Vec<(usize, String)> = vec![(0, String::new())];
        let mut push = |text: &str, mut at: usize, advance: bool| {
            for (k, piece) in text.split('\n').enumerate() {
                if k > 0 {
                    lines.push((at, String::new()));
                }
                if let Some(last) = lines.last_mut() {
                    last.1.push_str(piece);
                }
                if advance {
                    at += piece.len() + 1;
                }
            }
        };
        let mut at = 0;
        for edit in edits {
            push(&self.text[at..edit.range.start], at, true);
            push(&edit.text, edit.range.start, false);
            at = edit.range.end;
        }
        push(&self.text[at..], at, true);

        let mut out: Vec<(usize, String)> = Vec::new();
        for (at, line) in lines {
            let line = line.trim_end();
            let kept = verbatim.iter().any(|r| r.contains(&at));
            if !line.is_empty() || kept || out.last().is_some_and(|(_, last)| !last.is_empty()) {
                out.push((if numbered { self.line_no(at) } else { 0 }, line.to_string()));
            }
        }
        while out.last().is_some_and(|(_, line)| line.is_empty()) {
            out.pop();
        }
        out
    }
}

/// Replaces `range` of the source with `text`; an empty range inserts.
struct Edit {
    range: Range<usize>,
    text: String,
}

/// Collects the edits that make a text rustdoc-safe.
struct Rewriter<'a> {
    doc: &'a Doc,
    base_url: &'a str,
    edits: Vec<Edit>,
    warnings: Vec<TextWarning>,
    /// Code blocks, whose blank lines are content rather than spacing.
    verbatim: Vec<Range<usize>>,
}

/// A link being read: its syntax, where its text ends, and whether it stays a link.
struct OpenLink {
    range: Range<usize>,
    inline: bool,
    kept: bool,
    text_end: usize,
}

impl Rewriter<'_> {
    fn edit(&mut self, range: Range<usize>, text: impl Into<String>) {
        self.edits.push(Edit { range, text: text.into() });
    }

    fn warn(&mut self, at: usize, message: String) {
        self.warnings.push(TextWarning { line: self.doc.line_no(at), message });
    }

    fn run(&mut self) {
        let doc = self.doc;
        let parser = doc.parser();
        // Reference definitions produce no events; their targets are rewritten from the spans.
        let definitions: Vec<Range<usize>> =
            parser.reference_definitions().iter().map(|(_, def)| def.span.clone()).collect();
        let events: Vec<(Event, Range<usize>)> = parser.into_offset_iter().collect();
        for span in definitions {
            self.definition(span);
        }

        // Whether an HTML tag may stay depends on a partner that can come much later, so every
        // tag is found first; rustdoc's `invalid_html_tags` lint rejects unclosed ones.
        let tags: Vec<HtmlTag> = events
            .iter()
            .filter_map(|(event, range)| raw_tags(&doc.text, event, range))
            .flatten()
            .collect();
        let mut keep = balanced(&tags).into_iter();
        let components = inline_components(&doc.text, &events);

        let mut links: Vec<OpenLink> = Vec::new();
        // The text of the code block being read, and whether it is indented.
        let mut code: Option<(String, bool)> = None;
        // Adjacent text events (the parser splits at `_`, `(` and the like) are read as one run,
        // so that a bare URL is seen whole.
        let mut run: Option<Range<usize>> = None;
        for (event, range) in events {
            let in_link = links.iter().any(|l| l.kept);
            if let Event::Text(text) = &event {
                if let Some((code, _)) = &mut code {
                    code.push_str(text);
                    continue;
                }
                match run.take() {
                    Some(r) if r.end == range.start => run = Some(r.start..range.end),
                    other => {
                        if let Some(r) = other {
                            self.text(r, in_link);
                        }
                        run = Some(range.clone());
                    }
                }
            } else if let Some(r) = run.take() {
                self.text(r, in_link);
            }
            if !matches!(event, Event::End(TagEnd::Link | TagEnd::Image))
                && let Some(link) = links.last_mut()
            {
                link.text_end = link.text_end.max(range.end);
            }
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let indented = kind == CodeBlockKind::Indented;
                    if !indented {
                        self.verbatim.push(range.clone());
                        self.fenced(range);
                    }
                    code = Some((String::new(), indented));
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((code, true)) = code.take() {
                        self.verbatim.push(doc.line_start(range.start)..range.end);
                        self.indented(range, &code);
                    }
                }
                Event::Start(Tag::Link { link_type, dest_url, .. })
                | Event::Start(Tag::Image { link_type, dest_url, .. }) => {
                    let inline = link_type == LinkType::Inline;
                    let kept = !inline || resolve(&dest_url, "").is_some();
                    let text_end =
                        range.start + if doc.text[range.clone()].starts_with('!') { 2 } else { 1 };
                    links.push(OpenLink { range, inline, kept, text_end });
                }
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    if let Some(link) = links.pop() {
                        if let Some(outer) = links.last_mut() {
                            outer.text_end = outer.text_end.max(link.range.end);
                        }
                        self.link(link);
                    }
                }
                Event::InlineHtml(_) if components.binary_search(&range.start).is_ok() => {
                    // `a <Icon /> b` becomes `a b`, not `a  b`, and `a <Icon />.` becomes `a.`.
                    let s = doc.text.as_bytes();
                    let after_space = range.start > 0 && s[range.start - 1] == b' ';
                    let next = s.get(range.end).copied();
                    let start = range.start - usize::from(after_space && ends_clause(next));
                    let end = range.end + usize::from(after_space && next == Some(b' '));
                    self.edit(start..end, "")
                }
                Event::Html(_) | Event::InlineHtml(_) => {
                    match raw_tags(&doc.text, &event, &range) {
                        Some(tags) => self.html(tags, &mut keep),
                        None => self.text(range, in_link),
                    }
                }
                _ => {}
            }
        }
        if let Some(r) = run {
            self.text(r, links.iter().any(|l| l.kept));
        }
        self.edits.sort_by_key(|e| (e.range.start, e.range.end));
    }

    /// Escapes what rustdoc would misread in plain text: brackets it would take for intra-doc
    /// links, `<word` it would take for an HTML tag, and bare URLs its `bare_urls` lint rejects.
    fn text(&mut self, range: Range<usize>, in_link: bool) {
        let s = self.doc.text.as_str();
        let b = s.as_bytes();
        let mut i = range.start;
        while i < range.end {
            match b[i] {
                b'\\' => i += 1 + usize::from(b.get(i + 1).is_some_and(u8::is_ascii_punctuation)),
                b'[' | b']' if !escaped(b, i) => {
                    self.edit(i..i, "\\");
                    i += 1;
                }
                // An escaped `\<`, as MDX asks for, is text to rustdoc already.
                b'<' if !escaped(b, i) && looks_like_tag(&b[i + 1..range.end]) => {
                    self.edit(i..i, "\\");
                    i += 1;
                }
                b'h' if !in_link && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) => {
                    let len = url_len(&s[i..range.end]);
                    if len > 0 {
                        self.edit(i..i, "<");
                        self.edit(i + len..i + len, ">");
                    }
                    i += len.max(1);
                }
                _ => i += 1,
            }
        }
    }

    /// Rewrites an inline link's target, or keeps only its text when rustdoc would take the
    /// target for a Rust path (a bare word such as `events`), which cannot be made to work.
    fn link(&mut self, link: OpenLink) {
        if !link.inline {
            return;
        }
        let s = &self.doc.text;
        // The tail is `](target "title")`; the target ends at whitespace or the final `)`.
        let tail = link.text_end..link.range.end;
        let Some(open) = s[tail.clone()].find('(') else { return };
        let start = tail.start + open + 1;
        let start = start + (s[start..tail.end].len() - s[start..tail.end].trim_start().len());
        let end = if s[start..].starts_with('<') {
            s[start..tail.end].find('>').map_or(tail.end - 1, |k| start + k + 1)
        } else {
            s[start..tail.end - 1].find(char::is_whitespace).map_or(tail.end - 1, |k| start + k)
        };
        let dest = &s[start..end];
        match resolve(dest, self.base_url) {
            Some(target) if link.kept => {
                if target != dest {
                    self.edit(start..end, target);
                }
            }
            _ => {
                let message = format!(
                    "link target `{dest}` is neither a URL nor a site path; kept the link text \
                     only"
                );
                self.warn(link.range.start, message);
                // An image's `!` goes with its bracket: its text is what is left.
                let bracket =
                    link.range.start + usize::from(s[link.range.clone()].starts_with('!'));
                self.edit(link.range.start..bracket + 1, "");
                self.edit(tail, "");
            }
        }
    }

    /// Rewrites the target of a reference definition `[label]: target "title"`.
    // FIXME: a target relative to the docs page is left as it is, unlike an inline link's, so
    // `See [ref][r].` with `[r]: ../guide` links against the crate's page: the links that use
    // a definition would have to lose their brackets with it.
    fn definition(&mut self, span: Range<usize>) {
        let s = &self.doc.text;
        let Some(colon) = s[span.clone()].find("]:") else { return };
        let start = span.start + colon + 2;
        let start = start + (s[start..span.end].len() - s[start..span.end].trim_start().len());
        let end = s[start..span.end].find(char::is_whitespace).map_or(span.end, |k| start + k);
        if let Some(target) = resolve(&s[start..end], self.base_url)
            && target != s[start..end]
        {
            self.edit(start..end, target);
        }
    }

    /// Shows tags without a partner as text, with a warning; in a tag that stays, a site link
    /// (`href="/reference/sso"`) is made absolute, as in Markdown links.
    fn html(&mut self, tags: Vec<HtmlTag>, keep: &mut impl Iterator<Item = bool>) {
        for tag in tags {
            if tag.kept || keep.next().unwrap_or(true) {
                if !tag.closing {
                    self.site_links(&tag);
                }
                continue;
            }
            let slash = if tag.closing { "/" } else { "" };
            self.warn(
                tag.range.start,
                format!("HTML tag <{slash}{}> has no matching tag; shown as text", tag.name),
            );
            self.edit(tag.range.start..tag.range.start, "\\");
            // Once the tag is text, a URL in its attributes is a bare URL.
            self.text(tag.range.start + 1..tag.range.end, false);
        }
    }

    /// Makes the site links of a tag's `href` and `src` attributes absolute.
    // FIXME: a link relative to the page (`href="../x"`) is kept as it is, without the warning
    // a Markdown link gets.
    fn site_links(&mut self, tag: &HtmlTag) {
        let text = &self.doc.text[tag.range.clone()];
        let inserts: Vec<usize> = html_attributes(text)
            .into_iter()
            .filter(|(name, _)| {
                name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src")
            })
            .filter(|(_, value)| text[value.clone()].starts_with('/'))
            .filter(|(_, value)| !text[value.clone()].starts_with("//"))
            .map(|(_, value)| tag.range.start + value.start)
            .collect();
        for at in inserts {
            self.edit(at..at, self.base_url.to_owned());
        }
    }

    /// Relabels a fence so rustdoc never runs it, and closes it where the parser ended it.
    fn fenced(&mut self, range: Range<usize>) {
        let s = &self.doc.text;
        let block = &s[range.clone()];
        let marker = block.as_bytes()[0];
        let len = block.bytes().take_while(|&c| c == marker).count();
        let line_end = block.find('\n').map_or(range.end, |k| range.start + k);
        self.edit(range.start + len..line_end, rustdoc_lang(&s[range.start + len..line_end]));

        let body = block.trim_end();
        let last = body.rsplit('\n').next().unwrap_or("").trim_start_matches([' ', '\t', '>']);
        let closed = body.contains('\n') && last.len() >= len && last.bytes().all(|c| c == marker);
        if closed {
            return;
        }
        // A list marker before the fence becomes spaces so the closing line stays in the item.
        let prefix: String = s[self.doc.line_start(range.start)..range.start]
            .chars()
            .map(|c| if c == '>' || c == '\t' { c } else { ' ' })
            .collect();
        let fence = &block[..len];
        if s[range.end..].trim().is_empty() {
            let at = range.start + body.len();
            self.edit(at..at, format!("\n{prefix}{fence}"));
            self.warn(
                range.start,
                "unclosed code fence opened here; closed at the end of the text".to_string(),
            );
        } else {
            // The list item or quote holding the fence ended, and so did the fence.
            let closing = match s[..range.end].ends_with('\n') {
                true => format!("{prefix}{fence}\n"),
                false => format!("\n{prefix}{fence}"),
            };
            self.edit(range.end..range.end, closing);
        }
    }

    /// Rewrites an indented code block as a `text` fence: rustdoc would run it as a doc test.
    fn indented(&mut self, range: Range<usize>, code: &str) {
        let s = &self.doc.text;
        let start = self.doc.line_start(range.start);
        let lead = &s[start..range.start];
        // The code is indented four columns past its container's content, where the fence goes.
        let pad = match lead.rfind('>') {
            Some(q) => format!("{} ", &lead[..=q]),
            None => " ".repeat(indent_cols(lead).saturating_sub(4)),
        };
        // After a list marker on the same line, the fence opens the item.
        let first = match lead.trim_start_matches([' ', '\t', '>']) {
            "" => pad.clone(),
            _ => format!("{} ", lead.trim_end()),
        };
        let body: Vec<&str> = code.trim_end_matches('\n').split('\n').collect();
        // The fence must be longer than any backtick run that starts a content line.
        let longest = body.iter().map(|l| l.bytes().take_while(|&c| c == b'`').count()).max();
        let fence = "`".repeat(longest.unwrap_or(0).max(2) + 1);
        let mut text = format!("{first}{fence}text");
        for line in body {
            text.push('\n');
            if !line.is_empty() {
                text.push_str(&pad);
                text.push_str(line);
            }
        }
        text.push_str(&format!("\n{pad}{fence}"));
        let end = if s[..range.end].ends_with('\n') { range.end - 1 } else { range.end };
        self.edit(start..end, text);
    }
}

/// The link target rustdoc should see, or `None` for a target that cannot be one: a word
/// rustdoc would try to resolve as a Rust path, or a path relative to the docs page
/// (`../guide`, `guide/sub`), which would be read against the crate's page instead and the
/// generator cannot make absolute without knowing the page. An anchor (`#usage`) stays: it
/// names a heading of the same text, which rustdoc anchors too. `dest` may be wrapped in `<...>`.
fn resolve(dest: &str, base_url: &str) -> Option<String> {
    let (open, inner, close) = match dest.strip_prefix('<').and_then(|d| d.strip_suffix('>')) {
        Some(inner) => ("<", inner, ">"),
        None => ("", dest, ""),
    };
    if inner.starts_with('/') && !inner.starts_with("//") {
        return Some(format!("{open}{base_url}{inner}{close}"));
    }
    let scheme_len =
        inner.find(|c: char| !(c.is_ascii_alphanumeric() || "+.-".contains(c))).unwrap_or(0);
    let kept = inner.is_empty()
        || inner.starts_with('#')
        || inner.starts_with("//")
        || (scheme_len > 0 && inner[scheme_len..].starts_with(':'));
    kept.then(|| dest.to_string())
}

/// Whether the byte at `i` is escaped by an odd run of backslashes before it.
fn escaped(b: &[u8], i: usize) -> bool {
    b[..i].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1
}

/// Whether the text after a `<` starts like a tag name, as `<api_key>` or `</x` do.
fn looks_like_tag(rest: &[u8]) -> bool {
    match rest {
        [c, ..] if c.is_ascii_alphabetic() => true,
        [b'/', c, ..] => c.is_ascii_alphabetic(),
        _ => false,
    }
}

/// Length of a bare `http(s)://` URL at the start of `rest`, without trailing sentence
/// punctuation; 0 if there is none.
fn url_len(rest: &str) -> usize {
    let scheme =
        ["https://", "http://"].iter().find(|s| rest.starts_with(*s)).map_or(0, |s| s.len());
    if scheme == 0 {
        return 0;
    }
    let stop =
        rest.find(|c: char| c.is_whitespace() || "<>`\"[]|\\".contains(c)).unwrap_or(rest.len());
    let mut url = &rest[..stop];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ':', ';', '!', '?', '\'', '*', '_', '~']);
        // A `)` closes the sentence's parenthesis unless the URL itself opened one.
        let trimmed = match trimmed.strip_suffix(')') {
            Some(shorter) if trimmed.matches(')').count() > trimmed.matches('(').count() => shorter,
            _ => trimmed,
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    if url.len() > scheme { url.len() } else { 0 }
}

/// Picks the info string for a fence so that rustdoc treats the block as non-Rust.
///
/// rustdoc compiles untagged blocks and blocks tagged `rust` or only with its own attributes,
/// and it rejects info strings with MDX metadata such as `title="..."`. Only the language word
/// is kept; anything rustdoc would test, or that is not a plain word, becomes `text`.
fn rustdoc_lang(info: &str) -> &str {
    let first = info.trim().split(|c: char| c == ',' || c.is_whitespace()).next().unwrap_or("");
    // rustdoc rejects some punctuation in a language word, `#` at its start for one.
    let plain = first.starts_with(|c: char| c.is_ascii_alphanumeric())
        && first.chars().all(|c| c.is_ascii_alphanumeric() || "-_+.#".contains(c));
    if !plain || first.eq_ignore_ascii_case("rust") || is_rustdoc_attribute(first) {
        "text"
    } else {
        first
    }
}

fn is_rustdoc_attribute(word: &str) -> bool {
    const ATTRIBUTES: [&str; 7] = [
        "ignore",
        "no_run",
        "should_panic",
        "compile_fail",
        "test_harness",
        "allow_fail",
        "standalone_crate",
    ];
    let error_code =
        word.len() == 5 && word.starts_with('E') && word[1..].bytes().all(|b| b.is_ascii_digit());
    ATTRIBUTES.contains(&word)
        || word.starts_with("ignore-")
        || word.starts_with("edition")
        || error_code
}

/// Visual indentation, with tabs advancing to the next multiple of four as CommonMark does.
fn indent_cols(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .fold(0, |cols, c| if c == '\t' { cols + 4 - cols % 4 } else { cols + 1 })
}

// ---------------------------------------------------------------------------------------------
// HTML tags, which pulldown-cmark passes on as raw text.

/// HTML elements rustdoc renders; any other `<word>` is a placeholder shown as text.
const HTML_ELEMENTS: &str = "a abbr b blockquote br caption cite code col colgroup dd del details \
    dfn div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture \
    pre q s samp small source span strong sub summary sup table tbody td tfoot th thead tr u ul \
    var wbr";

/// Elements that never take a closing tag.
const VOID_ELEMENTS: [&str; 6] = ["br", "col", "hr", "img", "source", "wbr"];

/// A known element's tag in raw HTML.
struct HtmlTag {
    name: String,
    closing: bool,
    /// Void and self-closing tags need no partner.
    kept: bool,
    range: Range<usize>,
}

/// The `<name ...>` or `</name>` tag of a known element starting at byte `i`, if any.
fn tag_at(s: &str, i: usize) -> Option<HtmlTag> {
    let rest = s[i..].strip_prefix('<')?;
    let closing = rest.starts_with('/');
    let name_start = i + 1 + usize::from(closing);
    let name_len = s[name_start..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(s.len() - name_start);
    let name = &s[name_start..name_start + name_len];
    let after = s[name_start + name_len..].chars().next()?;
    if !HTML_ELEMENTS.split_whitespace().any(|e| e == name)
        || !(after.is_whitespace() || after == '/' || after == '>')
    {
        return None;
    }
    let mut quote = None;
    for (k, c) in s[name_start + name_len..].char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '<') => return None,
            (None, '>') => {
                let end = name_start + name_len + k + 1;
                let self_closing = !closing && s[i..end - 1].trim_end().ends_with('/');
                let kept = self_closing || VOID_ELEMENTS.contains(&name);
                let name = name.to_string();
                return Some(HtmlTag { name, closing, kept, range: i..end });
            }
            _ => {}
        }
    }
    None
}

/// The tags of known elements in an HTML event, or `None` when the event is text to rustdoc's
/// eye: the parser takes `<String>` or `<Foo bar>` for inline HTML, rustdoc's lint for unknown
/// tags does not let them stay.
fn raw_tags(s: &str, event: &Event, range: &Range<usize>) -> Option<Vec<HtmlTag>> {
    match event {
        Event::InlineHtml(_) if !s[range.clone()].starts_with("<!--") => {
            tag_at(s, range.start).map(|tag| vec![tag])
        }
        Event::InlineHtml(_) => Some(Vec::new()),
        Event::Html(_) => Some(html_tags(s, range.clone())),
        _ => None,
    }
}

/// The known elements' tags in `range`, skipping comments.
fn html_tags(s: &str, range: Range<usize>) -> Vec<HtmlTag> {
    let mut tags = Vec::new();
    let mut i = range.start;
    while let Some(k) = s[i..range.end].find('<') {
        i += k;
        if s[i..range.end].starts_with("<!--") {
            i = s[i..range.end].find("-->").map_or(range.end, |e| i + e + 3);
        } else if let Some(tag) = tag_at(&s[..range.end], i) {
            i = tag.range.end;
            tags.push(tag);
        } else {
            i += 1;
        }
    }
    tags
}

// FIXME: the parser ends an inline tag at its first `>`, so a component whose `{…}` attribute
// holds one (`<Icon size={1 > 0} />`, `content={<b>hi</b>}`) is shown as text, without warning.
/// Where the JSX component tags inside lines start that MDX would render, and that are left out
/// with their text kept: a self-closing one (`<Icon name="x" />`), and an opening and a closing
/// one that pair up (`<Badge>beta</Badge>`). A lone `<String>` is more likely prose about a type
/// than a component, and stays text.
fn inline_components(s: &str, events: &[(Event, Range<usize>)]) -> Vec<usize> {
    let mut dropped = Vec::new();
    let mut open: Vec<(&str, usize)> = Vec::new();
    for (event, range) in events {
        let Event::InlineHtml(_) = event else { continue };
        let tag = &s[range.clone()];
        let closing = tag.starts_with("</");
        let Some(name) = component_name(&tag[1 + usize::from(closing)..]) else { continue };
        if !tag.ends_with('>') {
            continue;
        }
        if !closing && tag.ends_with("/>") {
            dropped.push(range.start);
        } else if !closing {
            open.push((name, range.start));
        } else if let Some(at) = open.iter().rposition(|(opened, _)| *opened == name) {
            dropped.push(open[at].1);
            dropped.push(range.start);
            open.truncate(at);
        }
    }
    dropped.sort_unstable();
    dropped
}

/// The attributes of an HTML tag's text (`<a href="/x" title='t'>`): each name, and where its
/// value is, without quotes; a name without a value has an empty one. Quotes are followed, so
/// `href=` inside another attribute's value is not taken for an attribute.
fn html_attributes(tag: &str) -> Vec<(&str, Range<usize>)> {
    let b = tag.as_bytes();
    let name_char = |c: u8| c.is_ascii_alphanumeric() || b"-_:.".contains(&c);
    // Past `<` and the element's name.
    let mut i = 1 + b[1..].iter().take_while(|&&c| name_char(c) || c == b'/').count();
    let mut found = Vec::new();
    while i < b.len() {
        if !name_char(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && name_char(b[i]) {
            i += 1;
        }
        let name = &tag[start..i];
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) != Some(&b'=') {
            found.push((name, i..i));
            continue;
        }
        j += 1;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let value = match b.get(j) {
            Some(&quote @ (b'"' | b'\'')) => {
                let end =
                    b[j + 1..].iter().position(|&c| c == quote).map_or(b.len(), |k| j + 1 + k);
                let value = j + 1..end;
                i = (end + 1).min(b.len());
                value
            }
            _ => {
                let end = b[j..]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'>')
                    .map_or(b.len(), |k| j + k);
                i = end;
                j..end
            }
        };
        found.push((name, value));
    }
    found
}

/// For each tag that needs a partner, in order, whether it has one.
fn balanced(tags: &[HtmlTag]) -> Vec<bool> {
    let paired: Vec<&HtmlTag> = tags.iter().filter(|t| !t.kept).collect();
    let mut keep = vec![false; paired.len()];
    let mut open: Vec<usize> = Vec::new();
    for (k, tag) in paired.iter().enumerate() {
        if !tag.closing {
            open.push(k);
        } else if let Some(pos) = open.iter().rposition(|&o| paired[o].name == tag.name) {
            keep[open[pos]] = true;
            keep[k] = true;
            open.truncate(pos);
        }
    }
    keep
}

// ---------------------------------------------------------------------------------------------
// MDX: imports, exports and JSX components, handled by line before any Markdown parsing.

/// A fenced code block's opening line, tracked so MDX inside code is left alone.
#[derive(Debug, Clone)]
struct LineFence {
    marker: char,
    len: usize,
    /// Whether the fence is inside a block quote, which ends it when the quote ends.
    quoted: bool,
    /// How far its marker is from the start of the line: in a list item (`- ```` or an
    /// indented fence below `- item`), a line indented less ends the item, and the fence.
    indent: usize,
}

/// What a line is to the fences of a text, as [`LineFence::follow`] finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FenceLine {
    /// The line is not in a fence.
    Outside,
    /// The line opens a fence.
    Opens,
    /// The line is a fence's content or its closing line.
    Inside,
}

impl LineFence {
    /// Follows one line of a text through its fences: what the line is to them, with `fence`
    /// left as the fence open after it. A line that ends the quote or list item holding the
    /// fence ends the fence too, and is read as any line outside one.
    fn follow(fence: &mut Option<LineFence>, line: &str) -> FenceLine {
        if let Some(open) = fence.as_ref().filter(|open| !open.is_left_by(line)) {
            if open.is_closed_by(line) {
                *fence = None;
            }
            return FenceLine::Inside;
        }
        *fence = LineFence::open(line);
        if fence.is_some() { FenceLine::Opens } else { FenceLine::Outside }
    }

    /// Recognizes an opening fence at any indentation and after list or quote markers, since
    /// CommonMark (and so rustdoc) accepts `- ```js` or `> ```` as fences too.
    fn open(line: &str) -> Option<LineFence> {
        let rest = &line[container_prefix_len(line)..];
        let marker = rest.chars().next().filter(|&c| c == '`' || c == '~')?;
        let len = rest.chars().take_while(|&c| c == marker).count();
        // A backtick in the info string means this is an inline code span, not a fence.
        let code_span = marker == '`' && rest[len..].contains('`');
        let indent = container_prefix_len(line);
        let quoted = line[..indent].contains('>');
        (len >= 3 && !code_span).then_some(LineFence { marker, len, quoted, indent })
    }

    /// Whether `line` ends the block quote the fence is in, and so the fence, without being
    /// part of it: a fenced block takes no lazy continuation lines, as CommonMark says.
    /// The same holds for a list item, which a text line indented less than the fence ends;
    /// a fence indented at the top level, which CommonMark reads on past such lines, is taken
    /// for one in a list, as docs hardly indent a fence otherwise.
    fn is_left_by(&self, line: &str) -> bool {
        if self.quoted {
            return !line.trim_start().starts_with('>');
        }
        let text = line.trim_start_matches([' ', '\t']);
        self.indent > 0 && !text.is_empty() && line.len() - text.len() < self.indent
    }

    /// Whether `line` (quote markers included) is a closing fence for this block.
    fn is_closed_by(&self, line: &str) -> bool {
        let rest = line.trim_start_matches([' ', '\t', '>']).trim_end();
        let run = rest.chars().take_while(|&c| c == self.marker).count();
        run >= self.len && run == rest.chars().count()
    }
}

/// Length of the leading indentation, `>` quote markers and list markers of a line.
fn container_prefix_len(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t' || b[i] == b'>') {
            i += 1;
        }
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let marker = if i < b.len() && b"-*+".contains(&b[i]) {
            1
        } else if (1..=9).contains(&digits) && b.get(i + digits).is_some_and(|c| b".)".contains(c))
        {
            digits + 1
        } else {
            0
        };
        if marker == 0 || !b.get(i + marker).is_some_and(|&c| c == b' ' || c == b'\t') {
            return i;
        }
        i += marker;
    }
}

/// Drops MDX-only lines; the inner Markdown of container components is kept, dedented.
fn strip_mdx<'a>(lines: &[SrcLine<'a>], warnings: &mut Vec<TextWarning>) -> Vec<SrcLine<'a>> {
    let mut out = Vec::new();
    strip_block(lines, true, &mut out, warnings);
    out
}

fn strip_block<'a>(
    lines: &[SrcLine<'a>],
    top_level: bool,
    out: &mut Vec<SrcLine<'a>>,
    warnings: &mut Vec<TextWarning>,
) {
    let mut fence: Option<LineFence> = None;
    // ESM is only recognized where a block starts; in a paragraph `import x from y` is prose.
    let mut block_start = true;
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].text.as_ref();
        if LineFence::follow(&mut fence, text) != FenceLine::Outside {
            out.push(lines[i].clone());
            block_start = false;
            i += 1;
            continue;
        }
        if top_level && block_start && is_esm_start(text) {
            i = skip_esm(lines, i);
            continue;
        }
        if text.trim_start().starts_with("{/*") {
            i = strip_comment(lines, i, out, warnings);
            block_start = true;
            continue;
        }
        if let Some(tag) = component_start(text) {
            i = strip_component(lines, i, &tag, out, warnings);
            block_start = true;
            continue;
        }
        block_start = text.trim().is_empty();
        if text.contains("{/*")
            && let Some((line, last)) = without_inline_comments(lines, i)
        {
            out.push(line);
            i = last + 1;
            continue;
        }
        let tags = inline_tags_end(lines, i).unwrap_or_else(|name| {
            warnings.push(TextWarning {
                line: lines[i].no,
                message: format!(
                    "JSX tag <{name}> does not close within {MAX_TAG_LINES} lines of its start; \
                     check that it is closed"
                ),
            });
            None
        });
        if let Some((last, _)) = tags {
            out.push(joined_line(lines, i, last));
            i = last + 1;
            continue;
        }
        out.push(lines[i].clone());
        i += 1;
    }
}

/// A JSX tag at the start of a line: `<Name` or `</Name`, where `Name` starts uppercase.
struct ComponentTag {
    name: String,
    closing: bool,
    /// Byte offset just after the name.
    name_end: usize,
}

fn component_start(line: &str) -> Option<ComponentTag> {
    let rest = line.trim_start();
    let offset = line.len() - rest.len();
    let (closing, after) = match rest.strip_prefix("</") {
        Some(after) => (true, after),
        None => (false, rest.strip_prefix('<')?),
    };
    let name = component_name(after)?;
    let name_start = offset + if closing { 2 } else { 1 };
    Some(ComponentTag { name: name.to_string(), closing, name_end: name_start + name.len() })
}

/// The name of the JSX component whose tag `after` follows the `<` or `</` of: a name that
/// starts uppercase (`Tip`, `Tabs.Item`) and ends the word. `<String, Object>` or `<A, it's`
/// is text that happens to hold a `<`, not a component.
fn component_name(after: &str) -> Option<&str> {
    if !after.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let len = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .unwrap_or(after.len());
    let next = after[len..].chars().next();
    next.is_none_or(|c| c.is_whitespace() || c == '/' || c == '>').then(|| &after[..len])
}

/// Where a JSX tag that started on line `i` ends: line, byte after `>`, and self-closing or not.
///
/// Quotes and `{...}` expressions are skipped so a `>` inside an attribute value does not end the
/// tag; tags may span several lines.
fn tag_end(lines: &[SrcLine], i: usize, from: usize) -> Option<(usize, usize, bool)> {
    let mut quote: Option<char> = None;
    let mut braces = 0usize;
    let mut last = ' ';
    for (j, line) in lines.iter().enumerate().skip(i) {
        let start = if j == i { from } else { 0 };
        for (at, c) in line.text[start..].char_indices() {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '"' | '\'' if braces == 0 => quote = Some(c),
                '{' => braces += 1,
                '}' => braces = braces.saturating_sub(1),
                '>' if braces == 0 => return Some((j, start + at + 1, last == '/')),
                _ => {}
            }
            if !c.is_whitespace() {
                last = c;
            }
        }
    }
    None
}

/// Text of a tag's attributes (possibly several lines) from `from` on line `i` to its `>`.
fn tag_text(lines: &[SrcLine], i: usize, from: usize) -> Option<String> {
    let (j, end, _) = tag_end(lines, i, from)?;
    if j == i {
        return Some(lines[i].text[from..end].to_string());
    }
    let mut text = lines[i].text[from..].to_string();
    for line in &lines[i + 1..j] {
        text.push('\n');
        text.push_str(&line.text);
    }
    text.push('\n');
    text.push_str(&lines[j].text[..end]);
    Some(text)
}

/// Removes the component starting on line `i`; returns the index of the first line after it.
fn strip_component<'a>(
    lines: &[SrcLine<'a>],
    i: usize,
    tag: &ComponentTag,
    out: &mut Vec<SrcLine<'a>>,
    warnings: &mut Vec<TextWarning>,
) -> usize {
    if tag.closing {
        // A stray closing tag (its opener lies outside the text) goes; text after it stays.
        let text = &lines[i].text;
        if let Some(end) = text[tag.name_end..].find('>') {
            let rest = text[tag.name_end + end + 1..].trim();
            if !rest.is_empty() {
                out.push(SrcLine { no: lines[i].no, text: Cow::Owned(rest.to_owned()) });
            }
        }
        return i + 1;
    }
    let Some((j, end, self_closing)) = tag_end(lines, i, tag.name_end) else {
        warnings.push(TextWarning {
            line: lines[i].no,
            message: format!(
                "JSX tag <{}> has no closing `>`; only its first line was left out",
                tag.name
            ),
        });
        return i + 1;
    };
    let rest = &lines[j].text[end..];
    let keep = |text: &str, out: &mut Vec<SrcLine<'a>>| {
        if !text.trim().is_empty() {
            out.push(SrcLine { no: lines[j].no, text: Cow::Owned(text.trim().to_owned()) });
        }
    };
    if self_closing {
        keep(rest, out);
        return j + 1;
    }
    let close_tag = format!("</{}>", tag.name);
    if let Some(at) = rest.find(&close_tag) {
        keep(&rest[..at], out);
        keep(&rest[at + close_tag.len()..], out);
        return j + 1;
    }
    let Some((k, at, after)) = find_component_close(lines, j + 1, &tag.name) else {
        warnings.push(TextWarning {
            line: lines[i].no,
            message: format!(
                "JSX component <{}> is never closed; only its opening tag was left out",
                tag.name
            ),
        });
        keep(rest, out);
        return j + 1;
    };
    let mut inner = Vec::new();
    if !rest.trim().is_empty() {
        inner.push(SrcLine { no: lines[j].no, text: Cow::Owned(rest.to_owned()) });
    }
    inner.extend(lines[j + 1..k].iter().cloned());
    if !lines[k].text[..at].trim().is_empty() {
        inner.push(SrcLine { no: lines[k].no, text: Cow::Owned(lines[k].text[..at].to_owned()) });
    }
    // JSX children are indented for readability; left as is, four spaces would turn them into
    // an indented code block (a doc test) once the tags are gone.
    let dedent = inner
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .map(|l| l.text.len() - l.text.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    for line in &mut inner {
        line.text = match std::mem::take(&mut line.text) {
            Cow::Borrowed(text) => Cow::Borrowed(text.get(dedent..).unwrap_or("")),
            Cow::Owned(text) => Cow::Owned(text.get(dedent..).unwrap_or("").to_owned()),
        };
    }
    strip_block(&inner, false, out, warnings);
    let trailing = &lines[k].text[after..];
    if !trailing.trim().is_empty() {
        out.push(SrcLine { no: lines[k].no, text: Cow::Owned(trailing.trim().to_owned()) });
    }
    k + 1
}

/// Finds `</name>` matching an opening tag, counting nested tags of the same name.
///
/// Returns the line, the byte where the closing tag starts and the byte just after it.
fn find_component_close(
    lines: &[SrcLine],
    from: usize,
    name: &str,
) -> Option<(usize, usize, usize)> {
    let close_tag = format!("</{name}");
    let mut depth = 0usize;
    let mut fence: Option<LineFence> = None;
    let mut k = from;
    while k < lines.len() {
        let text = lines[k].text.as_ref();
        if LineFence::follow(&mut fence, text) != FenceLine::Outside {
            k += 1;
            continue;
        }
        if let Some(tag) = component_start(text).filter(|t| !t.closing && t.name == name)
            && let Some((j, end, self_closing)) = tag_end(lines, k, tag.name_end)
        {
            if !self_closing && !lines[j].text[end..].contains(&close_tag) {
                depth += 1;
            }
            k = j + 1;
            continue;
        }
        if let Some(at) = text.find(&close_tag) {
            let after = text[at..].find('>').map_or(text.len(), |gt| at + gt + 1);
            if depth == 0 {
                return Some((k, at, after));
            }
            depth -= 1;
        }
        k += 1;
    }
    None
}

/// Line `i` without the MDX comments that start inside it, outside code spans, and the last
/// line they reach; `None` when it has none. A comment that runs on over lines takes them
/// with it, and the text after it joins the line; one never closed is left as text.
fn without_inline_comments<'a>(lines: &[SrcLine<'a>], i: usize) -> Option<(SrcLine<'a>, usize)> {
    let mut text = lines[i].text.to_string();
    let (mut last, mut from, mut found) = (i, 0, false);
    while let Some(at) = memchr::memchr2(b'{', b'`', &text.as_bytes()[from..]) {
        let at = from + at;
        if text.as_bytes()[at] == b'`' {
            from = code_span_end(&text, at).unwrap_or(at + 1);
            continue;
        }
        // `\{/*` is text, as MDX reads it.
        if !text[at..].starts_with("{/*") || escaped(text.as_bytes(), at) {
            from = at + 1;
            continue;
        }
        if let Some(end) = text[at + 3..].find("*/}") {
            let mut end = at + 3 + end + 3;
            let mut start = at;
            // `a {/* x */} b` becomes `a b`, not `a  b`, and `a {/* x */}.` becomes `a.`.
            if text[..at].ends_with(' ') && text[end..].starts_with(' ') {
                end += 1;
            } else if text[..at].ends_with(' ') && ends_clause(text.as_bytes().get(end).copied()) {
                start -= 1;
            }
            text.replace_range(start..end, "");
            from = start;
        } else {
            // The comment runs on: the text after its end, on a later line, joins this one.
            let (k, after) = lines[last + 1..]
                .iter()
                .enumerate()
                .find_map(|(k, line)| Some((last + 1 + k, line.text.find("*/}")? + 3)))?;
            text.truncate(at);
            let rest = &lines[k].text[after..];
            text.push_str(if text.ends_with(' ') {
                rest.strip_prefix(' ').unwrap_or(rest)
            } else {
                rest
            });
            last = k;
            from = at;
        }
        found = true;
    }
    found.then(|| (SrcLine { no: lines[i].no, text: Cow::Owned(text) }, last))
}

/// Removes the MDX comment `{/* … */}` that starts line `i`, over as many lines as it spans,
/// keeping any text after it on its last line; returns the index of the first line after it.
/// A comment never closed leaves out only its first line, with a warning: the rest of the page
/// is more likely prose after a typo than a comment.
fn strip_comment<'a>(
    lines: &[SrcLine<'a>],
    i: usize,
    out: &mut Vec<SrcLine<'a>>,
    warnings: &mut Vec<TextWarning>,
) -> usize {
    let open = lines[i].text.find("{/*").expect("the line opens a comment") + 3;
    let end = lines[i..].iter().enumerate().find_map(|(k, line)| {
        let from = if k == 0 { open } else { 0 };
        line.text[from..].find("*/}").map(|at| (i + k, from + at + 3))
    });
    let Some((last, after)) = end else {
        warnings.push(TextWarning {
            line: lines[i].no,
            message: "MDX comment `{/*` is never closed with `*/}`; only its first line was left \
                      out"
            .to_owned(),
        });
        return i + 1;
    };
    let rest = lines[last].text[after..].trim();
    if !rest.is_empty() {
        out.push(SrcLine { no: lines[last].no, text: Cow::Owned(rest.to_owned()) });
    }
    last + 1
}

/// Recognizes the first line of an ESM `import` or `export` statement at column 0.
fn is_esm_start(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix("import") {
        if !rest.starts_with([' ', '{', '*', '"', '\'']) {
            return false;
        }
        let from_quote = rest
            .match_indices("from")
            .any(|(at, _)| rest[at + 4..].trim_start().starts_with(['"', '\'']));
        let side_effect = rest.trim_start().starts_with(['"', '\'']);
        let multi_line = rest.contains('{') && !rest.contains('}');
        return from_quote || side_effect || multi_line;
    }
    if let Some(rest) = line.strip_prefix("export ") {
        let word = rest.split_whitespace().next().unwrap_or("");
        return ["const", "let", "var", "function", "default", "class", "async"].contains(&word)
            || word.starts_with(['{', '*']);
    }
    false
}

/// Skips an ESM statement, following brackets so multi-line imports and exports go as a whole.
fn skip_esm(lines: &[SrcLine], i: usize) -> usize {
    let mut depth = 0isize;
    let mut k = i;
    while k < lines.len() {
        for c in lines[k].text.chars() {
            match c {
                '{' | '(' | '[' => depth += 1,
                '}' | ')' | ']' => depth -= 1,
                _ => {}
            }
        }
        k += 1;
        if depth <= 0 {
            break;
        }
    }
    k
}

/// The `referenceId` values of `<CodeBlock>` elements starting on line `i`, with where each
/// element starts.
fn code_block_ids(lines: &[SrcLine], i: usize) -> Vec<(usize, String)> {
    const OPEN: &str = "<CodeBlock";
    let text = &lines[i].text;
    // Most lines have no tag, and looking for a byte costs much less than looking for a word.
    if !text.contains('<') {
        return Vec::new();
    }
    text.match_indices(OPEN)
        .filter(|(at, _)| {
            // `<CodeBlockTab` and the like are other components.
            text[at + OPEN.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c == '/' || c == '>')
        })
        .filter_map(|(at, _)| Some((at, tag_text(lines, i, at + OPEN.len())?)))
        .filter_map(|(at, attrs)| Some((at, attribute(&attrs, "referenceId")?)))
        .collect()
}

/// The value of JSX attribute `name` in `attrs` (`name="v"`, `name='v'` or `name={"v"}`).
fn attribute(attrs: &str, name: &str) -> Option<String> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() || b[i] == b'/' || b[i] == b'>' {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !b"=/>".contains(&b[i]) {
            i += 1;
        }
        let key = &attrs[start..i];
        if i >= b.len() || b[i] != b'=' {
            continue;
        }
        i += 1;
        let value_start = i;
        let value = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = attrs[i + 1..].find(q as char).map_or(b.len(), |e| i + 1 + e);
                i = end + 1;
                attrs[value_start + 1..end.min(b.len())].to_string()
            }
            Some(b'{') => {
                let mut depth = 0usize;
                while i < b.len() {
                    match b[i] {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                let inner = attrs[value_start + 1..i.min(b.len())].trim();
                i += 1;
                inner.trim_matches(['"', '\'']).to_string()
            }
            _ => {
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                attrs[value_start..i].to_string()
            }
        };
        if key == name {
            return Some(value);
        }
    }
    None
}
#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://workos.com/docs";

    fn lines(text: &str) -> Vec<String> {
        to_rustdoc(text, BASE).lines
    }

    fn warnings(text: &str) -> Vec<TextWarning> {
        to_rustdoc(text, BASE).warnings
    }

    #[test]
    fn empty_and_blank_text_give_nothing() {
        assert_eq!(to_rustdoc("", BASE), Rendered::default());
        assert_eq!(to_rustdoc("\n \n\t\n", BASE), Rendered::default());
    }

    #[test]
    fn folded_scalar_with_one_blank_line_stays_one_paragraph() {
        // YAML `>` with one blank line resolves to a single `\n`.
        let text = "Paragraph one, line one.\nAfter exactly one blank line.\n";
        assert_eq!(lines(text), ["Paragraph one, line one.", "After exactly one blank line."]);
    }

    #[test]
    fn folded_scalar_with_two_blank_lines_is_a_paragraph_break() {
        let text = "Paragraph one.\n\nParagraph two, after two blank lines.\n";
        assert_eq!(lines(text), ["Paragraph one.", "", "Paragraph two, after two blank lines."]);
    }

    #[test]
    fn blank_runs_collapse_and_edges_are_trimmed() {
        let text = "\n\n  \nFirst line.   \n\n\n\nSecond line.\t\n\n\n";
        assert_eq!(lines(text), ["First line.", "", "Second line."]);
    }

    #[test]
    fn literal_keep_chomping_has_no_trailing_blank_lines() {
        assert_eq!(lines("Literal keep chomping.\n\n\n"), ["Literal keep chomping."]);
    }

    #[test]
    fn crlf_line_endings_leave_no_carriage_returns() {
        assert_eq!(lines("One.\r\nTwo.\r\n"), ["One.", "Two."]);
        assert_eq!(lines("One.\rTwo.\r\rThree."), ["One.", "Two.", "", "Three."]);
    }

    #[test]
    fn site_relative_links_become_absolute() {
        let text = "Each [member](/reference/authkit/member) links a user.";
        assert_eq!(
            lines(text),
            ["Each [member](https://workos.com/docs/reference/authkit/member) links a user."]
        );
    }

    #[test]
    fn absolute_and_anchor_links_are_kept() {
        let text = "Use the [dashboard](https://dashboard.example.com/setup) or [below](#usage).";
        assert_eq!(lines(text), [text]);
    }

    #[test]
    fn links_relative_to_the_docs_page_keep_their_text_only() {
        let rendered = to_rustdoc("See [guide](../guide), [page](guide/sub) or [x](./x).", "");
        assert_eq!(rendered.lines, ["See guide, page or x."]);
        assert_eq!(rendered.warnings.len(), 3, "{:?}", rendered.warnings);
        assert!(rendered.warnings[0].message.contains("`../guide`"), "{:?}", rendered.warnings);
        let images = to_rustdoc("An ![img](../pic.png) and [![inner](../i.png)](../o).", "");
        assert_eq!(images.lines, ["An img and inner."]);
    }

    #[test]
    fn link_text_may_span_lines_and_have_a_title() {
        let text = "An [access token\ngrant](/guide/tokens \"Tokens\") is issued.";
        assert_eq!(
            lines(text),
            [
                "An [access token",
                "grant](https://workos.com/docs/guide/tokens \"Tokens\") is issued."
            ]
        );
    }

    #[test]
    fn images_and_reference_definitions_are_resolved_too() {
        let text = "![Logo](/img/logo.png) and [the guide][g].\n\n[g]: /guide/start";
        assert_eq!(
            lines(text),
            [
                "![Logo](https://workos.com/docs/img/logo.png) and [the guide][g].",
                "",
                "[g]: https://workos.com/docs/guide/start"
            ]
        );
    }

    #[test]
    fn bare_word_link_target_keeps_only_the_text() {
        let text = "See the [event list](events) first.";
        let rendered = to_rustdoc(text, BASE);
        assert_eq!(rendered.lines, ["See the event list first."]);
        assert_eq!(
            rendered.warnings,
            [TextWarning {
                line: 0,
                message: "link target `events` is neither a URL nor a site path; kept the link \
                          text only"
                    .to_string()
            }]
        );
    }

    #[test]
    fn bare_urls_become_autolinks_without_trailing_punctuation() {
        let text = "Visit https://example.com/a, then (https://example.com/b).\n\
                    Ends with https://example.com/c.";
        assert_eq!(
            lines(text),
            [
                "Visit <https://example.com/a>, then (<https://example.com/b>).",
                "Ends with <https://example.com/c>."
            ]
        );
    }

    #[test]
    fn urls_with_balanced_parentheses_and_queries_keep_them() {
        let text = "Read https://en.example.org/wiki/Foo_(bar) and http://a.example/?q=1&r=2!";
        assert_eq!(
            lines(text),
            ["Read <https://en.example.org/wiki/Foo_(bar)> and <http://a.example/?q=1&r=2>!"]
        );
    }

    #[test]
    fn urls_already_linked_or_in_code_are_untouched() {
        let text = "Call `https://api.example.com/v1` or <https://example.com> or \
                    [https://example.com](https://example.com).";
        assert_eq!(lines(text), [text]);
    }

    #[test]
    fn brackets_outside_links_are_escaped() {
        let text = "Pass [optional] flags; read array[0] or the [Deprecated] tag.";
        assert_eq!(
            lines(text),
            [r"Pass \[optional\] flags; read array\[0\] or the \[Deprecated\] tag."]
        );
    }

    #[test]
    fn stray_single_brackets_are_escaped() {
        assert_eq!(
            lines("A range like [0, 10) or 5] here."),
            [r"A range like \[0, 10) or 5\] here."]
        );
    }

    #[test]
    fn links_inside_escaped_brackets_still_resolve() {
        assert_eq!(
            lines("Note [see the [guide](/guide)] here."),
            [r"Note \[see the [guide](https://workos.com/docs/guide)\] here."]
        );
    }

    #[test]
    fn already_escaped_brackets_are_not_escaped_twice() {
        let text = r"Literal \[brackets\] stay.";
        assert_eq!(lines(text), [text]);
    }

    #[test]
    fn placeholders_are_shown_as_text() {
        let text = "Send <api_key> as <YOUR_TOKEN>; returns List<String>.";
        assert_eq!(lines(text), [r"Send \<api_key> as \<YOUR_TOKEN>; returns List\<String>."]);
    }

    #[test]
    fn balanced_and_void_html_is_kept() {
        let text = "Line one<br/>line two and <code>inline</code> code.";
        assert_eq!(lines(text), [text]);
    }

    #[test]
    fn unbalanced_html_is_escaped_with_a_warning() {
        let rendered = to_rustdoc("First.\nAn <b>unclosed tag.", BASE);
        assert_eq!(rendered.lines, ["First.", r"An \<b>unclosed tag."]);
        assert_eq!(
            rendered.warnings,
            [TextWarning {
                line: 1,
                message: "HTML tag <b> has no matching tag; shown as text".to_string()
            }]
        );
    }

    #[test]
    fn html_may_be_balanced_across_paragraphs() {
        let text = "<details>\n\nHidden text.\n\n</details>";
        assert_eq!(lines(text), ["<details>", "", "Hidden text.", "", "</details>"]);
    }

    #[test]
    fn comparison_signs_are_not_tags() {
        let text = "Use a < b and c <= d.";
        assert_eq!(lines(text), [text]);
    }

    #[test]
    fn code_spans_are_kept_byte_for_byte() {
        let text = "Type `Vec<[u8]>` and ``a ` [b] <c>`` and `https://x.example/` stay.";
        assert_eq!(lines(text), [text]);
    }

    #[test]
    fn emphasis_is_kept() {
        let text = "**Bold** and _italic_ and *also italic*.";
        assert_eq!(lines(text), [text]);
    }

    #[test]
    fn case_24_escaping_strings_come_through() {
        let cases = [
            r#"Say "hello" to C:\temp\new and end with a backslash \"#,
            "A glob like /* opens a block comment and */ closes one; so does a lone */ here.",
            "Paths such as /reference/ end with a slash/",
            "/reference/demo is a path at the start of the text.",
            r###"r#"raw"# and "# and r##"x"## are text too."###,
            "# of retries is counted per request.",
            "Inline literal with a tab\tand a quote \" and a backslash \\ here.",
        ];
        for text in cases {
            assert_eq!(lines(&format!("{text}\n")), [text], "{text:?}");
        }
    }

    #[test]
    fn attribute_like_text_only_gains_bracket_escapes() {
        let text = "#[derive(Debug)] and #![allow(unused)] and {} and {0} and {name} are text.";
        assert_eq!(
            lines(text),
            [r"#\[derive(Debug)\] and #!\[allow(unused)\] and {} and {0} and {name} are text."]
        );
    }

    #[test]
    fn case_15_fences_never_become_doc_tests() {
        // The resolved `|` scalar of case 15, line for line.
        let text = [
            "Example payload:",
            "",
            "```",
            "{ \"error\": \"demo_error\", \"count\": 2 }",
            "```",
            "",
            "Example call:",
            "",
            "```rust",
            "let client = demo_sdk::Client::new(\"key_example\");",
            "```",
            "",
            "Example in another language:",
            "",
            "```js",
            "const client = new DemoClient('key_example');",
            "```",
            "",
            "An unclosed fence follows:",
            "",
            "```",
            "no closing fence here",
            "",
        ]
        .join("\n");
        let rendered = to_rustdoc(&text, BASE);
        assert_eq!(
            rendered.lines,
            [
                "Example payload:",
                "",
                "```text",
                "{ \"error\": \"demo_error\", \"count\": 2 }",
                "```",
                "",
                "Example call:",
                "",
                "```text",
                "let client = demo_sdk::Client::new(\"key_example\");",
                "```",
                "",
                "Example in another language:",
                "",
                "```js",
                "const client = new DemoClient('key_example');",
                "```",
                "",
                "An unclosed fence follows:",
                "",
                "```text",
                "no closing fence here",
                "```",
            ]
        );
        assert_eq!(
            rendered.warnings,
            [TextWarning {
                line: 20,
                message: "unclosed code fence opened here; closed at the end of the text"
                    .to_string()
            }]
        );
    }

    #[test]
    fn rustdoc_attribute_fences_become_text() {
        for info in
            ["ignore", "no_run", "should_panic", "compile_fail", "edition2021", "rust,ignore"]
        {
            let text = format!("~~~{info}\nfn main() {{}}\n~~~");
            assert_eq!(lines(&text), ["~~~text", "fn main() {}", "~~~"], "{info}");
        }
    }

    #[test]
    fn fence_metadata_is_dropped_but_the_language_kept() {
        let text = "```url title=\"Example link\"\nhttps://setup.example.com?token=abc\n```\n\n\
                    ```json {1,3}\n{}\n```\n\n```{.class}\nx\n```";
        assert_eq!(
            lines(text),
            [
                "```url",
                "https://setup.example.com?token=abc",
                "```",
                "",
                "```json",
                "{}",
                "```",
                "",
                "```text",
                "x",
                "```"
            ]
        );
    }

    #[test]
    fn fence_content_is_verbatim() {
        let text = "```bash\ncurl [x](/y) <token> https://a.example\n\n\n# not a heading\n```";
        assert_eq!(
            lines(text),
            ["```bash", "curl [x](/y) <token> https://a.example", "", "", "# not a heading", "```"]
        );
    }

    #[test]
    fn fences_in_lists_keep_their_indentation() {
        let text = "1. Install:\n\n   ```\n   npm i demo\n   ```\n\n2. Done.";
        assert_eq!(
            lines(text),
            ["1. Install:", "", "   ```text", "   npm i demo", "   ```", "", "2. Done."]
        );
    }

    #[test]
    fn four_backtick_fences_can_hold_three_backtick_lines() {
        let text = "````md\n```\ninner\n```\n````";
        assert_eq!(lines(text), ["````md", "```", "inner", "```", "````"]);
    }

    #[test]
    fn indented_code_becomes_a_text_fence() {
        let text = "Run this:\n\n    let x = 1;\n\n    let y = 2;\nAfter.";
        assert_eq!(
            lines(text),
            ["Run this:", "", "```text", "let x = 1;", "", "let y = 2;", "```", "After."]
        );
    }

    #[test]
    fn list_continuations_keep_their_indentation() {
        let text =
            "- First item\n  continues here.\n\n    More of the first item.\n- Second\n  - Nested";
        assert_eq!(
            lines(text),
            [
                "- First item",
                "  continues here.",
                "",
                "    More of the first item.",
                "- Second",
                "  - Nested"
            ]
        );
    }

    #[test]
    fn headings_and_tables_are_kept() {
        let text = "## Wildcards\n\n| Code | Meaning |\n| --- | --- |\n| `a` | see [x](/x) |";
        assert_eq!(
            lines(text),
            [
                "## Wildcards",
                "",
                "| Code | Meaning |",
                "| --- | --- |",
                "| `a` | see [x](https://workos.com/docs/x) |"
            ]
        );
    }

    #[test]
    fn imports_exports_and_components_are_left_out() {
        let text = [
            "import { Callout } from '@/components';",
            "export const meta = {",
            "  title: 'x',",
            "};",
            "",
            "Intro text.",
            "",
            "<CodeBlock",
            "  title=\"Request\"",
            "  referenceId=\"create_thing\"",
            "/>",
            "",
            "<Callout type=\"info\">",
            "  Inner **note** with [a link](/a).",
            "</Callout>",
            "",
            "{/* hidden */}",
            "Outro.",
        ]
        .join("\n");
        assert_eq!(
            lines(&text),
            [
                "Intro text.",
                "",
                "Inner **note** with [a link](https://workos.com/docs/a).",
                "",
                "Outro."
            ]
        );
    }

    #[test]
    fn import_inside_a_paragraph_is_prose() {
        let text = "You can\nimport users from another provider.";
        assert_eq!(lines(text), ["You can", "import users from another provider."]);
    }

    #[test]
    fn nested_containers_are_dedented() {
        let text = "<Tabs>\n  <Tab title=\"A\">\n    Deeply nested text.\n  </Tab>\n</Tabs>";
        assert_eq!(lines(text), ["Deeply nested text."]);
    }

    #[test]
    fn container_with_only_components_leaves_nothing() {
        let text = [
            "Before.",
            "",
            "<CodeBlock referenceId=\"x\">",
            "  <CodeBlockTab title=\"R\" file=\"r\" />",
            "</CodeBlock>",
            "",
            "After.",
        ]
        .join("\n");
        assert_eq!(lines(&text), ["Before.", "", "After."]);
    }

    #[test]
    fn unclosed_component_warns_and_keeps_the_rest() {
        let rendered = to_rustdoc("Intro.\n<Callout type=\"info\">\nStill shown.", BASE);
        assert_eq!(rendered.lines, ["Intro.", "Still shown."]);
        assert_eq!(
            rendered.warnings,
            [TextWarning {
                line: 1,
                message: "JSX component <Callout> is never closed; only its opening tag was left \
                          out"
                .to_string()
            }]
        );
    }

    #[test]
    fn stray_closing_html_tag_is_escaped() {
        let rendered = to_rustdoc("Done.</div>", BASE);
        assert_eq!(rendered.lines, [r"Done.\</div>"]);
        assert_eq!(
            rendered.warnings,
            [TextWarning {
                line: 0,
                message: "HTML tag </div> has no matching tag; shown as text".to_string()
            }]
        );
    }

    #[test]
    fn an_escaped_angle_bracket_stays_escaped_once() {
        for text in ["Returns Array\\<string> of ids.", "A \\<div> tag and Promise\\<User>."] {
            let rendered = to_rustdoc(text, "");
            assert_eq!(rendered.lines, [text]);
            assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
        }
    }

    #[test]
    fn a_site_link_in_a_kept_tag_is_made_absolute() {
        let base = "https://workos.com/docs";
        let rendered = to_rustdoc(
            "See <a href=\"/reference/sso\">SSO</a>, <a href='//cdn.x/y'>cdn</a> and \
             <img src=\"/i.png\" alt=\"/no\" />.",
            base,
        );
        assert_eq!(
            rendered.lines,
            ["See <a href=\"https://workos.com/docs/reference/sso\">SSO</a>, \
                 <a href='//cdn.x/y'>cdn</a> and <img src=\"https://workos.com/docs/i.png\" \
                 alt=\"/no\" />."]
        );
    }

    #[test]
    fn a_tags_attributes_are_read_past_quoted_values() {
        let tag = "<a title=\"x href='/y'\" HREF=/z data-x='1' hidden>";
        let found: Vec<(&str, &str)> =
            html_attributes(tag).into_iter().map(|(name, value)| (name, &tag[value])).collect();
        assert_eq!(
            found,
            [("title", "x href='/y'"), ("HREF", "/z"), ("data-x", "1"), ("hidden", "")]
        );
        let rendered = to_rustdoc("<a title=\"x href='/y'\" HREF=\"/z\">l</a>", "https://s");
        assert_eq!(rendered.lines, ["<a title=\"x href='/y'\" HREF=\"https://s/z\">l</a>"]);
    }

    #[test]
    fn escaped_html_tag_still_wraps_urls_in_its_attributes() {
        let text = "See <a href=\"https://example.com/x\">here.";
        assert_eq!(lines(text), [r#"See \<a href="<https://example.com/x>">here."#]);
    }

    #[test]
    fn email_autolinks_and_html_comments_are_kept() {
        let text = "Write to <support@example.com>.<!-- internal\nnote -->";
        assert_eq!(lines(text), ["Write to <support@example.com>.<!-- internal", "note -->"]);
    }

    #[test]
    fn scheme_without_host_is_not_a_url() {
        assert_eq!(lines("Type http:// first."), ["Type http:// first."]);
    }

    #[test]
    fn other_schemes_and_protocol_relative_links_are_kept() {
        let text = "[Mail](mailto:a@example.com) or [CDN](//cdn.example.com/x.js).";
        assert_eq!(lines(text), [text]);
    }

    #[test]
    fn defined_references_and_footnotes_stay_links() {
        let text = "Read [the guide] and [more][g] with a note[^1].\n\n\
                    [the guide]: https://example.com/g\n[g]: /more\n[^1]: The note.";
        assert_eq!(
            lines(text),
            [
                "Read [the guide] and [more][g] with a note[^1].",
                "",
                "[the guide]: https://example.com/g",
                "[g]: https://workos.com/docs/more",
                "[^1]: The note."
            ]
        );
    }

    #[test]
    fn undefined_reference_links_are_escaped() {
        assert_eq!(lines("See [text][nowhere]."), [r"See \[text\]\[nowhere\]."]);
    }

    #[test]
    fn headings_in_descriptions_are_kept() {
        let text = "## Limits\nAt most [10] items.";
        assert_eq!(lines(text), ["## Limits", r"At most \[10\] items."]);
    }

    #[test]
    fn leading_tab_is_indented_code_and_inner_tabs_stay() {
        assert_eq!(lines("\tkey\tvalue"), ["```text", "key\tvalue", "```"]);
    }

    #[test]
    fn indented_code_inside_a_list_item_keeps_the_item_indentation() {
        let text = "- Run:\n\n      make all\n- Next";
        assert_eq!(lines(text), ["- Run:", "", "  ```text", "  make all", "  ```", "- Next"]);
    }

    #[test]
    fn one_line_container_keeps_its_text() {
        let text = "<Callout type=\"warning\">Keys are secret.</Callout>\nMore.";
        assert_eq!(lines(text), ["Keys are secret.", "More."]);
    }

    #[test]
    fn component_attributes_may_hold_braces_and_greater_than() {
        let text = "<Grid icons={list.filter((x) => x.ok)} label=\"a > b\" />\nShown.";
        assert_eq!(lines(text), ["Shown."]);
    }

    #[test]
    fn unterminated_component_tag_warns() {
        let rendered = to_rustdoc("Intro.\n\n<Widget title=\"x\"\nOutro.", BASE);
        assert_eq!(rendered.lines, ["Intro.", "", "Outro."]);
        assert_eq!(
            rendered.warnings,
            [TextWarning {
                line: 2,
                message: "JSX tag <Widget> has no closing `>`; only its first line was left out"
                    .to_string()
            }]
        );
    }

    #[test]
    fn components_inside_fences_are_code() {
        let text = "```jsx\n<CodeBlock referenceId=\"x\" />\nimport a from 'b';\n```";
        assert_eq!(
            lines(text),
            ["```jsx", "<CodeBlock referenceId=\"x\" />", "import a from 'b';", "```"]
        );
    }

    #[test]
    fn mixed_input_never_panics_and_lines_are_clean() {
        // A fixed pseudo-random walk over troublesome fragments, including multi-byte text.
        const PIECES: [&str; 36] = [
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "`",
            "\\",
            "h",
            "https://a.example/p",
            "\n",
            "\n\n",
            " ",
            "    ",
            "\t",
            "é",
            "’",
            "- ",
            "* ",
            "# ",
            "```",
            "~~~",
            "<Tab>",
            "</Tab>",
            "<b>",
            "</b>",
            "/x",
            "{",
            "}",
            "\"",
            "'",
            "!",
            ":",
            "import a from 'b'",
            "1. ",
            "<CodeBlock referenceId=\"r\" />",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut text = String::new();
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let len = (state >> 59) as usize + 1;
            for _ in 0..len * 3 {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
            }
            let rendered = to_rustdoc(&text, BASE);
            assert_eq!(rendered, to_rustdoc(&text, BASE));
            for line in &rendered.lines {
                assert!(!line.contains('\n') && line.trim_end() == line, "{text:?}");
            }
            assert!(rendered.lines.first().is_none_or(|l| !l.is_empty()), "{text:?}");
            assert!(rendered.lines.last().is_none_or(|l| !l.is_empty()), "{text:?}");
            let _ = body_section(&text, "r");
        }
    }

    #[test]
    fn rendering_is_deterministic() {
        let text = "A [x] <b>y https://e.example/z\n```\nopen";
        assert_eq!(to_rustdoc(text, BASE), to_rustdoc(text, BASE));
    }

    const BODY: &str = "\
import { Note } from '@/components';

# Widgets

A widget groups settings.

<CodeBlock title=\"Widget\" file=\"widget\" referenceId=\"widget\" />

## Get a widget

Fetches one [widget](/reference/widgets) by ID.

<CodeBlock referenceId=\"get_widget\">
  <CodeBlockTab title=\"Request\" file=\"get-widget-request\" />
</CodeBlock>

Returns an error when it does not exist.

#### Errors

A missing widget yields `404`.

```bash
# Not a heading, a shell comment
curl /widgets
```

## Delete a widget

<CodeBlock
  file=\"delete-widget\"
  referenceId=\"delete_widget\"
  title=\"Request\"
/>

Deletion is permanent.
";

    #[test]
    fn section_with_prose_before_and_after_the_code_block() {
        let section = body_section(BODY, "get_widget").unwrap();
        assert_eq!(section.heading, "Get a widget");
        assert_eq!(
            section.prose,
            "Fetches one [widget](/reference/widgets) by ID.\n\n\
             Returns an error when it does not exist.\n\n\
             #### Errors\n\n\
             A missing widget yields `404`.\n\n\
             ```bash\n# Not a heading, a shell comment\ncurl /widgets\n```"
        );
    }

    #[test]
    fn level_one_section_includes_its_subsections() {
        // Only a heading of level 1 would end a `#` section; the other code blocks go too.
        let section = body_section(BODY, "widget").unwrap();
        assert_eq!(section.heading, "Widgets");
        assert_eq!(
            section.prose.lines().collect::<Vec<_>>(),
            [
                "A widget groups settings.",
                "",
                "## Get a widget",
                "",
                "Fetches one [widget](/reference/widgets) by ID.",
                "",
                "Returns an error when it does not exist.",
                "",
                "#### Errors",
                "",
                "A missing widget yields `404`.",
                "",
                "```bash",
                "# Not a heading, a shell comment",
                "curl /widgets",
                "```",
                "",
                "## Delete a widget",
                "",
                "Deletion is permanent."
            ]
        );
    }

    #[test]
    fn section_ends_at_a_heading_of_the_same_level() {
        let body =
            "## One\n\n<CodeBlock referenceId=\"one\" />\n\nAfter one.\n\n## Two\n\nNot in one.";
        let section = body_section(body, "one").unwrap();
        assert_eq!(section.heading, "One");
        assert_eq!(section.prose, "After one.");
    }

    #[test]
    fn a_heading_on_the_code_blocks_line_heads_its_section() {
        let body = "## One\n\nAbout one.\n\n## Same <CodeBlock referenceId=\"same\" />\n\nAfter.";
        let section = body_section(body, "same").unwrap();
        assert_eq!(section.heading, "Same");
        assert_eq!(section.prose, "After.");
    }

    #[test]
    fn a_heading_keeps_its_text_around_a_component_and_its_other_tags() {
        assert_eq!(without_components("A <Icon name=\"x>y\" /> B <Tag />"), "A B");
        assert_eq!(without_components("<Badge /> Beta"), "Beta");
        assert_eq!(without_components("The <b>bold</b> <Note>open</Note> a < b"), {
            "The <b>bold</b> <Note>open</Note> a < b"
        });
        // A component in a code span or in another tag's attribute is not the page's.
        assert_eq!(
            without_components("The `<Widget />` widget <Tag />"),
            "The `<Widget />` widget"
        );
        assert_eq!(without_components("A ``x ` <W />`` <Tag />"), "A ``x ` <W />``");
        assert_eq!(without_components("Odd ` <Tag />"), "Odd `");
        assert_eq!(
            without_components("G <a title=\"<Tip />\">x</a>"),
            "G <a title=\"<Tip />\">x</a>"
        );
    }

    #[test]
    fn a_code_block_that_starts_on_a_heading_line_and_runs_on_leaves_no_attributes() {
        let body = "## The `<W />` widget <CodeBlock\n  referenceId=\"w\"\n  title=\"W\"\n/>\n\n\
                    About the widget.\n\n## Next\n\nNot it.";
        let section = body_section(body, "w").unwrap();
        assert_eq!(section.heading, "The `<W />` widget");
        assert_eq!(section.prose, "About the widget.");
    }

    #[test]
    fn a_tag_that_runs_on_over_lines_inside_prose_is_read_as_one_line() {
        let rendered = to_rustdoc("Before <Badge\n  kind=\"x\"\n/> after.\n\nNext `<A` \n b.", "");
        let one_line = to_rustdoc("Before <Badge kind=\"x\" /> after.\n\nNext `<A` \n b.", "");
        assert_eq!(rendered, one_line);
        assert_eq!(rendered.lines[2..], ["Next `<A`", " b."]);
        let lines = source_lines("Text <Tip a=\"1\"\n b=\"2\">in <Tip\nc=\"3\"/></Tip>\nlast");
        assert_eq!(inline_tags_end(&lines, 0), Ok(Some((2, 7))));
        assert_eq!(
            joined_line(&lines, 0, 2).text,
            "Text <Tip a=\"1\" b=\"2\">in <Tip c=\"3\"/></Tip>"
        );
        let lines = source_lines("## Big <CodeBlock\n  referenceId=\"t\"\nno end");
        assert_eq!(inline_tags_end(&lines, 0), Err("CodeBlock".to_owned()));
        let rendered = to_rustdoc("Big <Tip\n  a=\"1\"\nno end", "");
        assert_eq!(rendered.warnings.len(), 1, "{:?}", rendered.warnings);
        assert!(rendered.warnings[0].message.contains("<Tip> does not close"), "{rendered:?}");
    }

    #[test]
    fn the_first_section_is_the_first_heading_outside_fences_and_its_prose() {
        let body = "import X from 'x';\n\n```sh\n# not a heading\n```\n\n# Widgets\n\n\
                    Widgets do things.\n\n```text\n# still code\n<Not a component>\n```\n\
                    More.\n\n<CodeBlock referenceId=\"w\" />\n\nAfter.\n\n## Next\n";
        let section = first_section(body).unwrap();
        assert_eq!(section.heading, "Widgets");
        assert_eq!(
            section.prose,
            "Widgets do things.\n\n```text\n# still code\n<Not a component>\n```\nMore."
        );
        let section = first_section("# Only <Badge />\n\nText.").unwrap();
        assert_eq!((section.heading.as_str(), section.prose.as_str()), ("Only", "Text."));
        assert_eq!(first_section("No heading.\n#tag\n"), None);
    }

    #[test]
    fn a_fence_never_closed_is_named_for_the_code_blocks_it_hides() {
        let body = Body::new(
            "## A\n\n<CodeBlock referenceId=\"a\" />\n\n```js\nx\n\n## B\n\n\
             <CodeBlock referenceId=\"b\" />\n"
                .to_owned(),
        );
        assert_eq!(body.section("b"), None);
        assert_eq!(body.hiding_fence("b"), Some(4));
        assert_eq!(body.hiding_fence("a"), None);
        assert_eq!(body.hiding_fence("c"), None);
        let closed = Body::new("```\n<CodeBlock referenceId=\"b\" />\n```\n".to_owned());
        assert_eq!(closed.hiding_fence("b"), None);
    }

    #[test]
    fn an_mdx_comment_over_several_lines_is_left_out_headings_and_all() {
        let body = "## Section\n\nIntro.\n\n{/*\n  ## hidden heading\n  \
                    <CodeBlock referenceId=\"z\" />\n*/}\n\n\
                    <CodeBlock title=\"x\" referenceId=\"b2\" />\n\nAfter. {/* gone */}";
        let section = body_section(body, "b2").unwrap();
        assert_eq!(section.heading, "Section");
        assert_eq!(section.prose, "Intro.\n\nAfter.");
        let rendered = to_rustdoc("One.\n{/* a\nb */} Two.\n\n{/* open\n\nThree.", "");
        assert_eq!(rendered.lines, ["One.", "Two.", "", "Three."]);
        let inline = to_rustdoc("After. {/* gone */}Yes `{/* kept */}` {/* a\nb */}.", "");
        assert_eq!(inline.lines, ["After. Yes `{/* kept */}` ."]);
        let open = to_rustdoc("Open {/* here\nand on.", "");
        assert_eq!(open.lines, ["Open {/* here", "and on."]);
        assert_eq!(rendered.warnings.len(), 1, "{:?}", rendered.warnings);
        assert!(rendered.warnings[0].message.contains("never closed"), "{:?}", rendered.warnings);
    }

    #[test]
    fn a_code_span_shows_any_text_as_it_is() {
        assert_eq!(code("active"), "`active`");
        assert_eq!(code("back`tick"), "``back`tick``");
        assert_eq!(code("`x``"), "``` `x`` ```");
        assert_eq!(code("  spaced  "), "`   spaced   `");
        assert_eq!(code(" "), "` `");
        assert_eq!(code(""), "`\"\"`");
        // What the parser reads back is the text itself.
        for text in ["back`tick", "`x``", "  spaced  ", "a `` b", " lead"] {
            let span = code(text);
            let mut read = String::new();
            for (event, _) in Parser::new(&span).into_offset_iter() {
                if let Event::Code(inner) = event {
                    read.push_str(&inner);
                }
            }
            assert_eq!(read, text, "{span}");
        }
    }

    #[test]
    fn components_inside_a_line_are_left_out_with_their_text_kept() {
        let rendered =
            to_rustdoc("Uses <Badge kind=\"a\">beta</Badge> and <Icon name=\"x\" /> inline.", "");
        assert_eq!(rendered.lines, ["Uses beta and inline."]);
        let punctuated = to_rustdoc("x <Icon /> , y <Icon />. z (<Icon />) {/* c */}.", "");
        assert_eq!(punctuated.lines, ["x , y. z ()."]);
        assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
        // Without a partner, a tag is prose about a type, as before.
        let rendered = to_rustdoc("Returns Vec<String> or <Tip>open.", "");
        assert_eq!(rendered.lines, ["Returns Vec\\<String> or \\<Tip>open."]);
        let nested = to_rustdoc("A <Tip>one <Tip>two</Tip></Tip> `<Tip />` end.", "");
        assert_eq!(nested.lines, ["A one two `<Tip />` end."]);
    }

    #[test]
    fn a_code_block_in_a_comment_or_a_code_span_is_not_the_pages() {
        for hidden in [
            "{/*\n<CodeBlock referenceId=\"t\" />\n*/}",
            "Old. {/* <CodeBlock referenceId=\"t\" /> */}",
            "Write `<CodeBlock referenceId=\"t\" />` to embed.",
            "Old. {/* a\n<CodeBlock referenceId=\"t\" />\n*/}",
        ] {
            let body = format!(
                "## Old\n\n{hidden}\n\n## Real\n\nReal prose.\n\n\
                                <CodeBlock referenceId=\"t\" />\n"
            );
            let section = body_section(&body, "t").unwrap();
            assert_eq!(section.heading, "Real", "{hidden}");
            assert_eq!(section.prose, "Real prose.", "{hidden}");
        }
    }

    #[test]
    fn a_comment_that_runs_on_from_a_heading_line_is_not_in_the_section() {
        let body = "## Title {/* a comment\nthat runs on */} tail\n\n\
                    <CodeBlock referenceId=\"t\" />\n\nProse.";
        let section = body_section(body, "t").unwrap();
        assert_eq!(section.heading, "Title tail");
        assert_eq!(section.prose, "Prose.");
        let intro = first_section("# Module {/* a\nb */} tail\n\nIntro.").unwrap();
        assert_eq!((intro.heading.as_str(), intro.prose.as_str()), ("Module tail", "Intro."));
    }

    #[test]
    fn a_fence_in_a_block_quote_ends_with_the_quote() {
        let body = Body::new(
            "## Heading\n\n> ```js\n> code\n\n<CodeBlock referenceId=\"t\" />\n\nAfter.\n"
                .to_owned(),
        );
        assert_eq!(body.hiding_fence("t"), None);
        let section = body.section("t").unwrap();
        assert_eq!(section.heading, "Heading");
        assert_eq!(section.prose, "> ```js\n> code\n\nAfter.");
        let rendered = to_rustdoc(&section.prose, "");
        assert_eq!(rendered.lines, ["> ```js", "> code", "> ```", "", "After."]);
    }

    #[test]
    fn an_escaped_comment_or_component_is_text() {
        assert_eq!(to_rustdoc("A \\{/* kept */} b.", "").lines, ["A \\{/* kept */} b."]);
        assert_eq!(without_components("Right \\<Icon /> <Tag />"), "Right \\<Icon />");
    }

    #[test]
    fn text_after_a_stray_closing_tag_stays() {
        let rendered = to_rustdoc("One.\n\n</Callout> four after close.", "");
        assert_eq!(rendered.lines, ["One.", "", "four after close."]);
    }

    #[test]
    fn a_fence_in_a_list_item_ends_with_the_item() {
        let body = Body::new(
            "## Second\n- item\n  ```\n  list code\n\nPara x.\n<CodeBlock referenceId=\"t\" />\n"
                .to_owned(),
        );
        assert_eq!(body.hiding_fence("t"), None);
        let section = body.section("t").unwrap();
        assert_eq!(section.heading, "Second");
        let inside = Body::new("- a\n  ```\n  x\n\n  <CodeBlock referenceId=\"t\" />\n".to_owned());
        assert_eq!(inside.section("t"), None);
    }

    #[test]
    fn multi_line_code_block_attributes_in_any_order() {
        let section = body_section(BODY, "delete_widget").unwrap();
        assert_eq!(section.heading, "Delete a widget");
        assert_eq!(section.prose, "Deletion is permanent.");
    }

    #[test]
    fn one_body_finds_each_entry_in_any_order() {
        let body = Body::new(BODY.to_owned());
        for id in ["delete_widget", "widget", "nowhere", "get_widget", "widget"] {
            assert_eq!(body.section(id), body_section(BODY, id), "{id}");
        }
    }

    #[test]
    fn the_first_code_block_outside_fences_is_the_entrys() {
        let body = "## A\n\n```mdx\n<CodeBlock referenceId=\"x\" />\n```\n\n## B\n\n\
                    <CodeBlock referenceId=\"x\" />\n\n## C\n\n<CodeBlock referenceId=\"x\" />";
        assert_eq!(body_section(body, "x").unwrap().heading, "B");
    }

    #[test]
    fn missing_reference_id_gives_none() {
        assert_eq!(body_section(BODY, "widgets"), None);
        assert_eq!(body_section(BODY, ""), None);
    }

    #[test]
    fn heading_inside_a_fence_does_not_count() {
        let body = "## Real heading\n\nIntro.\n\n```md\n## Fake heading\n```\n\n\
                    <CodeBlock referenceId=\"thing\" />\n";
        let section = body_section(body, "thing").unwrap();
        assert_eq!(section.heading, "Real heading");
        assert_eq!(section.prose, "Intro.\n\n```md\n## Fake heading\n```");
    }

    #[test]
    fn no_heading_above_starts_at_the_top() {
        let body =
            "\r\nPlain intro.\r\n<CodeBlock referenceId=\"thing\" />\r\n\r\n# Later\r\nText.";
        let section = body_section(body, "thing").unwrap();
        assert_eq!(section.heading, "");
        assert_eq!(section.prose, "Plain intro.");
    }

    #[test]
    fn code_block_tab_is_not_a_code_block() {
        let body = "## A\n\n<CodeBlockTab referenceId=\"thing\" />";
        assert_eq!(body_section(body, "thing"), None);
    }

    #[test]
    fn reference_id_in_single_quotes_or_braces() {
        let body =
            "## A\n\n<CodeBlock referenceId='a' />\n\n## B\n\n<CodeBlock referenceId={\"b\"} />";
        assert_eq!(body_section(body, "a").unwrap().heading, "A");
        assert_eq!(body_section(body, "b").unwrap().heading, "B");
    }

    #[test]
    fn section_prose_keeps_container_text_dedented() {
        let body = "## Roles\n\n<CodeBlock referenceId=\"role\" file=\"role\" />\n\n\
                    <Callout type=\"info\">\n  Roles are listed in priority order.\n</Callout>";
        let section = body_section(body, "role").unwrap();
        assert_eq!(section.prose, "Roles are listed in priority order.");
    }

    #[test]
    fn heading_closing_hashes_are_removed() {
        let body = "### Passwordless Session [Deprecated] ###\n\n<CodeBlock referenceId=\"p\" />";
        let section = body_section(body, "p").unwrap();
        assert_eq!(section.heading, "Passwordless Session [Deprecated]");
        assert_eq!(section.prose, "");
    }

    #[test]
    fn section_prose_renders_cleanly() {
        let section = body_section(BODY, "get_widget").unwrap();
        let rendered = to_rustdoc(&section.prose, BASE);
        assert_eq!(
            rendered.lines[0],
            "Fetches one [widget](https://workos.com/docs/reference/widgets) by ID."
        );
        assert_eq!(rendered.lines[8], "```bash");
        assert!(rendered.warnings.is_empty());
    }

    #[test]
    fn warnings_are_ordered_by_line() {
        let found = warnings("<b>x\n[y](z)\n```");
        let lines: Vec<usize> = found.iter().map(|w| w.line).collect();
        assert_eq!(lines, [0, 1, 2]);
    }

    #[test]
    fn case_13_block_scalars_give_the_expected_line_counts() {
        // Resolved YAML values shaped like case 13's scalars: folded, literal, chomped.
        let cases: [(&str, &[&str]); 6] = [
            (
                "Folded text that wrapped in the source.\n",
                &["Folded text that wrapped in the source."],
            ),
            (
                "First literal line.\nSecond literal line.\n",
                &["First literal line.", "Second literal line."],
            ),
            ("Kept trailing breaks.\n\n\n", &["Kept trailing breaks."]),
            ("Stripped, no break at all.", &["Stripped, no break at all."]),
            ("Para one.\nStill para one.\n", &["Para one.", "Still para one."]),
            ("Para one.\n\nPara two.\n", &["Para one.", "", "Para two."]),
        ];
        for (text, expected) in cases {
            assert_eq!(lines(text), expected, "{text:?}");
        }
    }

    #[test]
    fn comment_blocks_are_copied_without_reading_markdown() {
        let text = "Intro.\n<!-- hidden\n```\n[x] <y>\n-->\nAfter [z].";
        assert_eq!(
            lines(text),
            ["Intro.", "<!-- hidden", "```", "[x] <y>", "-->", r"After \[z\]."]
        );
    }

    #[test]
    fn fences_in_quotes_and_items_close_with_their_container() {
        // A list item's fence ends when a line leaves the item; the closing fence is added so
        // the rest is not read as code.
        let text = "- Item:\n  ```\n  inside\nOutside.";
        assert_eq!(lines(text), ["- Item:", "  ```text", "  inside", "  ```", "Outside."]);
        let quoted = "> ```sh\n> ls\n\nAfter.";
        assert_eq!(lines(quoted), ["> ```sh", "> ls", "> ```", "", "After."]);
    }

    #[test]
    fn lazy_indented_line_continues_the_paragraph() {
        let text = "Start of a paragraph\n    that continues here.";
        assert_eq!(lines(text), ["Start of a paragraph", "    that continues here."]);
    }

    #[test]
    fn setext_underline_ends_the_paragraph() {
        let text = "Title\n-\n    after the heading";
        assert_eq!(lines(text), ["Title", "-", "```text", "after the heading", "```"]);
    }
}

/// The shortcut for plain texts against the parser, on texts built to look like descriptions
/// and on texts built to trip it.
#[cfg(test)]
mod plain_texts {
    use proptest::prelude::*;

    use super::*;

    const BASE: &str = "https://workos.com/docs";

    fn word() -> impl Strategy<Value = String> {
        "[A-Za-z0-9]{1,8}"
    }

    fn link() -> impl Strategy<Value = String> {
        (prop::collection::vec(word(), 1..3), "(/[a-z0-9_#.-]{1,6}){1,3}")
            .prop_map(|(label, dest)| format!("[{}]({dest})", label.join(" ")))
    }

    /// A code span, holding what would be Markdown outside one, and a space, so that two spans
    /// never touch and make a run of backticks.
    fn code_span() -> impl Strategy<Value = String> {
        "[a-z_ *<>\\[\\]()#&|!~{}\\\\.-]{1,10}".prop_map(|code| format!("`{code}` "))
    }

    /// A description's sentence: words, punctuation, links to site paths and code spans.
    fn sentence() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => word(),
            2 => Just(" ".to_owned()),
            1 => "[.,;:'\"?()/-]".prop_map(String::from),
            1 => link(),
            1 => code_span(),
        ];
        ("[A-Za-z]", prop::collection::vec(piece, 0..24), "[ \n]{0,2}")
            .prop_map(|(first, pieces, end)| format!("{first}{}{end}", pieces.concat()))
            // Words can spell the start of a bare URL, which is not plain.
            .prop_filter("no `http`", |sentence| !sentence.contains("http"))
    }

    /// A sentence with something the parser reads otherwise put somewhere in it.
    fn tricky() -> impl Strategy<Value = String> {
        let oddity = prop_oneof![
            "[*_`<>&\\#|!~{}\\[\\]\t\n]".prop_map(String::from),
            Just("http://example.com".to_owned()),
            Just("[a](b)".to_owned()),
            Just("[a](//x)".to_owned()),
            Just("[a](/x \"t\")".to_owned()),
            Just("[](/x)".to_owned()),
            Just("    ".to_owned()),
            Just("1. ".to_owned()),
            Just("import ".to_owned()),
            Just("<Note>".to_owned()),
        ];
        (paragraphs(), oddity, any::<prop::sample::Index>()).prop_map(|(text, odd, at)| {
            let at = at.index(text.len() + 1);
            format!("{}{odd}{}", &text[..at], &text[at..])
        })
    }

    /// Sentences on lines of their own and in paragraphs, with blank lines between some.
    fn paragraphs() -> impl Strategy<Value = String> {
        let gap = prop_oneof![Just("\n"), Just("\n\n"), Just("\n  \n\n"), Just("\n\n\n")];
        (prop::collection::vec((sentence(), gap), 1..5), "\n{0,2}").prop_map(|(parts, start)| {
            let body: String =
                parts.iter().map(|(s, gap)| format!("{}{gap}", s.trim_end())).collect();
            format!("{start}{body}")
        })
    }

    proptest! {
        #[test]
        fn plain_paragraphs_take_the_shortcut_and_render_as_the_parser_does(text in paragraphs()) {
            let fast = plain_text(&text, BASE);
            prop_assert!(fast.is_some(), "no shortcut for {text:?}");
            prop_assert_eq!(fast.unwrap(), render(&text, BASE), "{:?}", text);
        }

        #[test]
        fn a_plain_sentence_takes_the_shortcut_and_renders_as_the_parser_does(text in sentence()) {
            let fast = plain_text(&text, BASE);
            prop_assert!(fast.is_some(), "no shortcut for {text:?}");
            prop_assert_eq!(fast.unwrap(), render(&text, BASE), "{:?}", text);
        }

        #[test]
        fn any_text_the_shortcut_takes_renders_as_the_parser_does(text in tricky()) {
            if let Some(fast) = plain_text(&text, BASE) {
                prop_assert_eq!(fast, render(&text, BASE), "{:?}", text);
            }
        }
    }

    /// A body's line: prose, a heading, or something else Markdown or MDX reads as a block.
    fn body_line() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => sentence().prop_map(|s| s.trim_end().to_owned()),
            3 => Just(String::new()),
            3 => ("#{1,8}", prop::collection::vec(word(), 0..4))
                .prop_map(|(marks, words)| format!("{marks} {}", words.join(" "))),
            3 => ("#{1,7}", "[ \t]{0,2}", prop::option::of(sentence()), "[ #]{0,3}")
                .prop_map(|(marks, gap, title, end)| {
                    format!("{marks}{gap}{}{end}", title.unwrap_or_default().trim_end())
                }),
            1 => prop::sample::select(vec![
                "```", "~~~", "    # indented", " # spaced", "- # listed", "> # quoted",
                "1. item", "===", "---", "<div>", "</div>", "# a \\#", "# <b>x</b>",
                "<Note>", "</Note>", "import x from 'y'", "| a | b |", "{/* c */}", "A.\r## B\rC.",
            ])
            .prop_map(String::from),
        ]
    }

    /// A body of prose and headings whose titles are words, as most pages are.
    fn plain_body() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            3 => sentence().prop_map(|s| s.trim_end().to_owned()),
            2 => Just(String::new()),
            2 => ("#{1,6}", prop::collection::vec(word(), 1..5))
                .prop_map(|(marks, words)| format!("{marks} {}", words.join(" "))),
        ];
        prop::collection::vec(line, 0..12).prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #[test]
        fn a_plain_body_takes_the_shortcut_and_finds_the_parsers_headings(text in plain_body()) {
            let kept = strip_mdx(&source_lines(&text), &mut Vec::new());
            let fast = plain_headings(&kept);
            prop_assert!(fast.is_some(), "no shortcut for {text:?}");
            prop_assert_eq!(fast.unwrap(), parsed_headings(&kept), "{:?}", text);
        }

        #[test]
        fn headings_the_shortcut_finds_are_those_the_parser_finds(
            lines in prop::collection::vec(body_line(), 0..12)
        ) {
            let text = lines.join("\n");
            let kept = strip_mdx(&source_lines(&text), &mut Vec::new());
            if let Some(fast) = plain_headings(&kept) {
                prop_assert_eq!(fast, parsed_headings(&kept), "{:?}", text);
            }
        }
    }

    #[test]
    fn headings_the_shortcut_leaves_to_the_parser() {
        for text in [
            "A\n```\n# code\n```",
            "<div>\n# html\n</div>",
            "- # listed",
            "#5",
            "# a \\#",
            "## Closed ##",
        ] {
            let kept = strip_mdx(&source_lines(text), &mut Vec::new());
            assert_eq!(plain_headings(&kept), None, "{text:?}");
        }
        let kept = source_lines("Intro.\n\n## Title\nProse.\n# One");
        let titles = plain_headings(&kept).unwrap();
        let found: Vec<_> = titles.iter().map(|h| (h.line, h.level, h.title.as_str())).collect();
        assert_eq!(found, [(2, 2, "Title"), (4, 1, "One")]);
    }

    #[test]
    fn what_the_shortcut_leaves_to_the_parser() {
        for text in [
            "See http://example.com.",
            "A ``code`` word.",
            "A `code`` word.",
            "An unclosed ` backtick.",
            "A `code\twith a tab` word.",
            "A [`code`](/x) link.",
            "An *emphasis*.",
            "A [link](events) to a word.",
            "Two\n    lines.",
            "- a list",
            "1. a list",
            "<Note>text</Note>",
            "import x from 'y'",
            "An [image]: /x definition.",
            "Caf\u{e9}.",
        ] {
            assert_eq!(plain_text(text, BASE), None, "{text:?}");
        }
        let fast = plain_text("A [user](/reference/user) here.\n", BASE);
        let line = "A [user](https://workos.com/docs/reference/user) here.";
        assert_eq!(fast.map(|r| r.lines), Some(vec![line.to_owned()]));
        let fast = plain_text("May be `null`, or `[a](/b)` as written.", BASE);
        let line = "May be `null`, or `[a](/b)` as written.";
        assert_eq!(fast.map(|r| r.lines), Some(vec![line.to_owned()]));
    }
}
