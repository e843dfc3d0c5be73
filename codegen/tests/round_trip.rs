//! Error bodies written for this project go through the generated crate and back unchanged,
//! and bodies that break the documented shape are refused.

use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Value, json};
use workos_types::reference::authkit::authentication_errors as errors;

fn round_trip<T: DeserializeOwned + Serialize + std::fmt::Debug>(body: Value) -> T {
    let parsed: T = serde_json::from_value(body.clone())
        .unwrap_or_else(|e| panic!("does not deserialize: {e}\n{body:#}"));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
    parsed
}

fn person() -> Value {
    json!({
        "object": "user",
        "id": "user_test_1",
        "email": "ada@example.org",
        "first_name": "Ada",
        "email_verified": false,
        "created_at": "2024-02-01T08:00:00.000Z",
        "updated_at": "2024-02-02T08:00:00.000Z"
    })
}

#[test]
fn sso_required() {
    let error: errors::SsoRequiredError = round_trip(json!({
        "error": "sso_required",
        "error_description": "Sign in with your company's identity provider.",
        "connection_ids": ["conn_a", "conn_b"],
        "pending_authentication_token": "token_1"
    }));
    assert_eq!(error.connection_ids, ["conn_a", "conn_b"]);
    assert_eq!(error.email, None);
}

#[test]
fn email_verification_required() {
    round_trip::<errors::EmailVerificationRequiredError>(json!({
        "code": "email_verification_required",
        "message": "Verify the address first.",
        "pending_authentication_token": "token_2",
        "email": "ada@example.org",
        "email_verification_id": "email_verification_1"
    }));
}

#[test]
fn mfa_challenge_and_enrollment() {
    let challenge: errors::MfaChallengeError = round_trip(json!({
        "code": "mfa_challenge",
        "message": "Enter a one-time code.",
        "pending_authentication_token": "token_3",
        "authentication_factors": [{ "id": "factor_1", "type": "totp" }],
        "user": person()
    }));
    assert_eq!(challenge.authentication_factors[0].r#type, "totp");
    assert_eq!(challenge.user.last_name, None);
    round_trip::<errors::MfaEnrollmentError>(json!({
        "code": "mfa_enrollment",
        "message": "Set up a second factor.",
        "pending_authentication_token": "token_4",
        "user": person()
    }));
}

#[test]
fn organization_errors() {
    let selection: errors::OrganizationSelectionRequiredError = round_trip(json!({
        "code": "organization_selection_required",
        "message": "Pick an organization.",
        "pending_authentication_token": "token_5",
        "user": person(),
        "organizations": [{ "id": "org_1", "name": "First" }, { "id": "org_2", "name": "Second" }]
    }));
    assert_eq!(selection.organizations[1].name, "Second");
    let methods: errors::OrganizationAuthenticationRequiredError = round_trip(json!({
        "error": "organization_authentication_methods_required",
        "error_description": "Use a method the organization allows.",
        "sso_connection_ids": [],
        "auth_methods": {
            "apple_oauth": false, "github_oauth": true, "google_oauth": false,
            "magic_auth": true, "microsoft_oauth": false, "password": false
        }
    }));
    assert!(methods.auth_methods.github_oauth);
}

#[test]
fn an_optional_field_sent_as_null_reads_as_absent() {
    let mut body = person();
    body["last_name"] = Value::Null;
    let user: workos_types::reference::authkit::user::User = serde_json::from_value(body).unwrap();
    assert_eq!(user.last_name, None);
    assert!(serde_json::to_value(&user).unwrap().get("last_name").is_none());
}

#[test]
fn unknown_fields_are_ignored() {
    let body = json!({
        "error": "sso_required",
        "error_description": "d",
        "connection_ids": [],
        "added_later": { "any": "thing" }
    });
    let error: errors::SsoRequiredError = serde_json::from_value(body).unwrap();
    assert!(error.connection_ids.is_empty());
}

#[test]
fn a_wrong_literal_or_a_missing_field_is_refused() {
    let wrong_code = json!({
        "error": "mfa_challenge", "error_description": "d", "connection_ids": []
    });
    assert!(serde_json::from_value::<errors::SsoRequiredError>(wrong_code).is_err());
    let missing = json!({ "code": "mfa_enrollment", "message": "m" });
    let message = serde_json::from_value::<errors::MfaEnrollmentError>(missing).unwrap_err();
    assert!(message.to_string().contains("pending_authentication_token"), "{message}");
}

#[test]
fn any_authentication_error_reads_by_code_or_error() {
    use errors::AuthenticationError as Any;
    let by_error =
        json!({ "error": "sso_required", "error_description": "d", "connection_ids": [] });
    assert!(matches!(serde_json::from_value(by_error).unwrap(), Any::SsoRequired(_)));
    let by_code = json!({
        "code": "mfa_enrollment", "message": "m", "pending_authentication_token": "t",
        "user": person()
    });
    assert!(matches!(serde_json::from_value(by_code).unwrap(), Any::MfaEnrollment(_)));
    // A body may carry both keys; each variant is chosen by its own.
    let both = json!({
        "error": "invalid_grant", "code": "mfa_enrollment", "message": "m",
        "pending_authentication_token": "t", "user": person()
    });
    assert!(matches!(serde_json::from_value(both).unwrap(), Any::MfaEnrollment(_)));
    let unknown = json!({ "code": "passkey_required", "message": "m" });
    let parsed: Any = serde_json::from_value(unknown.clone()).unwrap();
    assert_eq!(parsed, Any::Unknown(unknown.clone()));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), unknown);
    // A known code with a broken body is an error, not an unknown kind.
    let broken = json!({ "code": "mfa_enrollment", "message": "m" });
    assert!(serde_json::from_value::<Any>(broken).is_err());
}
