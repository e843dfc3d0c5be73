//! The suite that reads `../shared`: the real WorkOS reference, the documented example bodies
//! of the authentication errors, and the cases that broke other generators.
//!
//! It runs with `cargo test -p codegen --features shared-suite --test shared`. The folder is
//! `$SHARED_DIR` or else `../shared` beside the workspace; when it is missing, every test fails
//! rather than skips, since a suite that passes on no data proves nothing.

mod common;

use std::path::{Path, PathBuf};

use common::{cargo_in, generate_ok, shared_dir, write_crate};
use serde::{Serialize, de::DeserializeOwned};
use workos_types::reference::authkit::authentication_errors as errors;

fn shared() -> PathBuf {
    shared_dir()
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Deserializes a body into `T` and serializes it back, expecting the same JSON value.
fn round_trip<T: DeserializeOwned + Serialize>(path: &Path) {
    let body = read_json(path);
    let parsed: T = serde_json::from_value(body.clone())
        .unwrap_or_else(|e| panic!("{} does not deserialize: {e}", path.display()));
    let back = serde_json::to_value(&parsed).unwrap();
    assert_eq!(back, body, "{} does not serialize back to the same JSON", path.display());
}

#[test]
fn every_fixture_round_trips_through_its_struct() {
    let folder = shared().join("fixtures");
    let mut seen = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let code = path.file_stem().unwrap().to_string_lossy().into_owned();
        match code.as_str() {
            "email_verification_required" => {
                round_trip::<errors::EmailVerificationRequiredError>(&path)
            }
            "mfa_challenge" => round_trip::<errors::MfaChallengeError>(&path),
            "mfa_enrollment" => round_trip::<errors::MfaEnrollmentError>(&path),
            "organization_authentication_methods_required" => {
                round_trip::<errors::OrganizationAuthenticationRequiredError>(&path)
            }
            "organization_selection_required" => {
                round_trip::<errors::OrganizationSelectionRequiredError>(&path)
            }
            "sso_required" => round_trip::<errors::SsoRequiredError>(&path),
            other => panic!("fixture {other} has no struct; a new error in the docs?"),
        }
        seen += 1;
    }
    assert_eq!(seen, 6, "expected the six authentication errors in {}", folder.display());
}

#[test]
fn a_fixture_with_the_wrong_literal_is_rejected() {
    let mut body = read_json(&shared().join("fixtures/sso_required.json"));
    body["error"] = "mfa_challenge".into();
    let parsed = serde_json::from_value::<errors::SsoRequiredError>(body);
    let message = parsed.expect_err("a wrong code must not parse").to_string();
    assert!(message.contains("mfa_challenge"), "{message}");
}

/// The structs of a generated file and the wire names of their fields.
fn structs(source: &str) -> Vec<(String, Vec<String>)> {
    let file = syn::parse_file(source).unwrap();
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s),
            _ => None,
        })
        .map(|s| {
            let fields = s.fields.iter().filter_map(codegen::report::wire_name).collect();
            (s.ident.to_string(), fields)
        })
        .collect()
}

#[test]
fn the_real_authentication_errors_give_six_documented_structs() {
    let real = shared().join("workos-docs/reference/authkit");
    let docs = tempfile::tempdir().unwrap();
    // The real folder, the User object it names, and the email verification page whose
    // description one error refers to.
    for relative in ["authentication-errors", "user/index.mdx", "email-verification/index.mdx"] {
        copy(&real.join(relative), &docs.path().join("reference/authkit").join(relative));
    }
    let generation = generate_ok(docs.path(), None);
    let source = &generation.files["src/reference/authkit/authentication_errors.rs"];
    let found = structs(source);
    let errors: Vec<&(String, Vec<String>)> =
        found.iter().filter(|(name, _)| name.ends_with("Error")).collect();
    let expected = [
        (
            "EmailVerificationRequiredError",
            "code message pending_authentication_token email email_verification_id",
        ),
        (
            "MfaChallengeError",
            "code message pending_authentication_token authentication_factors user",
        ),
        ("MfaEnrollmentError", "code message pending_authentication_token user"),
        (
            "OrganizationAuthenticationRequiredError",
            "error error_description email sso_connection_ids auth_methods",
        ),
        (
            "OrganizationSelectionRequiredError",
            "code message pending_authentication_token user organizations",
        ),
        (
            "SsoRequiredError",
            "error error_description email connection_ids pending_authentication_token",
        ),
    ];
    let got: Vec<(String, String)> =
        errors.iter().map(|(name, fields)| (name.clone(), fields.join(" "))).collect();
    let want: Vec<(String, String)> =
        expected.iter().map(|(n, f)| ((*n).to_owned(), (*f).to_owned())).collect();
    assert_eq!(got, want);
    // Every field is documented: the line above each `pub` field is a doc comment.
    let lines: Vec<&str> = source.lines().collect();
    for (at, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("pub ") && line.contains(':') && !line.contains("struct") {
            let above = lines[..at].iter().rev().find(|l| !l.trim_start().starts_with("#["));
            assert!(
                above.is_some_and(|l| l.trim_start().starts_with("///")),
                "undocumented: {line}"
            );
        }
    }
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
}

#[test]
fn the_whole_real_reference_builds_and_documents_with_warnings_denied() {
    let docs = shared().join("workos-docs");
    let generation = generate_ok(&docs, None);
    assert!(generation.types > 40, "only {} types from the real reference", generation.types);
    let out = write_crate(&generation);
    cargo_in(out.path(), &["build"], ("RUSTFLAGS", "-D warnings"));
    cargo_in(out.path(), &["doc", "--no-deps"], ("RUSTDOCFLAGS", "-D warnings"));
    cargo_in(out.path(), &["test", "--doc"], ("RUSTDOCFLAGS", ""));
}

#[test]
fn every_fixture_reads_as_its_authentication_error_variant() {
    use errors::AuthenticationError as Any;
    for entry in std::fs::read_dir(shared().join("fixtures")).unwrap() {
        let path = entry.unwrap().path();
        let body = read_json(&path);
        let code = path.file_stem().unwrap().to_string_lossy().into_owned();
        let parsed: Any = serde_json::from_value(body.clone()).unwrap();
        let matched = matches!(
            (&parsed, code.as_str()),
            (Any::EmailVerificationRequired(_), "email_verification_required")
                | (Any::MfaChallenge(_), "mfa_challenge")
                | (Any::MfaEnrollment(_), "mfa_enrollment")
                | (
                    Any::OrganizationAuthenticationRequired(_),
                    "organization_authentication_methods_required"
                )
                | (Any::OrganizationSelectionRequired(_), "organization_selection_required")
                | (Any::SsoRequired(_), "sso_required")
        );
        assert!(matched, "{code} read as {parsed:?}");
        assert_eq!(serde_json::to_value(&parsed).unwrap(), body, "{code}");

        // The same body under a code the docs do not list is kept whole.
        let mut unknown = body.clone();
        let key = if body.get("code").is_some() { "code" } else { "error" };
        unknown[key] = "a_code_added_later".into();
        let parsed: Any = serde_json::from_value(unknown.clone()).unwrap();
        assert_eq!(parsed, Any::Unknown(unknown), "{code}");
    }
}

/// The doc lines right above the line that holds `needle`.
fn doc_above(source: &str, needle: &str) -> Vec<String> {
    let lines: Vec<&str> = source.lines().collect();
    let at = lines.iter().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle}"));
    let mut doc: Vec<String> = lines[..at]
        .iter()
        .rev()
        .skip_while(|l| l.trim_start().starts_with("#["))
        .take_while(|l| l.trim_start().starts_with("///"))
        .map(|l| l.trim_start().trim_start_matches("///").trim_start_matches(' ').to_owned())
        .collect();
    doc.reverse();
    doc
}

#[test]
fn doc_lines_from_the_real_reference() {
    let generation = generate_ok(&shared().join("workos-docs"), None);
    let directory = &generation.files["src/reference/directory_sync/directory.rs"];
    assert_eq!(
        doc_above(directory, "pub state: DirectoryState,"),
        [
            "Describes whether the Directory has been successfully connected to an external \
             provider.",
            "The states `linked` and `unlinked` are equivalent to the Directory states `active`",
            "and `inactive` respectively in webhooks.",
            "- `linked`",
            "- `unlinked`",
            "- `validating`",
            "- `deleting`",
            "- `invalid_credentials`",
        ]
    );
    let errors = &generation.files["src/reference/authkit/authentication_errors.rs"];
    assert_eq!(
        doc_above(errors, "pub user: crate::reference::authkit::user::User,"),
        ["The corresponding [user](https://workos.com/docs/reference/authkit/user) object."]
    );
    // A section heading with brackets becomes the summary with the brackets escaped.
    let session = &generation.files["src/reference/magic_link/passwordless_session.rs"];
    assert!(session.contains(r"/// Passwordless Session \[Deprecated\]"), "{session}");
    // `(client_id)` names a text at the top of the reference index's descriptions.
    let url = &generation.files["src/reference/sso/get_authorization_url.rs"];
    let doc = doc_above(url, "pub client_id: String,");
    assert!(doc[0].starts_with("Identifies the application making the request"), "{doc:?}");
    for (path, source) in &generation.files {
        let unresolved = source.lines().find(|l| l.trim() == "/// (client_id)");
        assert!(unresolved.is_none(), "{path} keeps a reference as text");
    }
}

/// Files are read, lowered and emitted on every core; what comes out, warnings and their order
/// included, must not depend on how many cores there are or how the work was split.
#[test]
fn the_output_and_the_report_do_not_depend_on_the_number_of_threads() {
    let docs = shared().join("workos-docs");
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let generation = pool.install(|| generate_ok(&docs, None));
        let warnings = generation.rendered_warnings();
        (generation.files, warnings)
    };
    let (files, warnings) = on(1);
    assert!(warnings.len() > 5, "the real reference has warnings to order");
    for threads in [2, 5] {
        let (other_files, other_warnings) = on(threads);
        assert!(files == other_files, "the files differ on {threads} threads");
        assert_eq!(warnings, other_warnings, "the warnings differ on {threads} threads");
    }
}
