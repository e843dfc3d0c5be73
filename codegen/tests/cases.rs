//! Every case in `../shared/cases` behaves as its `.expect.md` says: inputs that broke other
//! generators (byte-order marks, CRLF, `---` in bodies, duplicate keys, block scalars, code
//! fences, missing and cyclic references, keyword keys, colliding names, text that needs
//! escaping, non-UTF-8 bytes, the type vocabulary, empty properties).
//!
//! Part of the `../shared` suite: `cargo test -p codegen --features shared-suite --test cases`.

mod common;

use std::path::{Path, PathBuf};

use common::{cargo_in, generate, generate_ok, shared_dir, strip_root, write_crate};

fn cases() -> PathBuf {
    let cases = shared_dir().join("cases");
    assert!(cases.is_dir(), "the cases are missing at {}", cases.display());
    cases
}

/// The bytes of the case whose file name starts with `prefix`.
fn case_bytes(prefix: &str) -> (String, Vec<u8>) {
    let found = std::fs::read_dir(cases())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && !name.ends_with(".expect.md")
        })
        .unwrap_or_else(|| panic!("no case {prefix}"));
    let stem = found.file_stem().unwrap().to_string_lossy().into_owned();
    (stem, std::fs::read(&found).unwrap())
}

/// A docs tree holding the given cases as `reference/demo/NAME.mdx`.
fn tree_of(prefixes: &[&str]) -> tempfile::TempDir {
    let docs = tempfile::tempdir().unwrap();
    let folder = docs.path().join("reference/demo");
    std::fs::create_dir_all(&folder).unwrap();
    for prefix in prefixes {
        let (stem, bytes) = case_bytes(prefix);
        std::fs::write(folder.join(format!("{stem}.mdx")), bytes).unwrap();
    }
    docs
}

fn errors_of(docs: &Path) -> Vec<String> {
    match generate(docs, None) {
        Ok(generation) => panic!("expected errors, got {:?}", generation.files.keys()),
        Err(failure) => strip_root(&failure.error_lines(), docs),
    }
}

fn demo_source(docs: &Path) -> String {
    generate_ok(docs, None).files["src/reference/demo.rs"].clone()
}

/// The doc lines above a field, without `///` and the space after it.
fn field_doc(source: &str, field: &str) -> Vec<String> {
    let lines: Vec<&str> = source.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.trim_start().starts_with(&format!("pub {field}:")))
        .unwrap_or_else(|| panic!("no field {field} in:\n{source}"));
    let mut doc: Vec<String> = lines[..at]
        .iter()
        .rev()
        .skip_while(|line| line.trim_start().starts_with("#["))
        .take_while(|line| line.trim_start().starts_with("///"))
        .map(|line| {
            let text = line.trim_start().trim_start_matches("///");
            text.strip_prefix(' ').unwrap_or(text).to_owned()
        })
        .collect();
    doc.reverse();
    doc
}

#[test]
fn case_01_byte_order_mark_changes_nothing() {
    let with_bom = tree_of(&["01-"]);
    let (stem, bytes) = case_bytes("01-");
    let without = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(without.path().join("reference/demo")).unwrap();
    let plain = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("the case starts with a BOM");
    std::fs::write(without.path().join(format!("reference/demo/{stem}.mdx")), plain).unwrap();
    let source = demo_source(with_bom.path());
    assert_eq!(source, demo_source(without.path()));
    assert!(source.contains("pub struct DemoError {"), "{source}");
    assert_eq!(field_doc(&source, "error"), ["A short machine-readable code for the error."]);
    assert!(source.contains("pub error_description: String,"));
}

#[test]
fn case_02_crlf_is_the_same_as_lf() {
    let crlf = tree_of(&["02-"]);
    let (stem, bytes) = case_bytes("02-");
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "the case uses CRLF");
    let lf = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(lf.path().join("reference/demo")).unwrap();
    let text = String::from_utf8(bytes).unwrap().replace("\r\n", "\n");
    std::fs::write(lf.path().join(format!("reference/demo/{stem}.mdx")), text).unwrap();
    let source = demo_source(crlf.path());
    assert_eq!(source, demo_source(lf.path()));
    assert!(!source.contains('\r'));
    assert!(source.contains("pub struct CrlfError {"));
}

#[test]
fn case_05_body_rules_are_not_frontmatter() {
    let source = demo_source(tree_of(&["05-"]).path());
    assert!(source.contains("pub struct BodyRulesError {"));
    // The body is documentation: its code block may show in the struct's doc, but nothing in it
    // is read as frontmatter.
    for line in source.lines().filter(|line| line.contains("not_a_property")) {
        assert!(line.trim_start().starts_with("///"), "{line}");
    }
    assert_eq!(source.lines().filter(|l| l.starts_with("pub struct ")).count(), 1, "{source}");
    assert_eq!(source.matches("    pub ").count(), 2, "{source}");
}

#[test]
fn case_08_a_file_without_frontmatter_yields_nothing() {
    let docs = tree_of(&["08-", "01-"]);
    let alone = tree_of(&["01-"]);
    let with = generate_ok(docs.path(), None);
    assert!(with.warning_lines().is_empty(), "{:?}", with.warning_lines());
    assert_eq!(with.files, generate_ok(alone.path(), None).files);

    // Frontmatter after a blank line is not frontmatter, but is worth a warning.
    let (_, bytes) = case_bytes("01-");
    let misplaced = tempfile::tempdir().unwrap();
    let mut text = b"\n".to_vec();
    text.extend_from_slice(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap());
    std::fs::create_dir_all(misplaced.path().join("a")).unwrap();
    std::fs::write(misplaced.path().join("a/x.mdx"), text).unwrap();
    let generation = generate_ok(misplaced.path(), None);
    let warnings = strip_root(&generation.warning_lines(), misplaced.path());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("a/x.mdx:2:1: warning: this looks like frontmatter"));
    assert_eq!(generation.types, 0);
}

#[test]
fn case_12_duplicate_keys_are_errors_at_the_second() {
    assert_eq!(
        errors_of(tree_of(&["12-"]).path()),
        [
            "reference/demo/12-duplicate-mapping-keys.mdx:6:5: error: duplicate key 'label' in \
             descriptions.dup (first defined at line 4)",
            "reference/demo/12-duplicate-mapping-keys.mdx:17:11: error: duplicate key 'type' in \
             reference.json[0].properties[0] (first defined at line 16)",
        ]
    );
}

#[test]
fn case_13_block_scalars_keep_their_paragraphs() {
    let source = demo_source(tree_of(&["13-"]).path());
    let expected: &[(&str, &[&str])] = &[
        ("folded_clip", &["First sentence wraps onto a second source line."]),
        ("folded_one_blank", &["Paragraph one, line one.", "After exactly one blank line."]),
        ("folded_two_blanks", &["Paragraph one.", "", "Paragraph two, after two blank lines."]),
        ("folded_strip", &["Folded, strip chomping, no trailing newline."]),
        ("literal_clip", &["Literal line one.", "Literal line two."]),
        ("literal_keep", &["Literal keep chomping."]),
        ("literal_strip", &["Literal strip chomping."]),
        ("plain_multiline", &["A plain scalar that continues on the next line."]),
    ];
    for (field, lines) in expected {
        assert_eq!(field_doc(&source, field), *lines, "{field}");
    }
}

#[test]
fn case_15_code_fences_never_become_doc_tests() {
    let docs = tree_of(&["15-"]);
    let generation = generate_ok(docs.path(), None);
    let source = &generation.files["src/reference/demo.rs"];
    let doc = field_doc(source, "payload");
    let fences: Vec<&String> = doc.iter().filter(|line| line.starts_with("```")).collect();
    assert_eq!(fences, ["```text", "```", "```text", "```", "```js", "```", "```text", "```"]);
    assert!(doc.contains(&"let client = demo_sdk::Client::new(\"key_example\");".to_owned()));
    assert!(source.contains("pub payload: serde_json::Map<String, serde_json::Value>,"));
    let warnings = strip_root(&generation.warning_lines(), docs.path());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("(payload)"), "{warnings:?}");
    // The fence opens on line 25 of the file, inside the description's block scalar.
    assert!(warnings[0].starts_with("reference/demo/15-code-fences-in-description.mdx:25:"));
    assert!(warnings[0].contains("unclosed code fence"), "{warnings:?}");
}

#[test]
fn case_18_missing_references_are_errors() {
    assert_eq!(
        errors_of(tree_of(&["18-"]).path()),
        [
            "reference/demo/18-undefined-reference.mdx:18:24: error: \
             reference.json[0].properties[1] (missing_key): description references \
             'known.absent', but namespace 'known' has no key 'absent' (defined keys: present)",
            "reference/demo/18-undefined-reference.mdx:21:24: error: \
             reference.json[0].properties[2] (missing_namespace): description references \
             'nowhere.present', but no namespace 'nowhere' is defined in any input file",
        ]
    );
}

#[test]
fn case_19_chains_resolve_and_cycles_are_errors() {
    assert_eq!(
        errors_of(tree_of(&["19-"]).path()),
        [
            "reference/demo/19-reference-chain-cycle.mdx:24:24: error: \
             reference.json[0].properties[1] (cyclic): reference cycle loop.ping → loop.pong → \
             loop.ping",
            "reference/demo/19-reference-chain-cycle.mdx:27:24: error: \
             reference.json[0].properties[2] (self_cyclic): reference cycle loop.self_ref → \
             loop.self_ref",
        ]
    );
    // Without the cycles, the chain resolves to the text at its end.
    let (stem, bytes) = case_bytes("19-");
    let text = String::from_utf8(bytes).unwrap();
    let cut = text.find("        - key: cyclic").unwrap();
    let end = text.find("originalPath").unwrap();
    let fixed = format!("{}{}", &text[..cut], &text[end..]);
    let docs = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(docs.path().join("reference/demo")).unwrap();
    std::fs::write(docs.path().join(format!("reference/demo/{stem}.mdx")), fixed).unwrap();
    let source = demo_source(docs.path());
    assert_eq!(field_doc(&source, "chained"), ["The text at the end of a two-step chain."]);
}

#[test]
fn case_22_colliding_names_are_numbered_and_a_repeated_key_is_an_error() {
    let docs = tree_of(&["22-"]);
    assert_eq!(
        errors_of(docs.path()),
        ["reference/demo/22-same-rust-name-collision.mdx:30:11: error: \
          reference.json[0].properties[7]: duplicate property key 'id'"]
    );
}

#[test]
fn case_24_doc_text_keeps_every_character() {
    let source = demo_source(tree_of(&["24-"]).path());
    syn::parse_file(&source).unwrap();
    let doc = |field| field_doc(&source, field).join("\n");
    assert!(
        doc("quotes_and_backslashes")
            .contains(r#"Say "hello" to C:\temp\new and end with a backslash \"#)
    );
    assert!(
        doc("starts_with_slash").starts_with("/reference/demo"),
        "{}",
        doc("starts_with_slash")
    );
    assert!(doc("inline_literal").contains("with a tab\tand a quote \" and a backslash \\ here"));
    assert!(doc("comment_markers").contains("*/"));
    // Brackets are escaped so rustdoc shows them rather than reading a link.
    assert!(doc("attribute_like").contains(r"#\[derive(Debug)\]"), "{}", doc("attribute_like"));
    assert!(doc("attribute_like").contains("{name}"));
    assert!(doc("raw_string_like").contains(r###"r#"raw"# and "# and r##"x"##"###));
    assert!(doc("ends_with_slash").ends_with("slash/"), "{}", doc("ends_with_slash"));
}

#[test]
fn case_27_non_utf8_is_an_error_at_its_line() {
    assert_eq!(
        errors_of(tree_of(&["27-"]).path()),
        ["reference/demo/27-non-utf8.mdx:5:10: error: invalid UTF-8 (byte 0xE9 at column 10); \
          files must be UTF-8"]
    );
    // UTF-16 is recognised by its byte-order mark.
    let docs = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain("---\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(docs.path().join("x.mdx"), utf16).unwrap();
    let errors = errors_of(docs.path());
    assert_eq!(
        errors,
        ["x.mdx:1:1: error: file is UTF-16 (byte-order mark FF FE); convert it to UTF-8"]
    );
}

#[test]
fn case_29_the_type_vocabulary() {
    let docs = tree_of(&["29-"]);
    let errors = errors_of(docs.path());
    let file = "reference/demo/29-type-vocabulary.mdx";
    assert_eq!(
        errors,
        [
            format!(
                "{file}:31:17: error: reference.json[0].properties[7] (a_timestamp): unknown type \
                 'timestamp'"
            ),
            format!(
                "{file}:39:11: error: reference.json[0].properties[10] (missing_type) has no `type`"
            ),
            format!(
                "{file}:42:17: error: reference.json[0].properties[11] (null_type): the type must \
                 be a non-empty text, found nothing (null)"
            ),
            format!(
                "{file}:46:13: error: reference.json[0].properties[12] (list_type): the type must \
                 be a non-empty text, found a list"
            ),
            format!(
                "{file}:50:17: error: reference.json[0].properties[13] (other_entry): unknown type \
                 'demo_error'"
            ),
        ]
    );

    // The rest of the vocabulary maps as the table says.
    let (stem, bytes) = case_bytes("29-");
    let text = String::from_utf8(bytes).unwrap();
    let cut = text.find("        - key: a_timestamp").unwrap();
    let resume = text.find("        - key: capitalised").unwrap();
    let end = text.find("        - key: missing_type").unwrap();
    let tail = text.find("originalPath").unwrap();
    let fixed = format!("{}{}{}", &text[..cut], &text[resume..end], &text[tail..]);
    let valid = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(valid.path().join("reference/demo")).unwrap();
    std::fs::write(valid.path().join(format!("reference/demo/{stem}.mdx")), fixed).unwrap();
    let generation = generate_ok(valid.path(), None);
    let source = &generation.files["src/reference/demo.rs"];
    for field in [
        "pub untyped_array: Vec<serde_json::Value>,",
        "pub string_array: Vec<String>,",
        "pub generic_array: Vec<String>,",
        "pub plain_object: serde_json::Map<String, serde_json::Value>,",
        "pub a_number: f64,",
        "pub an_integer: i64,",
        "pub a_boolean: bool,",
        "pub capitalised: String,",
        "pub padded: String,",
    ] {
        assert!(source.contains(field), "no `{field}` in:\n{source}");
    }
    let warnings = strip_root(&generation.warning_lines(), valid.path()).join("\n");
    assert!(warnings.contains("(untyped_array): `array` with no item type"), "{warnings}");
    assert!(
        warnings.contains("(padded): the type ' string ' has surrounding spaces"),
        "{warnings}"
    );
}

#[test]
fn case_31_empty_properties_make_braced_empty_structs() {
    let source = demo_source(tree_of(&["31-"]).path());
    for name in ["EmptyList", "NullProperties", "AbsentProperties"] {
        assert!(source.contains(&format!("pub struct {name} {{}}")), "no {name} in:\n{source}");
    }
}

/// The cases whose output must compile and read its own wire form: generated into one crate,
/// built with warnings denied, and tested with bodies written here.
#[test]
fn generated_code_from_the_cases_builds_and_round_trips() {
    let docs = tree_of(&["15-", "20-", "24-", "31-", "13-"]);
    let generation = generate_ok(docs.path(), None);
    let out = write_crate(&generation);
    std::fs::create_dir_all(out.path().join("tests")).unwrap();
    std::fs::write(out.path().join("tests/wire.rs"), WIRE_TEST).unwrap();
    cargo_in(out.path(), &["test"], ("RUSTFLAGS", "-D warnings"));
}

/// Round trips run inside the crate generated from the cases.
const WIRE_TEST: &str = r#"
use demo::reference::demo::{AbsentProperties, EmptyList, KeywordProperties, NullProperties};
use serde_json::json;

#[test]
fn keyword_keys_keep_their_wire_names() {
    let keys = [
        "type", "ref", "self", "Self", "crate", "super", "async", "await", "fn", "match", "gen",
        "try", "dyn", "abstract", "union", "_", "mod", "where",
    ];
    let body: serde_json::Map<String, serde_json::Value> =
        keys.iter().map(|k| (k.to_string(), json!(format!("value of {k}")))).collect();
    let body = serde_json::Value::Object(body);
    let parsed: KeywordProperties = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(parsed.r#type, "value of type");
    assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
}

#[test]
fn empty_structs_read_and_write_empty_objects() {
    assert_eq!(serde_json::to_value(EmptyList {}).unwrap(), json!({}));
    let _: EmptyList = serde_json::from_value(json!({})).unwrap();
    let _: NullProperties = serde_json::from_value(json!({})).unwrap();
    let _: AbsentProperties = serde_json::from_value(json!({ "extra": 1 })).unwrap();
}
"#;
