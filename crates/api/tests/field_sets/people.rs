//! People, organizations and errors: the signed-in user, account security, invitations,
//! users and organizations, the error body, and enum names.

use super::*;

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
        currency: Some("EUR".into()),
        csrf_token: "t".into(),
        two_factor_setup_required: false,
    };
    assert_eq!(
        fields(&me),
        [
            "csrf_token",
            "currency",
            "organization",
            "organization.id",
            "organization.name",
            "two_factor_setup_required",
            "user",
            "user.email",
            "user.id",
            "user.name",
            "user.role"
        ]
    );
}

#[test]
fn account_security_fields() {
    assert_eq!(
        fields(&SecondFactorRequired {
            pending_token: "t".into(),
            expires_in_secs: 300,
        }),
        ["expires_in_secs", "pending_token"]
    );
    assert_eq!(
        fields(&AccountSecurity {
            two_factor_enabled: true,
            recovery_codes_left: 10,
            two_factor_setup_required: false,
            set_password_until: Some("2026-01-01T00:00:00Z".into()),
        }),
        [
            "recovery_codes_left",
            "set_password_until",
            "two_factor_enabled",
            "two_factor_setup_required"
        ]
    );
    assert_eq!(
        fields(&TwoFactorSetup {
            secret: "S".into(),
            otpauth_uri: "otpauth://totp/x".into(),
            qr_code: "data:image/svg+xml;base64,".into(),
        }),
        ["otpauth_uri", "qr_code", "secret"]
    );
    assert_eq!(
        fields(&RecoveryCodes {
            codes: vec!["abcde-23456".into()],
        }),
        ["codes"]
    );
    assert_eq!(
        fields(&SecuritySettings {
            vendor_two_factor_required: true,
        }),
        ["vendor_two_factor_required"]
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
        country: Some("DE".into()),
        user_count: 2,
        engagement: Engagement {
            score: 57,
            trend: -4,
            last_activity_at: Some("2026-05-01T09:00:00Z".into()),
            stalled: false,
            activation: Some(Activation {
                steps: vec![ActivationStep {
                    title: "Sign in to the portal".into(),
                    done: true,
                }],
            }),
        },
    };
    assert_eq!(
        fields(&summary),
        [
            "country",
            "engagement",
            "engagement.activation",
            "engagement.activation.steps",
            "engagement.activation.steps[].done",
            "engagement.activation.steps[].title",
            "engagement.last_activity_at",
            "engagement.score",
            "engagement.stalled",
            "engagement.trend",
            "id",
            "motion",
            "name",
            "tier",
            "user_count"
        ]
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
