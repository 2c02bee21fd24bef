//! Pins the JSON field set of every response type: adding a field to what the API sends is a
//! decision, and this test is where it is made.

use portico_api::auth::UserSummary;
use portico_api::health::Health;
use portico_api::invitations::{CreatedInvitation, Invitation, InvitationPreview};
use portico_api::organizations::{Motion, OrganizationSummary, Tier};
use portico_api::users::UserAdminView;
use portico_api::{ErrorBody, ErrorDetail, Me, OrganizationRef, Page, Role};
use serde::Serialize;
use serde_json::Value;

/// Every key path in the JSON, e.g. `user.email`; array items are described by their first one.
fn fields(value: &impl Serialize) -> Vec<String> {
    fn walk(prefix: &str, value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    out.push(path.clone());
                    walk(&path, inner, out);
                }
            }
            Value::Array(items) => {
                if let Some(first) = items.first() {
                    walk(&format!("{prefix}[]"), first, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", &serde_json::to_value(value).unwrap(), &mut out);
    out.sort();
    out
}

fn org() -> Option<OrganizationRef> {
    Some(OrganizationRef {
        id: 1,
        name: "Northwind Partners".into(),
    })
}

fn invitation() -> Invitation {
    Invitation {
        id: 1,
        email: "a@b.co".into(),
        role: Role::PartnerUser,
        organization: org(),
        invited_by: "Morgan".into(),
        expires_at: "2026-01-01T00:00:00Z".into(),
    }
}

#[test]
fn me() {
    let me = Me {
        user: UserSummary {
            id: 1,
            email: "a@b.co".into(),
            name: "A".into(),
            role: Role::PartnerAdmin,
        },
        organization: org(),
        csrf_token: "t".into(),
    };
    assert_eq!(
        fields(&me),
        [
            "csrf_token",
            "organization",
            "organization.id",
            "organization.name",
            "user",
            "user.email",
            "user.id",
            "user.name",
            "user.role"
        ]
    );
}

#[test]
fn error_body() {
    let body = ErrorBody {
        error: ErrorDetail {
            code: "c".into(),
            message: "m".into(),
            fields: [("email".to_owned(), "x".to_owned())].into(),
        },
    };
    assert_eq!(
        fields(&body),
        [
            "error",
            "error.code",
            "error.fields",
            "error.fields.email",
            "error.message"
        ]
    );
}

#[test]
fn invitations() {
    assert_eq!(
        fields(&CreatedInvitation {
            invitation: invitation(),
            link: "l".into()
        }),
        [
            "invitation",
            "invitation.email",
            "invitation.expires_at",
            "invitation.id",
            "invitation.invited_by",
            "invitation.organization",
            "invitation.organization.id",
            "invitation.organization.name",
            "invitation.role",
            "link"
        ]
    );
    let preview = InvitationPreview {
        email: "a@b.co".into(),
        role: Role::Manager,
        organization: None,
        expires_at: "x".into(),
    };
    assert_eq!(
        fields(&preview),
        ["email", "expires_at", "organization", "role"]
    );
    let page = Page {
        items: vec![invitation()],
        next_cursor: Some("1".into()),
    };
    assert!(fields(&page).starts_with(&["items".to_owned(), "items[].email".to_owned()]));
    assert!(fields(&page).ends_with(&["next_cursor".to_owned()]));
}

#[test]
fn users_and_organizations() {
    let user = UserAdminView {
        id: 1,
        email: "a@b.co".into(),
        name: "A".into(),
        role: Role::Admin,
        organization: None,
        active: true,
        created_at: "x".into(),
        last_sign_in_at: None,
    };
    assert_eq!(
        fields(&user),
        [
            "active",
            "created_at",
            "email",
            "id",
            "last_sign_in_at",
            "name",
            "organization",
            "role"
        ]
    );
    let summary = OrganizationSummary {
        id: 1,
        name: "N".into(),
        motion: Motion::Reseller,
        tier: Tier::Gold,
        user_count: 2,
    };
    assert_eq!(
        fields(&summary),
        ["id", "motion", "name", "tier", "user_count"]
    );
    assert_eq!(
        fields(&Health {
            status: "ok".into()
        }),
        ["status"]
    );
}

#[test]
fn enums_use_snake_case_names() {
    assert_eq!(
        serde_json::to_value(Role::PartnerAdmin).unwrap(),
        "partner_admin"
    );
    assert_eq!(serde_json::to_value(Motion::Tech).unwrap(), "tech");
    assert_eq!(serde_json::to_value(Tier::Platinum).unwrap(), "platinum");
    for role in Role::ALL {
        assert_eq!(Role::parse(role.as_str()), Some(role));
    }
}
