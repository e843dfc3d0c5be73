//! Reading the docs tree: which files, their text, and where their frontmatter is.
//!
//! A docs file is UTF-8, may start with a byte-order mark and may end its lines in LF, CRLF or
//! a lone CR (old Mac files), mixed in one file; none of that may change what is generated, so
//! it is normalised away here, before anything else sees the text. Every line ending becomes one
//! LF, as YAML and CommonMark read each of them as one line break: the frontmatter fences, the
//! YAML parser's positions, the source map's line numbers and the Markdown of the body then all
//! count the same lines, the ones an editor shows. A file in UTF-16 or UTF-32 is refused by name,
//! with or without a byte-order mark.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, FileId, SourceMap, SourceText, Span};

/// A docs file that was read and decoded.
#[derive(Debug, Clone)]
pub struct DocFile {
    /// The file in the [`SourceMap`], whose text is the normalised text of the file.
    pub file: FileId,
    /// The path relative to the docs root, with `/` separators: `reference/sso/profile.mdx`.
    pub relative: String,
}

/// Lists the `.mdx` files under `root`, sorted so that nothing depends on directory order.
pub fn walk(root: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut paths = Vec::new();
    for entry in WalkDir::new(root).sort_by_file_name() {
        let entry = entry.map_err(|err| {
            let path = err.path().unwrap_or(root).display().to_string();
            Diagnostic::error(None, format!("cannot read the docs folder at {path}: {err}"))
        })?;
        let is_mdx = entry.path().extension().is_some_and(|ext| ext == "mdx");
        if entry.file_type().is_file() && is_mdx {
            paths.push(entry.into_path());
        }
    }
    Ok(paths)
}

/// Reads every `.mdx` file under `root` into `sources`, reporting files that cannot be read.
pub fn read_tree(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> Vec<DocFile> {
    let paths = match walk(root) {
        Ok(paths) => paths,
        Err(err) => {
            diagnostics.push(err);
            return Vec::new();
        }
    };
    // Reading and decoding are independent per file, so they run on every core; the results
    // are then added to the source map in path order, so file ids never depend on timing.
    let read: Vec<(String, String, Read)> = paths
        .par_iter()
        .map(|path| {
            let relative = slash_path(path.strip_prefix(root).unwrap_or(path));
            let name = path.display().to_string();
            let read = match std::fs::read(path) {
                Ok(bytes) => match decode(bytes) {
                    Ok(text) => Read::Text(SourceText::new(name.clone(), text)),
                    Err(problem) => Read::Invalid(problem),
                },
                Err(err) => Read::Unreadable(err),
            };
            (relative, name, read)
        })
        .collect();
    let mut files = Vec::new();
    for (relative, name, read) in read {
        match read {
            Read::Text(text) => files.push(DocFile { file: sources.push(text), relative }),
            Read::Unreadable(err) => {
                diagnostics.push(Diagnostic::error(None, format!("{name}: cannot read: {err}")));
            }
            Read::Invalid(problem) => {
                // The file goes into the map as the valid text before the problem, so the
                // report can still show the line it is on.
                let file = sources.add(name, problem.valid);
                let span = Span { file, start: problem.offset, end: problem.offset };
                diagnostics.push(Diagnostic::error(span, problem.message).with_hint(
                    "docs files must be UTF-8; convert this one, for example with `iconv`",
                ));
            }
        }
    }
    files
}

/// A relative path written with `/` on every system, as the generator names files to users
/// and in generated headers.
pub fn slash_path(relative: &Path) -> String {
    let parts: Vec<_> = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

/// What reading one file gave.
enum Read {
    /// Its decoded text.
    Text(SourceText),
    /// The error that kept it from being read.
    Unreadable(std::io::Error),
    /// Why its bytes are not text.
    Invalid(DecodeError),
}

/// Why some bytes are not a docs file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the first bad byte, in the text as decoded up to it: after a byte-order
    /// mark, with its line endings normalised.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// The text before the first bad byte, so that a report can still show the line it is on.
    pub valid: String,
}

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a file's bytes as UTF-8, dropping one leading byte-order mark and turning every line
/// ending (CRLF, or a lone CR) into LF. UTF-16 is recognised by its byte-order mark or, without
/// one, by its zero bytes, and refused with a clear message. The bytes become the text in place:
/// a large tree is read without a second copy of it.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        let order = if bytes[0] == 0xFF { "FF FE 00 00" } else { "00 00 FE FF" };
        return Err(refused(format!(
            "file is UTF-32 (byte-order mark {order}); convert it to UTF-8"
        )));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let order = if bytes[0] == 0xFF { "FF FE" } else { "FE FF" };
        return Err(refused(format!(
            "file is UTF-16 (byte-order mark {order}); convert it to UTF-8"
        )));
    }
    if bytes.starts_with(BYTE_ORDER_MARK) {
        bytes.drain(..BYTE_ORDER_MARK.len());
    }
    if let Some(order) = wide_without_mark(&bytes, 4) {
        return Err(refused(format!(
            "file is UTF-32 ({order}, without a byte-order mark: three zero bytes in every four); \
             convert it to UTF-8"
        )));
    }
    if let Some(order) = wide_without_mark(&bytes, 2) {
        return Err(refused(format!(
            "file is UTF-16 ({order}, without a byte-order mark: a zero byte in every other \
             place); convert it to UTF-8"
        )));
    }
    // CR and LF are ASCII, never part of a multi-byte UTF-8 sequence, so the line endings can be
    // normalised before the bytes are checked; an invalid byte is then placed by the lines that
    // the source map counts.
    normalise_line_endings(&mut bytes);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let mut bytes = err.into_bytes();
            let line_start = bytes[..offset].iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
            let column = String::from_utf8_lossy(&bytes[line_start..offset]).chars().count() + 1;
            let message = format!(
                "invalid UTF-8 (byte 0x{:02X} at column {column}); files must be UTF-8",
                bytes[offset]
            );
            bytes.truncate(offset);
            let valid = String::from_utf8(bytes).expect("the bytes before valid_up_to are UTF-8");
            Err(DecodeError { offset, message, valid })
        }
    }
}

/// The refusal of a UTF-16 or UTF-32 file: placed at its start, since none of it is read as
/// text.
fn refused(message: String) -> DecodeError {
    DecodeError { offset: 0, message, valid: String::new() }
}

/// How many leading bytes [`wide_without_mark`] looks at: enough to see a pattern, few enough
/// that a large file costs nothing more.
const WIDE_SAMPLE_BYTES: usize = 512;

/// Whether bytes without a byte-order mark are UTF-16 (`width` 2) or UTF-32 (`width` 4), and in
/// which byte order. Docs text is mostly ASCII, which such an encoding writes as the
/// character's byte and zero bytes; as UTF-8 that is valid text with NULs between the
/// characters, so it would be read without complaint and silently yield nothing. A UTF-8 docs
/// file has no NUL at all, so the check is whether most of the first units of `width` bytes
/// hold the character's byte at one end and zeros in all the others.
fn wide_without_mark(bytes: &[u8], width: usize) -> Option<&'static str> {
    let sample = &bytes[..bytes.len().min(WIDE_SAMPLE_BYTES)];
    memchr::memchr(0, sample)?;
    let units = sample.chunks_exact(width);
    let zeros = |part: &[u8]| part.iter().all(|&b| b == 0);
    let little = units.clone().filter(|u| u[0] != 0 && zeros(&u[1..])).count();
    let big = units.clone().filter(|u| u[width - 1] != 0 && zeros(&u[..width - 1])).count();
    // More than half the units: a file of UTF-8 that somehow holds a few NULs is not taken for
    // a wide encoding, while text with some non-ASCII characters, which have no zero byte,
    // still is.
    let most = |n: usize| n * 2 > units.len();
    if most(little) {
        Some("little-endian")
    } else if most(big) {
        Some("big-endian")
    } else {
        None
    }
}

/// Turns CRLF and lone CR line endings into LF, in place; a text without CR, the usual case, is
/// only searched.
fn normalise_line_endings(bytes: &mut Vec<u8>) {
    let Some(first) = memchr::memchr(b'\r', bytes) else {
        return;
    };
    // The text between two CRs moves down by the CRs of CRLFs dropped so far.
    let (mut read, mut write) = (first, first);
    while let Some(cr) = memchr::memchr(b'\r', &bytes[read..]).map(|n| read + n) {
        bytes.copy_within(read..cr, write);
        write += cr - read;
        bytes[write] = b'\n';
        write += 1;
        read = cr + 1;
        // The LF of a CRLF is the line break the CR has just become.
        if bytes.get(read) == Some(&b'\n') {
            read += 1;
        }
    }
    bytes.copy_within(read.., write);
    write += bytes.len() - read;
    bytes.truncate(write);
}

/// Where a file's frontmatter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// The YAML, from the opening fence up to the closing fence: the opening `---` is kept, as
    /// YAML reads it as a document start, so the YAML's line numbers are the file's.
    pub yaml_end: usize,
    /// Where the body starts, after the closing fence's line.
    pub body_start: usize,
}

/// What `split` found at the top of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frontmatter {
    /// A frontmatter block.
    Found(Split),
    /// No frontmatter: the file is prose only and yields no types.
    Absent,
    /// Line 1 is not a fence but a fence follows blank lines: almost always a mistake.
    Misplaced {
        /// Byte offset of the fence.
        fence: usize,
    },
    /// An opening fence with no closing fence.
    Unterminated,
}

/// Finds the frontmatter of a text normalised by [`decode`], whose lines all end in LF (a CR
/// left in it is not a line break here): the frontmatter exists only when line 1 is a `---`
/// fence, and ends at the next line that is a fence. A fence is `---` alone on its line,
/// trailing spaces aside, so `----` or `--- x` in the YAML do not end it and nothing in the body
/// is ever read.
pub fn split(text: &str) -> Frontmatter {
    let mut lines = text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    });
    let Some((_, first)) = lines.next() else {
        return Frontmatter::Absent;
    };
    if !is_fence(first) {
        if first.trim().is_empty() {
            let fence = lines.find(|(_, line)| !line.trim().is_empty());
            if let Some((start, _)) = fence.filter(|(_, line)| is_fence(line)) {
                return Frontmatter::Misplaced { fence: start };
            }
        }
        return Frontmatter::Absent;
    }
    // Only a line that starts with `---` can close it, so the search jumps from one to the next.
    let bytes = text.as_bytes();
    let from = first.len() - 1;
    for at in memchr::memmem::find_iter(&bytes[from..], b"\n---") {
        let start = from + at + 1;
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |n| start + n + 1);
        if is_fence(&text[start..end]) {
            return Frontmatter::Found(Split { yaml_end: start, body_start: end });
        }
    }
    Frontmatter::Unterminated
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> (String, String) {
        match split(text) {
            Frontmatter::Found(s) => (text[..s.yaml_end].into(), text[s.body_start..].into()),
            other => panic!("expected frontmatter, got {other:?}"),
        }
    }

    #[test]
    fn byte_order_mark_is_dropped_once() {
        assert_eq!(decode(b"\xEF\xBB\xBF---\n".to_vec()).unwrap(), "---\n");
        assert_eq!(decode(b"\xEF\xBB\xBF\xEF\xBB\xBFx".to_vec()).unwrap(), "\u{feff}x");
        assert_eq!(decode("a\u{feff}b".into()).unwrap(), "a\u{feff}b");
    }

    #[test]
    fn crlf_becomes_lf_and_lines_are_kept() {
        assert_eq!(
            decode(b"---\r\na: b\r\n---\r\nbody\n".to_vec()).unwrap(),
            "---\na: b\n---\nbody\n"
        );
    }

    #[test]
    fn a_lone_cr_becomes_lf_and_mixed_endings_each_make_one_line() {
        assert_eq!(decode(b"---\ra: b\r---\r".to_vec()).unwrap(), "---\na: b\n---\n");
        // CR, CRLF and LF in one file; `\r\r\n` is a lone CR and then a CRLF: two lines, as an
        // editor shows them.
        assert_eq!(
            decode(b"a\rb\r\nc\nd\r\r\ne\n\rf\r".to_vec()).unwrap(),
            "a\nb\nc\nd\n\ne\n\nf\n"
        );
        assert_eq!(decode(b"\r".to_vec()).unwrap(), "\n");
        assert_eq!(decode(b"\r\n\r\n".to_vec()).unwrap(), "\n\n");
        assert_eq!(decode("é\rü\r\n".into()).unwrap(), "é\nü\n");
        assert_eq!(decode(b"\xEF\xBB\xBF---\r".to_vec()).unwrap(), "---\n");
    }

    #[test]
    fn frontmatter_of_a_file_with_lone_cr_endings_is_found() {
        let text = decode(b"---\ra: 1\r---\r# Body\r".to_vec()).unwrap();
        assert_eq!(found(&text), ("---\na: 1\n".into(), "# Body\n".into()));
    }

    #[test]
    fn invalid_utf8_after_lone_crs_is_placed_on_its_line() {
        let err = decode(b"---\ra: 1\rab\xE9c\r".to_vec()).unwrap_err();
        assert_eq!((err.offset, err.valid.as_str()), (11, "---\na: 1\nab"));
        assert_eq!(err.message, "invalid UTF-8 (byte 0xE9 at column 3); files must be UTF-8");
    }

    #[test]
    fn invalid_utf8_names_byte_and_column() {
        let err = decode(b"---\nab\xE9c\n".to_vec()).unwrap_err();
        assert_eq!(err.offset, 6);
        assert_eq!(err.valid, "---\nab");
        assert_eq!(err.message, "invalid UTF-8 (byte 0xE9 at column 3); files must be UTF-8");
    }

    #[test]
    fn invalid_utf8_after_a_byte_order_mark_is_placed_in_the_text_without_it() {
        let err = decode(b"\xEF\xBB\xBF---\nab\xE9c\n".to_vec()).unwrap_err();
        assert_eq!((err.offset, err.valid.as_str()), (6, "---\nab"));
    }

    #[test]
    fn utf16_is_refused() {
        let err = decode(b"\xFF\xFE-\x00".to_vec()).unwrap_err();
        assert!(err.message.contains("UTF-16"), "{}", err.message);
    }

    #[test]
    fn utf32_is_refused_with_or_without_a_byte_order_mark() {
        let text = "---\nreference: {}\n---\n# Body é\n";
        for little in [true, false] {
            let units = text.chars().map(u32::from);
            let bytes: Vec<u8> = units
                .flat_map(|c| if little { c.to_le_bytes() } else { c.to_be_bytes() })
                .collect();
            let err = decode(bytes.clone()).unwrap_err();
            let order = if little { "little-endian" } else { "big-endian" };
            assert!(
                err.message.starts_with(&format!("file is UTF-32 ({order}")),
                "{}",
                err.message
            );
            let mark: &[u8] = if little { &[0xFF, 0xFE, 0, 0] } else { &[0, 0, 0xFE, 0xFF] };
            let err = decode([mark, &bytes].concat()).unwrap_err();
            assert!(err.message.starts_with("file is UTF-32 (byte-order mark"), "{}", err.message);
        }
    }

    /// `text` in UTF-16, little-endian or big-endian, without a byte-order mark.
    fn utf16(text: &str, little: bool) -> Vec<u8> {
        let units = text.encode_utf16();
        units.flat_map(|u| if little { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_refused_in_either_order() {
        let page = "---\nreference:\n  json:\n    - key: é_error\n---\n";
        for (little, order) in [(true, "little-endian"), (false, "big-endian")] {
            let err = decode(utf16(page, little)).unwrap_err();
            assert_eq!(
                err.message,
                format!(
                    "file is UTF-16 ({order}, without a byte-order mark: a zero byte in every \
                     other place); convert it to UTF-8"
                )
            );
            assert_eq!((err.offset, err.valid.as_str()), (0, ""));
        }
        // One character is enough to tell.
        assert!(decode(utf16("-", true)).is_err());
    }

    #[test]
    fn a_few_nul_bytes_in_utf8_are_not_taken_for_utf16() {
        assert_eq!(decode(b"---\na: 1\x00\n---\n".to_vec()).unwrap(), "---\na: 1\0\n---\n");
        assert_eq!(decode(b"\x00\x00\x00\x00".to_vec()).unwrap(), "\0\0\0\0");
    }

    #[test]
    fn frontmatter_ends_at_first_fence() {
        let (yaml, body) = found("---\na: 1\n---\n## Body\n\n---\n\nmore\n---\n");
        assert_eq!(yaml, "---\na: 1\n");
        assert_eq!(body, "## Body\n\n---\n\nmore\n---\n");
    }

    #[test]
    fn fence_allows_trailing_spaces_only() {
        let (yaml, _) = found("---  \na: '---x'\n---- \nb: 2\n---\n");
        assert_eq!(yaml, "---  \na: '---x'\n---- \nb: 2\n");
    }

    #[test]
    fn file_without_fence_on_line_one_has_no_frontmatter() {
        assert_eq!(split("## Guide\n\n---\n\ntitle: x\n---\n"), Frontmatter::Absent);
        assert_eq!(split(""), Frontmatter::Absent);
    }

    #[test]
    fn fence_after_blank_lines_is_misplaced() {
        assert_eq!(split("\n\n---\na: 1\n---\n"), Frontmatter::Misplaced { fence: 2 });
    }

    #[test]
    fn missing_closing_fence_is_unterminated() {
        assert_eq!(split("---\na: 1\n"), Frontmatter::Unterminated);
    }

    #[test]
    fn frontmatter_at_end_of_file_without_newline() {
        let (yaml, body) = found("---\na: 1\n---");
        assert_eq!((yaml.as_str(), body.as_str()), ("---\na: 1\n", ""));
    }
}
