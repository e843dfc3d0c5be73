//! How a client handles an authentication response with this crate: read the JSON error body,
//! match on the kind of [`AuthenticationError`], and take the step each kind calls for.
//!
//! Run it with `cargo run -p workos-types --example authentication_error`, optionally passing
//! the path of a JSON body to read instead of the built-in examples.

use std::error::Error;

use workos_types::reference::authkit::authentication_errors::AuthenticationError;

/// What the client should do next, in words, for one error body.
fn next_step(error: &AuthenticationError) -> String {
    match error {
        AuthenticationError::EmailVerificationRequired(e) => format!(
            "ask {} for the code emailed to them, then authenticate with it and token {}",
            e.email, e.pending_authentication_token
        ),
        AuthenticationError::MfaEnrollment(e) => format!(
            "enroll {} in a second factor, then authenticate with token {}",
            e.user.email, e.pending_authentication_token
        ),
        AuthenticationError::MfaChallenge(e) => {
            let factors: Vec<&str> =
                e.authentication_factors.iter().map(|f| f.r#type.as_str()).collect();
            let factors = factors.join(", ");
            format!("challenge one of the user's factors ({factors}) and verify the code")
        }
        AuthenticationError::OrganizationSelectionRequired(e) => {
            let names: Vec<&str> = e.organizations.iter().map(|o| o.name.as_str()).collect();
            format!("let the user pick one of: {}", names.join(", "))
        }
        AuthenticationError::OrganizationAuthenticationRequired(e) => {
            let methods = &e.auth_methods;
            let allowed: Vec<&str> = [
                ("password", methods.password),
                ("Magic Auth", methods.magic_auth),
                ("Google", methods.google_oauth),
                ("Microsoft", methods.microsoft_oauth),
                ("GitHub", methods.github_oauth),
                ("Apple", methods.apple_oauth),
            ]
            .into_iter()
            .filter_map(|(name, enabled)| enabled.then_some(name))
            .collect();
            format!("sign in again with an allowed method: {}", allowed.join(", "))
        }
        AuthenticationError::SsoRequired(e) => format!(
            "redirect to the authorization URL of one of these SSO connections: {}",
            e.connection_ids.join(", ")
        ),
        AuthenticationError::Unknown(body) => {
            format!("show a generic failure; this kind of error is new: {body}")
        }
        // The enum is non-exhaustive: errors the docs add later arrive as new variants.
        other => format!("show a generic failure for {other:?}"),
    }
}

/// Bodies a client might receive, written for this example.
const EXAMPLES: &[&str] = &[
    r#"{"error": "sso_required", "error_description": "Use your company's SSO.",
        "connection_ids": ["conn_example_1"]}"#,
    r#"{"code": "organization_selection_required", "message": "Pick an organization.",
        "pending_authentication_token": "token_example",
        "organizations": [{"id": "org_a", "name": "Acme"}, {"id": "org_b", "name": "Globex"}],
        "user": {"object": "user", "id": "user_example", "email": "kim@example.com",
                 "email_verified": true, "created_at": "2024-01-01T00:00:00Z",
                 "updated_at": "2024-01-01T00:00:00Z"}}"#,
    r#"{"code": "passkey_required", "message": "A kind this crate does not know yet."}"#,
];

fn main() -> Result<(), Box<dyn Error>> {
    let bodies: Vec<String> = match std::env::args().nth(1) {
        Some(path) => vec![std::fs::read_to_string(path)?],
        None => EXAMPLES.iter().map(|body| (*body).to_owned()).collect(),
    };
    for body in bodies {
        let error: AuthenticationError = serde_json::from_str(&body)?;
        println!("{}", next_step(&error));
    }
    Ok(())
}
