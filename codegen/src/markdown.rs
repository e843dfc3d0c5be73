//! Documentation text: turns the Markdown/MDX found in API reference pages into rustdoc lines.
//!
//! This module owns every change the generator makes to prose before it becomes `#[doc = "..."]`
//! on a generated type: site-relative links are made absolute, text that rustdoc's lints would
//! reject (bare URLs, stray brackets, HTML-looking placeholders) is escaped, code fences are
//! relabelled so no doc test is ever created from docs text, and MDX-only syntax (imports,
//! exports, JSX components) is left out. It also finds the part of an MDX body that describes one
//! reference entry ([`body_section`]). It knows nothing about YAML or Rust syntax: callers pass
//! already-resolved strings and emit the returned lines as string literals themselves.

use std::collections::BTreeSet;

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
    let mut warnings = Vec::new();
    let source = source_lines(text);
    let lines = strip_mdx(&source, &mut warnings);
    let labels = reference_labels(&lines);

    // Whether an HTML tag may stay depends on a matching tag that can come much later, so a
    // first pass only records the tags in order; the second pass renders with that knowledge.
    // Both passes tokenize identically, which keeps the recorded indexes valid.
    let mut probe = Renderer::new(base_url, &labels, None);
    probe.render(&lines);
    let plan = balanced_html(&probe.html_tags);

    let mut renderer = Renderer::new(base_url, &labels, Some(plan));
    renderer.render(&lines);
    warnings.extend(renderer.warnings);
    // Stable sort: warnings on the same line keep the order they were found in.
    warnings.sort_by_key(|w| w.line);
    Rendered { lines: renderer.out, warnings }
}

/// The part of an MDX body that documents one reference entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodySection {
    /// The heading text of the section, without the `#` marks.
    pub heading: String,
    /// The section's Markdown after the heading, with MDX components and imports left out.
    pub prose: String,
}

/// Finds the section of `body` holding `<CodeBlock ... referenceId="ID" ... />`.
///
/// The section runs from the nearest ATX heading above the code block (headings inside fenced
/// code do not count) up to the next heading of the same or a higher level, so subsections are
/// included. Without a heading above, the heading is empty and the section starts at the top of
/// the body. Returns `None` when no code block carries `reference_id`.
pub fn body_section(body: &str, reference_id: &str) -> Option<BodySection> {
    let lines = source_lines(body);
    let mut headings: Vec<(usize, usize, String)> = Vec::new();
    let mut target = None;
    let mut fence: Option<Fence> = None;
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.as_str();
        if let Some(open) = &fence {
            if open.is_closed_by(text) {
                fence = None;
            }
            continue;
        }
        if let Some(open) = Fence::open(text) {
            fence = Some(open);
            continue;
        }
        if let Some((level, title)) = atx_heading(text) {
            headings.push((i, level, title.to_string()));
            continue;
        }
        if target.is_none() && code_block_ids(&lines, i).iter().any(|id| id == reference_id) {
            target = Some(i);
        }
    }
    let target = target?;

    let above = headings.iter().rev().find(|h| h.0 < target);
    // Without a heading, any later heading ends the section, as if the section were level 7.
    let (start, level, heading) = match above {
        Some((at, level, title)) => (at + 1, *level, title.clone()),
        None => (0, 7, String::new()),
    };
    let end = headings.iter().find(|h| h.0 >= start && h.1 <= level).map_or(lines.len(), |h| h.0);

    let mut ignored = Vec::new();
    let kept = strip_mdx(&lines[start..end], &mut ignored);
    Some(BodySection { heading, prose: tidy(&kept) })
}

/// One input line with its 0-based position in the original text, kept for warnings.
#[derive(Debug, Clone)]
struct SrcLine {
    no: usize,
    text: String,
}

/// Splits text into lines, accepting LF and CRLF endings and one leading byte-order mark.
fn source_lines(text: &str) -> Vec<SrcLine> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(no, line)| SrcLine { no, text: line.strip_suffix('\r').unwrap_or(line).to_string() })
        .collect()
}

/// Joins lines back into Markdown, trimming line ends and collapsing blank runs outside fences.
fn tidy(lines: &[SrcLine]) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut fence: Option<Fence> = None;
    for line in lines {
        let text = line.text.trim_end();
        if let Some(open) = &fence {
            if open.is_closed_by(text) {
                fence = None;
            }
            out.push(text);
            continue;
        }
        if let Some(open) = Fence::open(text) {
            fence = Some(open);
            out.push(text);
            continue;
        }
        if !text.is_empty() || out.last().is_some_and(|last| !last.is_empty()) {
            out.push(text);
        }
    }
    while out.last().is_some_and(|last| last.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

// ---------------------------------------------------------------------------------------------
// Block structure shared by both entry points.

/// A fenced code block's opening line.
#[derive(Debug, Clone)]
struct Fence {
    /// Everything before the marker: indentation, `>` quote markers, a list marker.
    prefix: String,
    marker: char,
    len: usize,
    info: String,
}

impl Fence {
    /// Recognizes an opening fence at any indentation and after list or quote markers, since
    /// CommonMark (and so rustdoc) accepts `- ```js` or `> ```` as fences too.
    fn open(line: &str) -> Option<Fence> {
        let prefix_len = container_prefix_len(line);
        let rest = &line[prefix_len..];
        let marker = rest.chars().next()?;
        if marker != '`' && marker != '~' {
            return None;
        }
        let len = rest.chars().take_while(|&c| c == marker).count();
        let info = rest[len..].trim();
        // A backtick in the info string means this is an inline code span, not a fence.
        if len < 3 || (marker == '`' && info.contains('`')) {
            return None;
        }
        Some(Fence { prefix: line[..prefix_len].to_string(), marker, len, info: info.to_string() })
    }

    /// Whether `line` (quote markers included) is a closing fence for this block.
    fn is_closed_by(&self, line: &str) -> bool {
        let rest = strip_quotes(line, usize::MAX).trim();
        let run = rest.chars().take_while(|&c| c == self.marker).count();
        run >= self.len && run == rest.chars().count()
    }

    /// Number of `>` quote markers the block lives in.
    fn quotes(&self) -> usize {
        self.prefix.matches('>').count()
    }

    /// The opening line with an info string that rustdoc will never compile.
    fn rustdoc_opening(&self) -> String {
        let fence: String = std::iter::repeat_n(self.marker, self.len).collect();
        format!("{}{}{}", self.prefix, fence, rustdoc_lang(&self.info))
    }

    /// A closing line at the opening's position; a list marker becomes spaces so that the
    /// closing line stays inside the list item instead of starting a new one.
    fn closing(&self) -> String {
        let prefix: String =
            self.prefix.chars().map(|c| if c == '>' || c == '\t' { c } else { ' ' }).collect();
        let fence: String = std::iter::repeat_n(self.marker, self.len).collect();
        format!("{prefix}{fence}")
    }
}

/// Length of the leading indentation, `>` quote markers and list markers of a line.
fn container_prefix_len(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        if i < b.len() && b[i] == b'>' {
            i += 1;
            continue;
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
        if marker > 0 && b.get(i + marker).is_some_and(|&c| c == b' ' || c == b'\t') {
            i += marker;
            continue;
        }
        return i;
    }
}

/// Number of `>` quote markers a line starts with.
fn quote_depth(line: &str) -> usize {
    let mut depth = 0;
    let mut rest = line.trim_start_matches([' ', '\t']);
    while let Some(after) = rest.strip_prefix('>') {
        depth += 1;
        rest = after.trim_start_matches([' ', '\t']);
    }
    depth
}

/// The line after at most `depth` quote markers (each with one optional following space).
fn strip_quotes(line: &str, depth: usize) -> &str {
    let mut rest = line;
    for _ in 0..depth {
        match rest.trim_start_matches([' ', '\t']).strip_prefix('>') {
            Some(after) => rest = after.strip_prefix(' ').unwrap_or(after),
            None => break,
        }
    }
    rest
}

/// Picks the info string for a fence so that rustdoc treats the block as non-Rust.
///
/// rustdoc compiles untagged blocks and blocks tagged `rust` or only with its own attributes,
/// and it rejects info strings with MDX metadata such as `title="..."`. Only the language word
/// is kept; anything rustdoc would test, or that is not a plain word, becomes `text`.
fn rustdoc_lang(info: &str) -> &str {
    let first = info.split(|c: char| c == ',' || c.is_whitespace()).next().unwrap_or("");
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
    const ATTRIBUTES: [&str; 8] = [
        "ignore",
        "no_run",
        "should_panic",
        "compile_fail",
        "test_harness",
        "allow_fail",
        "standalone_crate",
        "edition",
    ];
    let error_code =
        word.len() == 5 && word.starts_with('E') && word[1..].bytes().all(|b| b.is_ascii_digit());
    ATTRIBUTES.contains(&word)
        || word.starts_with("ignore-")
        || word.starts_with("edition")
        || error_code
}

/// Parses an ATX heading (at most three spaces of indentation) into its level and text.
fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return None;
    }
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    let after = &rest[level..];
    if !(1..=6).contains(&level) || !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let text = after.trim();
    // An optional closing run of `#` belongs to the syntax only when a space precedes it.
    let without_closing = text.trim_end_matches('#');
    let text = if without_closing.is_empty() {
        ""
    } else if without_closing.ends_with([' ', '\t']) {
        without_closing.trim_end()
    } else {
        text
    };
    Some((level, text))
}

/// Visual indentation, with tabs advancing to the next multiple of four as CommonMark does.
fn indent_cols(line: &str) -> usize {
    let mut cols = 0;
    for c in line.chars() {
        match c {
            ' ' => cols += 1,
            '\t' => cols += 4 - cols % 4,
            _ => break,
        }
    }
    cols
}

/// Removes up to `cols` columns of leading whitespace.
fn strip_cols(line: &str, cols: usize) -> &str {
    let mut seen = 0;
    for (at, c) in line.char_indices() {
        if seen >= cols {
            return &line[at..];
        }
        match c {
            ' ' => seen += 1,
            '\t' => seen += 4 - seen % 4,
            _ => return &line[at..],
        }
    }
    ""
}

/// For a list item line, the column where its content starts.
fn list_item_content(line: &str) -> Option<usize> {
    let indent = indent_cols(line);
    let rest = line.trim_start_matches([' ', '\t']);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if rest.starts_with(['-', '*', '+']) {
        1
    } else if (1..=9).contains(&digits) && rest[digits..].starts_with(['.', ')']) {
        digits + 1
    } else {
        return None;
    };
    let after = &rest[marker..];
    if after.is_empty() {
        return Some(indent + marker + 1);
    }
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    let spaces = after.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    // Five or more spaces mean the content is an indented code block after one space.
    Some(indent + marker + if spaces > 4 { 1 } else { spaces })
}

fn is_thematic_break(line: &str) -> bool {
    let rest: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    rest.len() >= 3 && ['-', '*', '_'].iter().any(|&m| rest.iter().all(|&c| c == m))
}

// ---------------------------------------------------------------------------------------------
// MDX: imports, exports and JSX components.

/// Drops MDX-only lines; the inner Markdown of container components is kept, dedented.
fn strip_mdx(lines: &[SrcLine], warnings: &mut Vec<TextWarning>) -> Vec<SrcLine> {
    let mut out = Vec::new();
    strip_block(lines, true, &mut out, warnings);
    out
}

fn strip_block(
    lines: &[SrcLine],
    top_level: bool,
    out: &mut Vec<SrcLine>,
    warnings: &mut Vec<TextWarning>,
) {
    let mut fence: Option<Fence> = None;
    // ESM is only recognized where a block starts; in a paragraph `import x from y` is prose.
    let mut block_start = true;
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].text.as_str();
        if let Some(open) = &fence {
            if open.is_closed_by(text) {
                fence = None;
            }
            out.push(lines[i].clone());
            i += 1;
            continue;
        }
        if let Some(open) = Fence::open(text) {
            fence = Some(open);
            out.push(lines[i].clone());
            block_start = false;
            i += 1;
            continue;
        }
        if top_level && block_start && is_esm_start(text) {
            i = skip_esm(lines, i);
            continue;
        }
        if is_mdx_comment(text) {
            i += 1;
            continue;
        }
        if let Some(tag) = component_start(text) {
            i = strip_component(lines, i, &tag, out, warnings);
            block_start = true;
            continue;
        }
        block_start = text.trim().is_empty();
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
    if !after.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let name_len = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .unwrap_or(after.len());
    let next = after[name_len..].chars().next();
    // `<String, Object>` is text that happens to start a line, not a component.
    if !next.is_none_or(|c| c.is_whitespace() || c == '/' || c == '>') {
        return None;
    }
    let name_start = offset + if closing { 2 } else { 1 };
    Some(ComponentTag {
        name: after[..name_len].to_string(),
        closing,
        name_end: name_start + name_len,
    })
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
fn strip_component(
    lines: &[SrcLine],
    i: usize,
    tag: &ComponentTag,
    out: &mut Vec<SrcLine>,
    warnings: &mut Vec<TextWarning>,
) -> usize {
    if tag.closing {
        // A stray closing tag (its opener lies outside the text) has nothing left to keep.
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
    let keep = |text: &str, out: &mut Vec<SrcLine>| {
        if !text.trim().is_empty() {
            out.push(SrcLine { no: lines[j].no, text: text.trim().to_string() });
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
        inner.push(SrcLine { no: lines[j].no, text: rest.to_string() });
    }
    inner.extend(lines[j + 1..k].iter().cloned());
    if !lines[k].text[..at].trim().is_empty() {
        inner.push(SrcLine { no: lines[k].no, text: lines[k].text[..at].to_string() });
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
        line.text = line.text.get(dedent..).unwrap_or("").to_string();
    }
    strip_block(&inner, false, out, warnings);
    let trailing = &lines[k].text[after..];
    if !trailing.trim().is_empty() {
        out.push(SrcLine { no: lines[k].no, text: trailing.trim().to_string() });
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
    let mut fence: Option<Fence> = None;
    let mut k = from;
    while k < lines.len() {
        let text = lines[k].text.as_str();
        if let Some(open) = &fence {
            if open.is_closed_by(text) {
                fence = None;
            }
            k += 1;
            continue;
        }
        if let Some(open) = Fence::open(text) {
            fence = Some(open);
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

/// MDX comments: a whole line `{/* ... */}`.
fn is_mdx_comment(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("{/*") && t.ends_with("*/}")
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

/// The `referenceId` values of `<CodeBlock>` elements starting on line `i`.
fn code_block_ids(lines: &[SrcLine], i: usize) -> Vec<String> {
    const OPEN: &str = "<CodeBlock";
    let text = &lines[i].text;
    text.match_indices(OPEN)
        .filter(|(at, _)| {
            // `<CodeBlockTab` and the like are other components.
            text[at + OPEN.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c == '/' || c == '>')
        })
        .filter_map(|(at, _)| tag_text(lines, i, at + OPEN.len()))
        .filter_map(|attrs| attribute(&attrs, "referenceId"))
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

// ---------------------------------------------------------------------------------------------
// Rendering.

/// Labels of reference definitions (`[label]: target`), so `[label]` stays a link.
fn reference_labels(lines: &[SrcLine]) -> BTreeSet<String> {
    let mut labels = BTreeSet::new();
    let mut fence: Option<Fence> = None;
    for line in lines {
        let text = line.text.as_str();
        if let Some(open) = &fence {
            if open.is_closed_by(text) {
                fence = None;
            }
            continue;
        }
        if let Some(open) = Fence::open(text) {
            fence = Some(open);
            continue;
        }
        let rest = text.trim_start_matches(' ');
        if text.len() - rest.len() > 3 {
            continue;
        }
        if let Some(label) = rest.strip_prefix('[').and_then(|r| r.split_once("]:"))
            && !label.0.trim().is_empty()
        {
            labels.insert(normalize_label(label.0));
        }
    }
    labels
}

fn normalize_label(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// An HTML tag met in the text, in order: its element name and whether it is a closing tag.
struct HtmlTag {
    name: String,
    closing: bool,
}

/// Pairs opening and closing HTML tags; only tags with a partner may stay as HTML, because
/// rustdoc's `invalid_html_tags` lint rejects unclosed ones.
fn balanced_html(tags: &[HtmlTag]) -> Vec<bool> {
    let mut keep = vec![false; tags.len()];
    let mut open: Vec<usize> = Vec::new();
    for (k, tag) in tags.iter().enumerate() {
        if !tag.closing {
            open.push(k);
        } else if let Some(pos) = open.iter().rposition(|&o| tags[o].name == tag.name) {
            keep[open[pos]] = true;
            keep[k] = true;
            open.truncate(pos);
        }
    }
    keep
}

/// HTML elements rustdoc renders; any other `<word>` is a placeholder shown as text.
const HTML_ELEMENTS: [&str; 58] = [
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements that never take a closing tag.
const VOID_ELEMENTS: [&str; 6] = ["br", "col", "hr", "img", "source", "wbr"];

/// A fence being rendered.
struct OpenFence {
    fence: Fence,
    /// Input line of the opening fence, for the unclosed-fence warning.
    line: usize,
    /// Content column of the list item holding the fence (0 outside lists): a line indented
    /// less ends the item and so the fence, and a closing fence may be indented at most three
    /// columns more.
    list_col: usize,
}

/// How a line relates to an open fence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FenceStep {
    Content,
    Close,
    /// The fence's list item or block quote ended before a closing fence.
    Interrupted,
}

impl OpenFence {
    fn step(&self, line: &str) -> FenceStep {
        if line.trim().is_empty() {
            return FenceStep::Content;
        }
        let quotes = self.fence.quotes();
        if quote_depth(line) < quotes {
            return FenceStep::Interrupted;
        }
        let inner = strip_quotes(line, quotes);
        let indent = indent_cols(inner);
        if quotes == 0 && indent < self.list_col {
            return FenceStep::Interrupted;
        }
        if indent <= self.list_col + 3 && self.fence.is_closed_by(inner) {
            return FenceStep::Close;
        }
        FenceStep::Content
    }
}

/// Whether `text` is nothing but a list marker.
fn is_bare_marker(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    matches!(text, "-" | "*" | "+")
        || ((1..=9).contains(&digits) && text.len() == digits + 1 && text.ends_with(['.', ')']))
}

/// A list marker followed by five or more spaces starts an indented code block inside the
/// item, which rustdoc would run as a doc test; one space keeps the content as text.
fn narrow_list_marker(line: &str) -> Option<String> {
    let rest = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - rest.len()];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if rest.starts_with(['-', '*', '+']) {
        1
    } else if (1..=9).contains(&digits) && rest[digits..].starts_with(['.', ')']) {
        digits + 1
    } else {
        return None;
    };
    let after = &rest[marker..];
    let content = after.trim_start_matches([' ', '\t']);
    let gap =
        indent_cols(&format!("{}{}", " ".repeat(marker), &after[..after.len() - content.len()]))
            - marker;
    if gap <= 4 || content.is_empty() {
        return None;
    }
    Some(format!("{indent}{} {content}", &rest[..marker]))
}

struct Renderer<'a> {
    base_url: &'a str,
    labels: &'a BTreeSet<String>,
    /// For the n-th HTML tag met, whether it stays HTML; `None` in the recording pass.
    html_plan: Option<Vec<bool>>,
    html_tags: Vec<HtmlTag>,
    out: Vec<String>,
    warnings: Vec<TextWarning>,
}

/// A paragraph-like run of lines rendered together, so links and code spans may cross lines.
struct Chunk {
    text: String,
    line_nos: Vec<usize>,
    /// Byte offset where each line starts in `text`.
    starts: Vec<usize>,
}

impl Chunk {
    fn line_at(&self, at: usize) -> usize {
        let idx = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        self.line_nos[idx]
    }
}

impl<'a> Renderer<'a> {
    fn new(base_url: &'a str, labels: &'a BTreeSet<String>, html_plan: Option<Vec<bool>>) -> Self {
        Renderer {
            base_url,
            labels,
            html_plan,
            html_tags: Vec::new(),
            out: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(TextWarning { line, message });
    }

    fn push_blank(&mut self) {
        if self.out.last().is_some_and(|last| !last.is_empty()) {
            self.out.push(String::new());
        }
    }

    /// Renders block by block, tracking just enough CommonMark structure (fences, list item
    /// columns, paragraphs) to agree with rustdoc on where code blocks start and end: a
    /// disagreement could hand rustdoc an untagged fence, which it would run as a doc test.
    fn render(&mut self, lines: &[SrcLine]) {
        let mut chunk: Vec<SrcLine> = Vec::new();
        let mut fence: Option<OpenFence> = None;
        // Content columns of the list items the current line may belong to.
        let mut lists: Vec<usize> = Vec::new();
        let mut in_paragraph = false;
        // A list item with nothing after its marker ends at a following blank line.
        let mut empty_item = false;
        let mut i = 0;
        while i < lines.len() {
            let no = lines[i].no;
            let text = lines[i].text.trim_end();
            if let Some(open) = &fence {
                match open.step(text) {
                    step @ (FenceStep::Content | FenceStep::Close) => {
                        if step == FenceStep::Close {
                            fence = None;
                        }
                        self.out.push(text.to_string());
                        i += 1;
                        continue;
                    }
                    FenceStep::Interrupted => {
                        // The container holding the fence ended, which ends the fence too;
                        // the line itself is then read as ordinary text.
                        self.out.push(open.fence.closing());
                        fence = None;
                    }
                }
            }
            if text.is_empty() {
                self.flush(&mut chunk);
                self.push_blank();
                if empty_item {
                    lists.pop();
                }
                empty_item = false;
                in_paragraph = false;
                i += 1;
                continue;
            }
            let narrowed = narrow_list_marker(text);
            let text = narrowed.as_deref().unwrap_or(text);
            let indent = indent_cols(text);
            if !in_paragraph {
                while lists.last().is_some_and(|&c| c > indent) {
                    lists.pop();
                }
                let base = lists.last().copied().unwrap_or(0);
                if indent >= base + 4 {
                    self.flush(&mut chunk);
                    i = self.indented_code(lines, i, base);
                    empty_item = false;
                    continue;
                }
            }
            let item = list_item_content(text);
            if let Some(content) = item {
                self.flush(&mut chunk);
                while lists.last().is_some_and(|&c| c > indent) {
                    lists.pop();
                }
                lists.push(content);
            }
            empty_item = item.is_some() && is_bare_marker(text.trim());
            let line = SrcLine { no, text: text.to_string() };
            if let Some(open) = Fence::open(text) {
                // A fence belongs to the innermost list item it is indented into; indented
                // four or more columns past it, the line is paragraph text, not a fence.
                let container = if item.is_some() || open.quotes() > 0 {
                    lists.last().copied().unwrap_or(0)
                } else {
                    lists.iter().rev().find(|&&c| c <= indent).copied().unwrap_or(0)
                };
                if item.is_some() || open.quotes() > 0 || indent <= container + 3 {
                    while item.is_none() && lists.last().is_some_and(|&c| c > indent) {
                        lists.pop();
                    }
                    self.flush(&mut chunk);
                    self.out.push(open.rustdoc_opening());
                    let list_col = if open.quotes() > 0 { 0 } else { container };
                    fence = Some(OpenFence { fence: open, line: no, list_col });
                    in_paragraph = false;
                    i += 1;
                    continue;
                }
            }
            if atx_heading(text).is_some() || is_thematic_break(text) {
                // Headings and rules are blocks of their own; inline syntax cannot cross them.
                self.flush(&mut chunk);
                chunk.push(line);
                self.flush(&mut chunk);
                in_paragraph = false;
            } else {
                chunk.push(line);
                in_paragraph = true;
            }
            i += 1;
        }
        self.flush(&mut chunk);
        if let Some(open) = fence {
            while self.out.last().is_some_and(String::is_empty) {
                self.out.pop();
            }
            self.out.push(open.fence.closing());
            self.warn(
                open.line,
                "unclosed code fence opened here; closed at the end of the text".to_string(),
            );
        }
        while self.out.last().is_some_and(String::is_empty) {
            self.out.pop();
        }
    }

    /// Rewrites an indented code block as a `text` fence: rustdoc would run it as a doc test.
    fn indented_code(&mut self, lines: &[SrcLine], i: usize, base: usize) -> usize {
        let mut last = i;
        for (k, line) in lines.iter().enumerate().skip(i) {
            let text = line.text.trim_end();
            if text.is_empty() {
                continue;
            }
            if indent_cols(text) < base + 4 {
                break;
            }
            last = k;
        }
        let body: Vec<&str> =
            lines[i..=last].iter().map(|l| strip_cols(l.text.trim_end(), base + 4)).collect();
        // The fence must be longer than any backtick run that starts a content line.
        let longest =
            body.iter().map(|l| l.chars().take_while(|&c| c == '`').count()).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        let pad = " ".repeat(base);
        self.out.push(format!("{pad}{fence}text"));
        for text in body {
            if text.is_empty() {
                self.out.push(String::new());
            } else {
                self.out.push(format!("{pad}{text}"));
            }
        }
        self.out.push(format!("{pad}{fence}"));
        last + 1
    }

    fn flush(&mut self, lines: &mut Vec<SrcLine>) {
        if lines.is_empty() {
            return;
        }
        let mut chunk = Chunk { text: String::new(), line_nos: Vec::new(), starts: Vec::new() };
        for (k, line) in lines.iter().enumerate() {
            if k > 0 {
                chunk.text.push('\n');
            }
            chunk.starts.push(chunk.text.len());
            chunk.line_nos.push(line.no);
            chunk.text.push_str(line.text.trim_end());
        }
        lines.clear();
        let mut out = String::new();
        self.inline(&chunk, 0, chunk.text.len(), false, &mut out);
        for line in out.split('\n') {
            self.out.push(line.trim_end().to_string());
        }
    }

    /// Renders `chunk.text[start..end]` into `out`; `in_link` is set inside link text.
    fn inline(&mut self, chunk: &Chunk, start: usize, end: usize, in_link: bool, out: &mut String) {
        let s = chunk.text.as_str();
        let b = s.as_bytes();
        let mut i = start;
        let mut plain = start;
        while i < end {
            match b[i] {
                b'\\' => {
                    // A backslash escape is already literal text; keep both characters.
                    let escapes = i + 1 < end && b[i + 1].is_ascii_punctuation();
                    i += if escapes { 2 } else { 1 };
                }
                b'`' => {
                    let run = run_len(b, i, end, b'`');
                    i = code_span_end(b, i + run, end, run).unwrap_or(i + run);
                }
                b'[' => {
                    out.push_str(&s[plain..i]);
                    i = self.bracket(chunk, i, end, in_link, out);
                    plain = i;
                }
                b']' => {
                    out.push_str(&s[plain..i]);
                    out.push_str("\\]");
                    i += 1;
                    plain = i;
                }
                b'<' => {
                    out.push_str(&s[plain..i]);
                    i = self.angle(chunk, i, end, out);
                    plain = i;
                }
                b'h' if !in_link
                    && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                    && url_len(s, i, end) > 0 =>
                {
                    out.push_str(&s[plain..i]);
                    i = push_url(s, i, end, out);
                    plain = i;
                }
                _ => i += 1,
            }
        }
        out.push_str(&s[plain..end]);
    }

    /// Handles `[` at `i`: a link, a reference, or literal brackets that must be escaped.
    fn bracket(
        &mut self,
        chunk: &Chunk,
        i: usize,
        end: usize,
        in_link: bool,
        out: &mut String,
    ) -> usize {
        let s = chunk.text.as_str();
        let b = s.as_bytes();
        let Some(close) = matching_bracket(b, i + 1, end) else {
            out.push_str("\\[");
            return i + 1;
        };
        let after = close + 1;
        let next = b.get(after).copied().filter(|_| after < end);

        if next == Some(b'(')
            && let Some((dest_start, dest_end, tail_end)) = link_tail(b, after, end)
        {
            let dest = &s[dest_start..dest_end];
            match self.resolve(dest) {
                Some(target) => {
                    out.push('[');
                    self.inline(chunk, i + 1, close, true, out);
                    out.push(']');
                    out.push_str(&s[after..dest_start]);
                    out.push_str(&target);
                    out.push_str(&s[dest_end..tail_end]);
                }
                None => {
                    let line = chunk.line_at(i);
                    self.warn(
                        line,
                        format!(
                            "link target `{dest}` is neither a URL nor a site path; \
                                 kept the link text only"
                        ),
                    );
                    self.inline(chunk, i + 1, close, in_link, out);
                }
            }
            return tail_end;
        }

        let line_start = s[..i].rfind('\n').map_or(0, |n| n + 1);
        if next == Some(b':') && s[line_start..i].trim().is_empty() && close > i + 1 {
            // A reference definition: `[label]: target "title"`.
            let mut j = after + 1;
            while j < end && (b[j] == b' ' || b[j] == b'\t') {
                j += 1;
            }
            let dest_end = s[j..end].find(char::is_whitespace).map_or(end, |k| j + k);
            out.push_str(&s[i..j]);
            let dest = &s[j..dest_end];
            let target = self.resolve(dest).unwrap_or_else(|| dest.to_string());
            out.push_str(&target);
            return dest_end;
        }

        if next == Some(b'[')
            && let Some(label_close) = matching_bracket(b, after + 1, end)
        {
            let label = if label_close == after + 1 {
                &s[i + 1..close]
            } else {
                &s[after + 1..label_close]
            };
            if self.labels.contains(&normalize_label(label)) {
                out.push('[');
                self.inline(chunk, i + 1, close, true, out);
                out.push(']');
                out.push_str(&s[after..=label_close]);
                return label_close + 1;
            }
        }

        if self.labels.contains(&normalize_label(&s[i + 1..close])) {
            out.push('[');
            self.inline(chunk, i + 1, close, true, out);
            out.push(']');
            return after;
        }

        // Not a link: rustdoc would read `[word]` as an intra-doc link and fail to resolve it.
        out.push_str("\\[");
        self.inline(chunk, i + 1, close, in_link, out);
        out.push_str("\\]");
        after
    }

    /// The link target rustdoc should see, or `None` for a target rustdoc would try to resolve
    /// as a Rust path (a bare word such as `events`), which cannot be made to work.
    fn resolve(&self, dest: &str) -> Option<String> {
        let (open, inner, close) = match dest.strip_prefix('<').and_then(|d| d.strip_suffix('>')) {
            Some(inner) => ("<", inner, ">"),
            None => ("", dest, ""),
        };
        if inner.starts_with('/') && !inner.starts_with("//") {
            return Some(format!("{open}{}{inner}{close}", self.base_url));
        }
        if inner.is_empty() || inner.contains('/') || inner.starts_with(['#', '.']) {
            return Some(dest.to_string());
        }
        let scheme_len =
            inner.find(|c: char| !(c.is_ascii_alphanumeric() || "+.-".contains(c))).unwrap_or(0);
        if scheme_len > 0 && inner[scheme_len..].starts_with(':') {
            return Some(dest.to_string());
        }
        None
    }

    /// Handles `<` at `i`: autolinks and comments stay, balanced HTML stays, the rest is escaped.
    fn angle(&mut self, chunk: &Chunk, i: usize, end: usize, out: &mut String) -> usize {
        let s = chunk.text.as_str();
        let b = s.as_bytes();
        if let Some(close) = autolink_end(s, i, end) {
            out.push_str(&s[i..close]);
            return close;
        }
        if s[i..end].starts_with("<!--")
            && let Some(k) = s[i + 4..end].find("-->")
        {
            out.push_str(&s[i..i + 4 + k + 3]);
            return i + 4 + k + 3;
        }
        let looks_like_tag = match b.get(i + 1) {
            Some(c) if c.is_ascii_alphabetic() => true,
            Some(b'/') => b.get(i + 2).is_some_and(u8::is_ascii_alphabetic),
            _ => false,
        };
        if !looks_like_tag || i + 1 >= end {
            out.push('<');
            return i + 1;
        }
        let Some(tag) = html_tag(s, i, end) else {
            // `<api_key>`, `Vec<String>`: show the text instead of an unknown HTML tag.
            out.push_str("\\<");
            return i + 1;
        };
        if VOID_ELEMENTS.contains(&tag.name.as_str()) || tag.self_closing {
            out.push_str(&s[i..tag.end]);
            return tag.end;
        }
        let index = self.html_tags.len();
        self.html_tags.push(HtmlTag { name: tag.name.clone(), closing: tag.closing });
        if self.html_plan.as_ref().is_none_or(|plan| plan[index]) {
            out.push_str(&s[i..tag.end]);
            return tag.end;
        }
        let line = chunk.line_at(i);
        let slash = if tag.closing { "/" } else { "" };
        self.warn(
            line,
            format!("HTML tag <{slash}{}> has no matching tag; shown as text", tag.name),
        );
        // The whole tag is consumed in both passes so later tag indexes stay aligned; URLs in
        // its attributes still need angle brackets once the tag is plain text.
        out.push_str("\\<");
        let mut j = i + 1;
        let mut plain = j;
        while j < tag.end {
            if b[j] == b'h' && !b[j - 1].is_ascii_alphanumeric() && url_len(s, j, tag.end) > 0 {
                out.push_str(&s[plain..j]);
                j = push_url(s, j, tag.end, out);
                plain = j;
            } else {
                j += 1;
            }
        }
        out.push_str(&s[plain..tag.end]);
        tag.end
    }
}

/// An HTML tag recognized in inline text.
struct ParsedTag {
    name: String,
    closing: bool,
    self_closing: bool,
    end: usize,
}

/// Parses `<name ...>` or `</name>` at `i` if `name` is a lowercase HTML element.
fn html_tag(s: &str, i: usize, end: usize) -> Option<ParsedTag> {
    let b = s.as_bytes();
    let mut j = i + 1;
    let closing = b[j] == b'/';
    if closing {
        j += 1;
    }
    let name_start = j;
    while j < end && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b'_') {
        j += 1;
    }
    let name = &s[name_start..j];
    if !HTML_ELEMENTS.contains(&name) {
        return None;
    }
    let mut quote = None;
    while j < end {
        let c = b[j];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'<' => return None,
            None if c == b'>' => {
                return Some(ParsedTag {
                    name: name.to_string(),
                    closing,
                    self_closing: !closing && s[i..j].trim_end().ends_with('/'),
                    end: j + 1,
                });
            }
            None if j == name_start + name.len() && !c.is_ascii_whitespace() && c != b'/' => {
                return None;
            }
            None => {}
        }
        j += 1;
    }
    None
}

/// End of an autolink `<scheme:...>` or `<user@host>` at `i`, which rustdoc renders as a link.
fn autolink_end(s: &str, i: usize, end: usize) -> Option<usize> {
    let rest = &s[i + 1..end];
    let gt = rest.find(['>', '<', ' ', '\t', '\n'])?;
    if rest.as_bytes()[gt] != b'>' || gt == 0 {
        return None;
    }
    let inner = &rest[..gt];
    let scheme_len = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || "+.-".contains(c)))
        .unwrap_or(inner.len());
    let is_uri = (2..=32).contains(&scheme_len)
        && inner.as_bytes()[0].is_ascii_alphabetic()
        && inner[scheme_len..].starts_with(':');
    let is_email =
        inner.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    (is_uri || is_email).then_some(i + 1 + gt + 1)
}

fn run_len(b: &[u8], i: usize, end: usize, c: u8) -> usize {
    b[i..end].iter().take_while(|&&x| x == c).count()
}

/// The byte after the backtick run of exactly `run` characters that closes a code span.
fn code_span_end(b: &[u8], from: usize, end: usize, run: usize) -> Option<usize> {
    let mut j = from;
    while j < end {
        if b[j] == b'`' {
            let n = run_len(b, j, end, b'`');
            if n == run {
                return Some(j + n);
            }
            j += n;
        } else {
            j += 1;
        }
    }
    None
}

/// The `]` closing a `[` whose content starts at `from`, skipping escapes and code spans.
fn matching_bracket(b: &[u8], from: usize, end: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = from;
    while j < end {
        match b[j] {
            b'\\' => j += 2,
            b'`' => {
                let run = run_len(b, j, end, b'`');
                j = code_span_end(b, j + run, end, run).unwrap_or(j + run);
            }
            b'[' => {
                depth += 1;
                j += 1;
            }
            b']' => {
                if depth == 0 {
                    return Some(j);
                }
                depth -= 1;
                j += 1;
            }
            _ => j += 1,
        }
    }
    None
}

/// Parses `(target "title")` at `open`; returns the target's range and the byte after `)`.
fn link_tail(b: &[u8], open: usize, end: usize) -> Option<(usize, usize, usize)> {
    let skip_ws = |mut j: usize| {
        while j < end && b[j].is_ascii_whitespace() {
            j += 1;
        }
        j
    };
    let mut j = skip_ws(open + 1);
    let dest_start = j;
    if j < end && b[j] == b'<' {
        j += 1;
        while j < end && b[j] != b'>' {
            if b[j] == b'\n' || b[j] == b'<' {
                return None;
            }
            j += 1;
        }
        if j >= end {
            return None;
        }
        j += 1;
    } else {
        let mut depth = 0usize;
        while j < end && !b[j].is_ascii_whitespace() && !b[j].is_ascii_control() {
            match b[j] {
                b'\\' => j += 1,
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        j = j.min(end);
    }
    let dest_end = j;
    j = skip_ws(j);
    if j < end && dest_end > dest_start && matches!(b[j], b'"' | b'\'' | b'(') {
        let close = if b[j] == b'(' { b')' } else { b[j] };
        j += 1;
        while j < end && b[j] != close {
            j += if b[j] == b'\\' { 2 } else { 1 };
        }
        if j >= end {
            return None;
        }
        j = skip_ws(j + 1);
    }
    (j < end && b[j] == b')').then_some((dest_start, dest_end, j + 1))
}

/// Length of a bare `http(s)://` URL at `i`, without trailing sentence punctuation; 0 if none.
fn url_len(s: &str, i: usize, end: usize) -> usize {
    let rest = &s[i..end];
    let scheme = if rest.starts_with("https://") {
        8
    } else if rest.starts_with("http://") {
        7
    } else {
        return 0;
    };
    let stop =
        rest.find(|c: char| c.is_whitespace() || "<>`\"[]|\\".contains(c)).unwrap_or(rest.len());
    let mut url = &rest[..stop];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ':', ';', '!', '?', '\'', '*', '_', '~']);
        let opens = trimmed.matches('(').count();
        let closes = trimmed.matches(')').count();
        // A `)` closes the sentence's parenthesis unless the URL itself opened one.
        let trimmed = match trimmed.strip_suffix(')') {
            Some(shorter) if closes > opens => shorter,
            _ => trimmed,
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    if url.len() > scheme { url.len() } else { 0 }
}

/// Writes the bare URL at `i` as an autolink, because rustdoc's `bare_urls` lint rejects it.
fn push_url(s: &str, i: usize, end: usize, out: &mut String) -> usize {
    let len = url_len(s, i, end);
    out.push('<');
    out.push_str(&s[i..i + len]);
    out.push('>');
    i + len
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
    fn multi_line_code_block_attributes_in_any_order() {
        let section = body_section(BODY, "delete_widget").unwrap();
        assert_eq!(section.heading, "Delete a widget");
        assert_eq!(section.prose, "Deletion is permanent.");
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
}
