//! The API change report on real regenerations: a docs tree is generated and written, changed
//! in one way, and generated again; the report compares the crate on disk with the new one.

mod common;

use codegen::report::Api;
use codegen::write;
use common::{generate_ok, tree, write_files};

const BEFORE: &str = "---
reference:
  json:
    - key: session
      properties:
        - key: id
          type: string
        - key: expires_at
          type: string
          optional: true
        - key: state
          type: '\"active\" | \"revoked\"'
        - key: kind
          type: '\"session\"'
---
";

/// The report after replacing `from` with `to` in the docs (or adding a file when `from` is
/// empty), each change as `breaking|additive  path: what`.
fn report_after(from: &str, to: &str) -> Vec<String> {
    let docs = tree(&[("reference/auth/session.mdx", BEFORE)]);
    let out = tempfile::tempdir().unwrap();
    let first = generate_ok(docs.path(), None);
    write::apply(out.path(), &first.files, &write::plan(out.path(), &first.files).unwrap())
        .unwrap();
    if from.is_empty() {
        write_files(docs.path(), &[("reference/auth/token.mdx", to)]);
    } else {
        assert!(BEFORE.contains(from), "{from}");
        write_files(docs.path(), &[("reference/auth/session.mdx", &BEFORE.replace(from, to))]);
    }
    let second = generate_ok(docs.path(), None);
    let new = Api::of_files(second.files.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    Api::on_disk(out.path()).changes_to(&new).iter().map(ToString::to_string).collect()
}

const SESSION: &str = "reference::auth::Session";

#[test]
fn nothing_changed_but_the_words() {
    assert!(
        report_after("- key: id\n", "- key: id\n          description: Reworded.\n").is_empty()
    );
}

#[test]
fn a_type_added() {
    let token = "---\nreference:\n  json:\n    - key: token\n      properties: []\n---\n";
    assert_eq!(report_after("", token), ["additive  reference::auth::Token: type added"]);
}

#[test]
fn a_type_removed() {
    let report = report_after("key: session", "key: session_v2");
    assert!(report.contains(&format!("breaking  {SESSION}: type removed")), "{report:?}");
    assert!(report.contains(&format!("additive  {SESSION}V2: type added")), "{report:?}");
}

#[test]
fn a_field_added() {
    let optional =
        "        - key: ip\n          type: string\n          optional: true\n        - key: state";
    assert_eq!(
        report_after("        - key: state", optional),
        [format!("additive  {SESSION}: optional field `ip` added")]
    );
    let required = "        - key: ip\n          type: string\n        - key: state";
    assert_eq!(
        report_after("        - key: state", required),
        [format!("breaking  {SESSION}: required field `ip` added")]
    );
}

#[test]
fn a_field_removed() {
    assert_eq!(
        report_after("        - key: id\n          type: string\n", ""),
        [format!("breaking  {SESSION}: field `id` removed")]
    );
}

#[test]
fn a_field_retyped() {
    assert_eq!(
        report_after("- key: id\n          type: string", "- key: id\n          type: integer"),
        [format!("breaking  {SESSION}: field `id` retyped: String → i64")]
    );
}

#[test]
fn a_field_made_optional_or_required() {
    assert_eq!(
        report_after(
            "- key: id\n          type: string",
            "- key: id\n          type: string | null"
        ),
        [format!("breaking  {SESSION}: field `id` made optional")]
    );
    assert_eq!(
        report_after("          optional: true\n", ""),
        [format!("breaking  {SESSION}: field `expires_at` made required")]
    );
}

#[test]
fn enum_values_added_or_removed() {
    assert_eq!(
        report_after("| \"revoked\"", "| \"revoked\" | \"expired\""),
        [format!("additive  {SESSION}State: value `expired` added")]
    );
    assert_eq!(
        report_after("\"active\" | \"revoked\"", "\"active\" | \"ended\""),
        [
            format!("breaking  {SESSION}State: value `revoked` removed"),
            format!("additive  {SESSION}State: value `ended` added"),
        ]
    );
}

#[test]
fn a_field_renamed_in_rust_by_a_new_key_is_breaking() {
    // `fooBar` is `foo_bar` until a key written `foo_bar` comes, which keeps its own name: the
    // old field is renamed for the code that reads it, though its JSON key is the same.
    let page = |keys: &str| {
        format!("---\nreference:\n  json:\n    - key: thing\n      properties:\n{keys}---\n")
    };
    let before = page("        - {key: fooBar, type: string}\n");
    let added = "        - {key: foo_bar, type: string, optional: true}\n";
    let after = page(&format!("        - {{key: fooBar, type: string}}\n{added}"));
    let docs = tree(&[("reference/t/thing.mdx", &before as &str)]);
    let out = tempfile::tempdir().unwrap();
    let first = generate_ok(docs.path(), None);
    write::apply(out.path(), &first.files, &write::plan(out.path(), &first.files).unwrap())
        .unwrap();
    write_files(docs.path(), &[("reference/t/thing.mdx", &after)]);
    let second = generate_ok(docs.path(), None);
    let new = Api::of_files(second.files.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    let report: Vec<String> =
        Api::on_disk(out.path()).changes_to(&new).iter().map(ToString::to_string).collect();
    assert_eq!(
        report,
        [
            "breaking  reference::t::Thing: field `fooBar` renamed in Rust: foo_bar → foo_bar_2",
            "additive  reference::t::Thing: optional field `foo_bar` added",
        ]
    );
}
