//! Pins the JSON field sets of response types and of webhook messages: adding a field to what
//! the API or a webhook sends is a decision, and this test is where it is made. Every response
//! schema of the OpenAPI document is pinned as well, in the server's `tests/response_fields.txt`
//! (checked by `tests/openapi.rs`), which the server's HTTP tests hold to what it really sends.

use portico_api::account::{AccountSecurity, RecoveryCodes, SecuritySettings, TwoFactorSetup};
use portico_api::accounts::{Account, ImportSummary};
use portico_api::assets::{
    AssetCard, AssetDetail, AssetKind, AssetSearch, AssetState, AssetVersion, AssetView, Audience,
    Certification, FacetCount, Facets, FileInfo, ManagedAsset,
};
use portico_api::auth::{SecondFactorRequired, UserSummary};
use portico_api::health::Health;
use portico_api::invitations::{CreatedInvitation, Invitation, InvitationPreview};
use portico_api::notifications::Notification;
use portico_api::organizations::{
    Activation, ActivationStep, Engagement, Motion, OrganizationSummary, Tier,
};
use portico_api::registrations::{
    ConflictFinding, ConflictLevel, CreatedRegistrationLink, Decision, DeclineReason, Extension,
    ExtensionStatus, LinkForm, ManagerRegistration, ManagerRegistrationDetail, MatchStrength,
    PartnerRegistration, PartnerRegistrationDetail, PartnerRole, Product, Protection,
    RegistrationKind, RegistrationLinkStatus, RegistrationStatus, TimelineEntry, Verdict,
};
use portico_api::users::UserAdminView;
use portico_api::{ErrorBody, ErrorDetail, Me, OrganizationRef, Page, Role};
use serde::Serialize;
use serde_json::Value;

mod assets;
mod integrations;
mod people;
mod pipeline;
mod registrations;

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
