//! Diagnostics: what went wrong or looks wrong, and exactly where in which `.mdx` file.
//!
//! Every step of the generator reports through [`Diagnostics`] instead of returning at the first
//! problem, so one run shows the user every error at once. A [`Span`] is a byte range in a file
//! of the [`SourceMap`], so the report can quote the offending line the way rustc does; the
//! rendering itself is `codespan-reporting`'s.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term;

/// Index of a file in a [`SourceMap`].
pub type FileId = usize;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range; equal to `start` for a point.
    pub end: usize,
}

impl Span {
    /// The range as a `Range<usize>`, for the renderer.
    fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// The text of every file read in a run, under the name shown to the user.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceText>,
}

/// One file of a [`SourceMap`], with where its lines start.
#[derive(Debug, Clone)]
pub struct SourceText {
    name: String,
    text: String,
    line_starts: Vec<usize>,
    /// Whether each line is ASCII, where a column in characters is a column in bytes: the YAML
    /// reader places every value by its column, and counting the characters before it each
    /// time took as long as the line for every value of a long one.
    ascii_lines: Vec<bool>,
}

impl SourceText {
    /// The bytes of a 0-based line, without its line ending.
    fn line(&self, index: usize) -> Range<usize> {
        // The next line starts just past this line's `\n`.
        let end = self.line_starts.get(index + 1).map_or(self.text.len(), |next| next - 1);
        self.line_starts[index]..end
    }

    /// The 0-based line holding a byte.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }

    /// A file's text under the name messages use for it, its lines found: the costly part of
    /// adding a file, which can be done on any thread before [`SourceMap::push`].
    pub fn new(name: String, text: String) -> Self {
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes());
        let line_starts: Vec<usize> = std::iter::once(0).chain(newlines.map(|at| at + 1)).collect();
        let ascii_lines = if text.is_ascii() {
            vec![true; line_starts.len()]
        } else {
            let ends = line_starts.iter().skip(1).copied().chain([text.len()]);
            line_starts.iter().zip(ends).map(|(&start, end)| text[start..end].is_ascii()).collect()
        };
        Self { name, text, line_starts, ascii_lines }
    }
}

impl SourceMap {
    /// Adds a file; `name` is how messages refer to it (a path relative to where the user
    /// works, so it can be clicked in a terminal).
    pub fn add(&mut self, name: String, text: String) -> FileId {
        self.push(SourceText::new(name, text))
    }

    /// Adds a file whose lines are already found.
    pub fn push(&mut self, file: SourceText) -> FileId {
        self.files.push(file);
        self.files.len() - 1
    }

    /// The name of a file.
    pub fn name(&self, file: FileId) -> &str {
        &self.files[file].name
    }

    /// The text of a file.
    pub fn text(&self, file: FileId) -> &str {
        &self.files[file].text
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: FileId, offset: usize) -> (usize, usize) {
        let source = &self.files[file];
        let line = source.line_starts.partition_point(|&start| start <= offset).max(1);
        let start = source.line_starts[line - 1];
        let column = source.text.get(start..offset).map_or(0, |s| s.chars().count());
        (line, column + 1)
    }

    /// The byte offset of a 1-based line and a 0-based column counted in characters; clamps to
    /// the end of the line or file, so a slightly off position still points somewhere useful.
    pub fn offset(&self, file: FileId, line: usize, column: usize) -> usize {
        self.rest_of_line_at(file, line, column).start
    }

    /// The span from a 1-based line and a 0-based column counted in characters to the end of
    /// that line, as [`SourceMap::offset`] and [`SourceMap::rest_of_line`] give it, found from
    /// the line starts alone: the YAML reader asks this for every node of every file.
    pub fn rest_of_line_at(&self, file: FileId, line: usize, column: usize) -> Span {
        let source = &self.files[file];
        let length = source.text.len();
        if line.saturating_sub(1) >= source.line_starts.len() {
            return Span { file, start: length, end: length };
        }
        let Range { start, end } = source.line(line.max(1) - 1);
        let line_text = &source.text[start..end];
        let ascii = source.ascii_lines[line.max(1) - 1];
        // FIXME: a long line that is not ASCII is still counted from its start for each value,
        // so 60,000 values on one line with an `é` in it take seconds.
        let within = if ascii {
            column.min(line_text.len())
        } else {
            line_text.char_indices().nth(column).map_or(line_text.len(), |(at, _)| at)
        };
        Span { file, start: start + within, end }
    }

    /// A span from a byte offset to the end of its line: how much of a line a YAML node
    /// occupies is not known, and the rest of the line is what a reader needs to see.
    pub fn rest_of_line(&self, file: FileId, start: usize) -> Span {
        let text = &self.files[file].text;
        let start = start.min(text.len());
        let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
        Span { file, start, end: end.max(start) }
    }
}

/// What the report shows of a file, read straight from the map, whose line starts are computed once
/// per file, so rendering many diagnostics over a large tree stays linear: its name and its text
/// with control characters made harmless. A line of the docs is printed as it is, and an escape
/// sequence in it (`ESC [31m`) would be run by the terminal; each such character is shown as `?`
/// for each of its bytes, so that every byte keeps its place. The name is written with escapes, as
/// messages are.
impl<'a> Files<'a> for SourceMap {
    type FileId = FileId;
    type Name = String;
    type Source = Cow<'a, str>;

    fn name(&'a self, id: FileId) -> Result<String, FilesError> {
        self.files.get(id).map(|f| one_line(f.name.clone())).ok_or(FilesError::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<Cow<'a, str>, FilesError> {
        let text = self.files.get(id).map(|f| f.text.as_str()).ok_or(FilesError::FileMissing)?;
        Ok(harmless(text))
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.files.get(id).ok_or(FilesError::FileMissing)?.line_of(byte_index))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.files.get(id).ok_or(FilesError::FileMissing)?;
        line_range(&file.line_starts, file.text.len(), line_index)
    }
}

/// The bytes of a 0-based line, its line ending included, from where the lines start.
fn line_range(
    line_starts: &[usize],
    len: usize,
    line_index: usize,
) -> Result<Range<usize>, FilesError> {
    let max = line_starts.len() - 1;
    let start =
        *line_starts.get(line_index).ok_or(FilesError::LineTooLarge { given: line_index, max })?;
    Ok(start..line_starts.get(line_index + 1).copied().unwrap_or(len))
}

/// How long a line may be and still be shown whole in a report.
const SHOWN_LINE_CHARS: usize = 1000;

/// How many characters of a cut line are shown before the place a report is about, and after.
const SHOWN_AROUND: (usize, usize) = (60, 120);

/// The files of a report whose long lines are cut around the places it is about: `…` and a
/// window of each such line stand for the line. Line numbers stay those of the file, and a
/// column is counted in the whole line, so the report says where the place is.
struct Excerpt<'s> {
    sources: &'s SourceMap,
    /// The shown text of each file the cut lines are in.
    texts: HashMap<FileId, ExcerptText>,
}

/// One file's text with some lines cut.
struct ExcerptText {
    text: String,
    line_starts: Vec<usize>,
    /// The cut lines, in order.
    cuts: Vec<Cut>,
}

/// A cut line: its 0-based index, its bytes in the file and in the shown text, the part of
/// it the window shows, and how many characters the window leaves out before.
struct Cut {
    line: usize,
    whole: Range<usize>,
    shown: Range<usize>,
    window: Range<usize>,
    chars_before: usize,
}

/// What stands for a cut part of a line.
const ELLIPSIS: &str = "…";

impl<'s> Excerpt<'s> {
    /// Cuts the lines of `spans`, each around the first of them on it: the primary one comes
    /// first, so a line it shares with another is cut around it.
    fn new(sources: &'s SourceMap, spans: &[Span]) -> Self {
        let mut texts = HashMap::new();
        // Per file, per line, the place its window is around.
        let mut by_file: BTreeMap<FileId, BTreeMap<usize, usize>> = BTreeMap::new();
        for span in spans {
            let line = sources.files[span.file].line_of(span.start);
            by_file.entry(span.file).or_default().entry(line).or_insert(span.start);
        }
        for (file, lines) in by_file {
            let source = &sources.files[file];
            let mut text = String::with_capacity(source.text.len());
            let mut cuts = Vec::new();
            let mut copied = 0;
            for (line, start) in lines {
                let whole = source.line(line);
                let (line_start, line_end) = (whole.start, whole.end);
                let line_text = &source.text[whole.clone()];
                let at = start - line_start;
                let before: Vec<usize> = line_text[..at].char_indices().map(|(i, _)| i).collect();
                let window_start =
                    before.len().checked_sub(SHOWN_AROUND.0).map_or(0, |k| before[k]);
                let window_end = line_text[at..]
                    .char_indices()
                    .nth(SHOWN_AROUND.1)
                    .map_or(line_text.len(), |(i, _)| at + i);
                text.push_str(&source.text[copied..line_start]);
                let shown_start = text.len();
                let chars_before = line_text[..window_start].chars().count();
                if window_start > 0 {
                    text.push_str(ELLIPSIS);
                }
                text.push_str(&line_text[window_start..window_end]);
                if window_end < line_text.len() {
                    text.push_str(ELLIPSIS);
                }
                copied = line_end;
                let window = line_start + window_start..line_start + window_end;
                let shown = shown_start..text.len();
                cuts.push(Cut { line, whole, shown, window, chars_before });
            }
            text.push_str(&source.text[copied..]);
            let newlines = memchr::memchr_iter(b'\n', text.as_bytes());
            let line_starts = std::iter::once(0).chain(newlines.map(|at| at + 1)).collect();
            texts.insert(file, ExcerptText { text, line_starts, cuts });
        }
        Excerpt { sources, texts }
    }

    /// Where a span of the file is in the shown text: within a cut line, in its window.
    fn place(&self, span: Span) -> Span {
        let Some(shown) = self.texts.get(&span.file) else { return span };
        let at = |offset: usize| {
            // Every cut before the offset's line moved it by what the cut left out.
            let mut before = (0, 0);
            for cut in &shown.cuts {
                if offset > cut.whole.end {
                    before = (before.0 + cut.whole.len(), before.1 + cut.shown.len());
                } else if offset >= cut.whole.start {
                    let inside = offset.clamp(cut.window.start, cut.window.end) - cut.window.start;
                    let ellipsis =
                        if cut.window.start > cut.whole.start { ELLIPSIS.len() } else { 0 };
                    return cut.shown.start + ellipsis + inside;
                }
            }
            offset - before.0 + before.1
        };
        Span { file: span.file, start: at(span.start), end: at(span.end).max(at(span.start)) }
    }
}

/// The shown text, with the line numbers of the file and columns counted in its whole lines.
impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = FileId;
    type Name = String;
    type Source = Cow<'a, str>;

    fn name(&'a self, id: FileId) -> Result<String, FilesError> {
        Files::name(self.sources, id)
    }

    fn source(&'a self, id: FileId) -> Result<Cow<'a, str>, FilesError> {
        match self.texts.get(&id) {
            Some(shown) => Ok(harmless(&shown.text)),
            None => self.sources.source(id),
        }
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        match self.texts.get(&id) {
            Some(shown) => {
                Ok(shown.line_starts.partition_point(|&s| s <= byte_index).saturating_sub(1))
            }
            None => self.sources.line_index(id, byte_index),
        }
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        match self.texts.get(&id) {
            Some(shown) => line_range(&shown.line_starts, shown.text.len(), line_index),
            None => self.sources.line_range(id, line_index),
        }
    }

    fn column_number(
        &'a self,
        id: FileId,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let Some(shown) = self.texts.get(&id) else {
            return self.sources.column_number(id, line_index, byte_index);
        };
        let start = shown.line_starts[line_index];
        let column = shown.text.get(start..byte_index).map_or(0, |s| s.chars().count());
        match shown.cuts.iter().find(|cut| cut.line == line_index) {
            // The ellipsis stands for the characters it leaves out.
            Some(cut) if cut.chars_before > 0 => Ok(column - 1 + cut.chars_before + 1),
            _ => Ok(column + 1),
        }
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The run fails and nothing is written.
    Error,
    /// The output is produced, but the input is probably not what its author meant.
    Warning,
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether the run can go on.
    pub severity: Severity,
    /// What is wrong, in one sentence, naming the entry and property concerned.
    pub message: String,
    /// Where, if the problem has a place in a file.
    pub span: Option<Span>,
    /// Other places that explain the problem, such as the first of two duplicate keys.
    pub related: Vec<(Span, String)>,
    /// How to fix it, when that is not obvious from the message.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// What orders the report: the file and offset (placeless diagnostics first), then the
    /// severity.
    fn place(&self) -> (Option<(FileId, usize)>, Severity) {
        (self.span.map(|s| (s.file, s.start)), self.severity)
    }

    /// An error at a place.
    pub fn error(span: impl Into<Option<Span>>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, span.into(), message.into())
    }

    /// A warning at a place.
    pub fn warning(span: impl Into<Option<Span>>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, span.into(), message.into())
    }

    fn new(severity: Severity, span: Option<Span>, message: String) -> Self {
        Self { severity, message: one_line(message), span, related: Vec::new(), hint: None }
    }

    /// Adds another place that explains the problem.
    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push((span, one_line(message.into())));
        self
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(one_line(hint.into()));
        self
    }

    /// Renders the diagnostic like rustc does: a headline, the file, line and column, the
    /// offending line with a marker, and the hint.
    /// A line of more than a thousand characters is shown cut around the place, with its
    /// column still counted in the whole line.
    pub fn render(&self, sources: &SourceMap) -> String {
        let spans = self.span.iter().chain(self.related.iter().map(|(span, _)| span));
        let long = |span: &Span| {
            let file = &sources.files[span.file];
            let text = &file.text[file.line(file.line_of(span.start))];
            // Characters, not bytes: a line of Chinese text is three bytes a character.
            text.len() > SHOWN_LINE_CHARS && text.chars().count() > SHOWN_LINE_CHARS
        };
        let cut: Vec<Span> = spans.filter(|span| long(span)).copied().collect();
        if cut.is_empty() {
            return self.render_from(sources, sources, |span| span);
        }
        let excerpt = Excerpt::new(sources, &cut);
        self.render_from(&excerpt, sources, |span| excerpt.place(span))
    }

    /// Renders with `files` as the text shown, each span placed in it by `place`.
    fn render_from<'f, F>(
        &self,
        files: &'f F,
        sources: &SourceMap,
        place: impl Fn(Span) -> Span,
    ) -> String
    where
        F: Files<'f, FileId = FileId>,
    {
        let report = match self.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        };
        let mut labels = Vec::new();
        if let Some(span) = self.span.map(&place) {
            labels.push(Label::primary(span.file, span.range()));
        }
        for (span, message) in &self.related {
            let span = place(*span);
            labels.push(Label::secondary(span.file, span.range()).with_message(message));
        }
        let report = report
            .with_message(&self.message)
            .with_labels(labels)
            .with_notes(self.hint.iter().map(|hint| format!("help: {hint}")).collect());
        term::emit_into_string(&term::Config::default(), files, &report)
            .unwrap_or_else(|_| format!("{}\n", self.one_line(sources)))
    }

    /// The diagnostic as one line, `file:line:column: severity: message`, for logs and tests.
    pub fn one_line(&self, sources: &SourceMap) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.span {
            Some(span) => {
                let (line, column) = sources.line_col(span.file, span.start);
                let name = one_line(sources.name(span.file).to_owned());
                format!("{name}:{line}:{column}: {severity}: {}", self.message)
            }
            None => format!("{severity}: {}", self.message),
        }
    }
}

/// A text with its control characters and text direction controls written as escapes (`\n`,
/// `\u{202e}`). Messages quote names and texts from the docs, and one holding a line break or
/// a direction control would break the report's layout or reorder what it says; a plain
/// comment of the generated code would end at the line break.
pub(crate) fn one_line(message: String) -> String {
    let escaped = |c: char| c.is_control() || is_direction(c);
    // The characters escaped are ASCII controls, or start with 0xC2 (C1 controls) or 0xE2
    // (the direction controls); a message without such a byte is not decoded.
    let suspect = |b: &u8| *b < 0x20 || *b == 0x7F || *b == 0xC2 || *b == 0xE2;
    if !message.as_bytes().iter().any(suspect) || !message.chars().any(escaped) {
        return message;
    }
    let mut out = String::with_capacity(message.len() + 8);
    for c in message.chars() {
        if escaped(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` with each control character and direction control shown as `?` for each of its
/// bytes, so that every byte keeps its place.
fn harmless(text: &str) -> Cow<'_, str> {
    let harmful = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_direction(c);
    if !text.contains(harmful) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if harmful(c) {
            shown.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// Whether `c` turns the direction of text, or separates lines or paragraphs without being a
/// control character: what a terminal or an editor would show in another order or place.
fn is_direction(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// The diagnostics of a run, in the order they were found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records every diagnostic of another collection.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// How many diagnostics there are; with [`Diagnostics::relate_from`], marks where the
    /// diagnostics of one part of the input begin.
    pub fn count(&self) -> usize {
        self.items.len()
    }

    /// Adds a place to every diagnostic from index `start` on that has a place of its own in
    /// the same file: the entry a property's problem is in, shown beside the property's line.
    pub fn relate_from(&mut self, start: usize, span: Span, text: &str) {
        let mut message = None;
        for diagnostic in self.items.iter_mut().skip(start) {
            if diagnostic.span.is_some_and(|own| own.file == span.file && own != span) {
                let message = message.get_or_insert_with(|| one_line(text.to_owned()));
                diagnostic.related.push((span, message.clone()));
            }
        }
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// Every diagnostic, errors and warnings, sorted by place so the report reads top-down.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self.items.iter().collect();
        all.sort_by_key(|d| d.place());
        all
    }

    /// Puts the diagnostics in the order of [`Diagnostics::sorted`], keeping the order they
    /// were found in among those of one place: parts of the input checked on different cores
    /// then report in the same order on every run.
    pub fn sort(&mut self) {
        self.items.sort_by_key(|d| d.place());
        // The same problem found twice, as in a page section two entries share, is said once.
        let mut seen: Vec<&Diagnostic> = Vec::new();
        let mut keep = Vec::with_capacity(self.items.len());
        for (at, item) in self.items.iter().enumerate() {
            // Duplicates share a place, so only the diagnostics of that place are compared.
            if seen.last().is_some_and(|last| last.place() != item.place()) {
                seen.clear();
            }
            keep.push(!seen.contains(&item));
            seen.push(&self.items[at]);
        }
        let mut keep = keep.into_iter();
        self.items.retain(|_| keep.next().unwrap_or(true));
    }
}

/// A run that failed, with every diagnostic it found and the text needed to show them.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Everything found: errors and the warnings beside them.
    pub diagnostics: Diagnostics,
    /// The files the diagnostics point into.
    pub sources: SourceMap,
}

impl Failure {
    /// Each error as one line, `file:line:column: error: message`.
    pub fn error_lines(&self) -> Vec<String> {
        let errors =
            self.diagnostics.sorted().into_iter().filter(|d| d.severity == Severity::Error);
        errors.map(|d| d.one_line(&self.sources)).collect()
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in self.diagnostics.sorted() {
            f.write_str(&diagnostic.render(&self.sources))?;
        }
        let count = self.diagnostics.errors().count();
        write!(f, "error: {count} error{}; nothing was written", plural(count))
    }
}

impl std::error::Error for Failure {}

/// `"s"` when a count calls for a plural.
pub fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> (SourceMap, FileId) {
        let mut sources = SourceMap::default();
        let file = sources.add("a.mdx".into(), "---\nkey: é value\n---\n".into());
        (sources, file)
    }

    #[test]
    fn texts_from_the_docs_stay_on_one_line_in_a_report() {
        let (sources, file) = map();
        let span = sources.rest_of_line_at(file, 2, 1);
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(
            Diagnostic::error(span, "key 'a\nb\u{202E}c' is bad, é")
                .with_related(span, "in\tentry")
                .with_hint("one\rtwo"),
        );
        diagnostics.relate_from(0, Span { start: 0, ..span }, "in entry `x\ny`");
        let d = &diagnostics.sorted()[0];
        assert_eq!(d.message, "key 'a\\nb\\u{202e}c' is bad, é");
        assert_eq!(d.related[0].1, "in\\tentry");
        assert_eq!(d.related[1].1, "in entry `x\\ny`");
        assert_eq!(d.hint.as_deref(), Some("one\\rtwo"));
        let report = d.render(&sources);
        assert!(!report.contains(['\r', '\t', '\u{202E}']), "{report}");
        assert!(report.contains("error: key 'a\\nb\\u{202e}c' is bad, é\n"), "{report}");
    }

    #[test]
    fn a_line_or_a_name_with_control_characters_is_shown_harmless() {
        let mut sources = SourceMap::default();
        let text = "---\ntype: strang # \u{1b}[31m red \u{1b}]0;t\u{7} \u{202E}x\n---\n";
        let file = sources.add("pa\nge.mdx".into(), text.into());
        let span = sources.rest_of_line_at(file, 2, 6);
        let report = Diagnostic::error(span, "unknown type").render(&sources);
        assert!(!report.contains(['\u{1b}', '\u{7}', '\u{202E}']), "{report:?}");
        assert!(report.contains("strang # ?[31m red ?]0;t? ???x"), "{report}");
        assert!(report.contains("pa\\nge.mdx:2:7"), "{report}");
    }

    #[test]
    fn a_long_line_is_shown_cut_around_the_place_with_its_whole_column() {
        let long = format!("type: [{}strng{}]", "a, ".repeat(1000), ", b".repeat(1000));
        let text = format!("---\nkey: é\n{long}\nnext: 1\n---\n");
        let mut sources = SourceMap::default();
        let file = sources.add("x.mdx".into(), text.clone());
        let at = text.find("strng").unwrap();
        let span = Span { file, start: at, end: at + 5 };
        let key = sources.rest_of_line_at(file, 2, 0);
        let report = Diagnostic::error(span, "unknown type 'strng'")
            .with_related(key, "in entry")
            .render(&sources);
        // The column is the place's in the whole line: `type: [` and 1,000 `a, `.
        assert!(report.contains("x.mdx:3:3008\n"), "{report}");
        assert!(report.lines().all(|line| line.chars().count() < 300), "{report}");
        assert!(report.contains("│ …a, a, ") && report.contains("a, strng, b, "), "{report}");
        assert!(report.contains(", b,…\n"), "{report}");
        assert!(report.contains(" ^^^^^\n"), "{report}");
        assert!(report.contains("key: é"), "{report}");
        assert!(report.contains("in entry"), "{report}");
        // A line cut around the primary place, though a related one comes first on it.
        let before = Span { file, start: at - 2000, end: at - 1990 };
        let report = Diagnostic::error(span, "x").with_related(before, "earlier").render(&sources);
        assert!(report.contains("x.mdx:3:3008\n") && report.contains("strng"), "{report}");
        // Characters are counted, not bytes.
        let wide = format!("---\nk: {}\n", "日".repeat(500));
        let wide_file = sources.add("w.mdx".into(), wide.clone());
        let at = Span { file: wide_file, start: 7, end: 10 };
        let report = Diagnostic::error(at, "x").render(&sources);
        assert!(report.contains(&"日".repeat(500)), "{report}");
        // A line after a cut one keeps its place.
        let next = sources.rest_of_line_at(file, 4, 0);
        let report = Diagnostic::error(span, "x").with_related(next, "after").render(&sources);
        assert!(report.contains("4 │ next: 1\n  │ ------- after"), "{report}");
        // At the start of a long line, only the end is cut.
        let first =
            Span { file, start: text.find("type").unwrap(), end: text.find("type").unwrap() + 4 };
        let report = Diagnostic::error(first, "here").render(&sources);
        assert!(report.contains("x.mdx:3:1\n"), "{report}");
        assert!(report.contains("│ type: [a, a,"), "{report}");
        assert!(report.lines().all(|line| line.chars().count() < 300), "{report}");
    }

    #[test]
    fn offsets_and_positions_agree() {
        let (sources, file) = map();
        let at = sources.offset(file, 2, 5);
        assert_eq!(&sources.text(file)[at..at + 2], "é");
        assert_eq!(sources.line_col(file, at), (2, 6));
        assert_eq!(sources.line_col(file, at + 2), (2, 7));
        assert_eq!(sources.line_col(file, 0), (1, 1));
    }

    #[test]
    fn a_position_and_the_rest_of_its_line() {
        let (sources, file) = map();
        // Past the `é`, a column counts characters, not bytes.
        let span = sources.rest_of_line_at(file, 2, 7);
        assert_eq!(&sources.text(file)[span.start..span.end], "value");
        assert_eq!(span, sources.rest_of_line(file, span.start));
        let ascii = sources.rest_of_line_at(file, 2, 3);
        assert_eq!(&sources.text(file)[ascii.start..ascii.end], ": é value");
        let last = sources.rest_of_line_at(file, 3, 1);
        assert_eq!(&sources.text(file)[last.start..last.end], "--");
    }

    #[test]
    fn offset_past_the_end_is_clamped() {
        let (sources, file) = map();
        assert_eq!(sources.offset(file, 2, 99), 4 + "key: é value".len());
        assert_eq!(sources.offset(file, 40, 0), sources.text(file).len());
    }

    #[test]
    fn one_line_names_file_line_and_column() {
        let (sources, file) = map();
        let span = sources.rest_of_line(file, sources.offset(file, 2, 0));
        let diagnostic = Diagnostic::error(span, "bad key");
        assert_eq!(diagnostic.one_line(&sources), "a.mdx:2:1: error: bad key");
        let rendered = diagnostic.with_hint("rename it").render(&sources);
        assert!(rendered.contains("a.mdx:2:1"), "{rendered}");
        assert!(rendered.contains("key: é value"), "{rendered}");
        assert!(rendered.contains("help: rename it"), "{rendered}");
    }
}
