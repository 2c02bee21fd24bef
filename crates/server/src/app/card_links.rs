//! Signed card links: each one recorded, so the card can refuse a revoked link while the others
//! keep working, and signed with the CRM integration's secret.

use portico_api::card_links::{CardLink, CardLinkRequest};
use portico_api::integrations::CrmSystem;

use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::clock::rfc3339;
use crate::domain::signatures::CardUrl;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::card_links::{self as store, CardLinkRow, NewCardLink};
use crate::store::integrations::IntegrationRow;

const SUBJECT: &str = "card_link";

/// A card link to make: for which CRM's integration, and the card's path.
pub struct Issue<'a> {
    pub system: CrmSystem,
    pub integration: &'a IntegrationRow,
    pub path: &'a str,
}

/// Records a link to the card and answers it signed.
pub async fn issue(
    state: &AppState,
    manager: i64,
    card: Issue<'_>,
    request: &CardLinkRequest,
) -> AppResult<CardLink> {
    let Issue {
        system,
        integration,
        path,
    } = card;
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let link = NewCardLink {
            system,
            subject: request.subject,
            issued_by: manager,
            issued_at: now,
            expires_at: now + i64::from(request.valid_days) * 86_400,
        };
        let id = store::insert(unit.tx(), &link).await?;
        let url = CardUrl {
            path,
            exp: link.expires_at,
            lid: Some(id),
        };
        unit.record(AuditEntry {
            after: audit::state(&serde_json::json!({
                "system": system, "subject": request.subject, "expires_at": rfc3339(link.expires_at),
            })),
            ..AuditEntry::new(Some(manager), "card_link.issued", SUBJECT, Some(id))
        });
        Ok(CardLink {
            id,
            url: signed_url(state, integration, &url)?,
            expires_at: rfc3339(link.expires_at),
        })
    })
    .await
}

/// Revokes one link; the card refuses it from now on. Answers the link as it now is.
pub async fn revoke(
    state: &AppState,
    manager: i64,
    system: CrmSystem,
    id: i64,
    rationale: Option<String>,
) -> AppResult<CardLinkRow> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let revoked =
            store::revoke(unit.tx(), system, id, manager, rationale.as_deref(), now).await?;
        let row = store::get(unit.tx(), system, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !revoked {
            return Err(AppError::conflict("This card link is already revoked."));
        }
        unit.record(AuditEntry {
            before: audit::state(&serde_json::json!({ "system": system, "revoked": false })),
            after: audit::state(&serde_json::json!({ "system": system, "revoked": true })),
            rationale,
            ..AuditEntry::new(Some(manager), "card_link.revoked", SUBJECT, Some(id))
        });
        Ok(row)
    })
    .await
}

/// The public URL of a card, signed with the integration's secret.
pub fn signed_url(
    state: &AppState,
    integration: &IntegrationRow,
    url: &CardUrl<'_>,
) -> AppResult<String> {
    let secret = state
        .sealer
        .open(&integration.secret_sealed)
        .ok_or_else(|| AppError::internal("the integration secret does not open with this key"))?;
    Ok(format!(
        "{}{}?{}",
        state.public_url,
        url.path,
        url.query(&secret)
    ))
}
