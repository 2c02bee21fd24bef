//! CRM cards: the deal's partner context inside HubSpot or Salesforce, without a portal
//! session. A card is reached by a signed URL, by HubSpot's signed card fetch, or by a
//! Salesforce Canvas signed request; it may be framed only by the configured CRM origins.

mod card;
mod hubspot;
mod signed;

use axum::Form;
use axum::extract::{OriginalUri, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portico_api::integrations::CrmSystem;
use portico_api::organizations::{Motion, Tier};
use portico_api::pipeline::{ProtectionStatus, Stage};
use portico_api::registrations::{PartnerRole, RegistrationStatus};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::registrations::findings::conflict_findings;
use crate::clock::Timestamp;
use crate::domain::pipeline::{Window, protection_status};
use crate::domain::signatures::open_salesforce_request;
use crate::error::ApiResult;
use crate::routes::extract::ApiPath;
use crate::state::AppState;
use crate::store::cards::{self, CardRow};
use crate::store::crm;
use crate::store::integrations::{self, IntegrationRow};

pub use card::Card;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(deal_card))
        .routes(routes!(registration_card))
        .routes(routes!(crm_card))
        .routes(routes!(salesforce_card))
        .merge(hubspot::router())
}

/// An HTML answer for a CRM frame: its own CSP allows exactly `origins` to frame it.
fn framed(status: StatusCode, html: String, origins: &[&str]) -> Response {
    let ancestors = if origins.is_empty() {
        "'none'".to_owned()
    } else {
        origins.join(" ")
    };
    let csp = format!(
        "default-src 'none'; style-src {}; base-uri 'none'; form-action 'none'; \
         frame-ancestors {ancestors}",
        *card::STYLE_HASH
    );
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    // Card URLs carry their signature: keep them out of caches and Referer headers.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if let Ok(csp) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    response
}

/// A page with no data, framable wherever any integration's card is, so the CRM shows why.
async fn refused(state: &AppState, status: StatusCode, message: &str) -> ApiResult<Response> {
    let rows = integrations::all(state.db.pool()).await?;
    let origins: Vec<&str> = rows.iter().flat_map(IntegrationRow::origins).collect();
    Ok(framed(status, card::refusal(message), &origins))
}

/// The card for a checked request, or a page saying there is nothing to show.
async fn respond(
    state: &AppState,
    integration: &IntegrationRow,
    row: Option<CardRow>,
) -> ApiResult<Response> {
    let origins: Vec<&str> = integration.origins().collect();
    Ok(match row {
        Some(row) => framed(
            StatusCode::OK,
            card::page(&build(state, row).await?),
            &origins,
        ),
        None => framed(
            StatusCode::NOT_FOUND,
            card::refusal("Portico has no deal for this record."),
            &origins,
        ),
    })
}

/// A signed URL's card, or a refusal page.
async fn signed_card(
    state: &AppState,
    uri: &OriginalUri,
    query: Option<String>,
    only: Option<CrmSystem>,
    row: impl AsyncFnOnce() -> ApiResult<Option<CardRow>>,
) -> ApiResult<Response> {
    match signed::signer(state, uri.path(), query.as_deref(), only).await? {
        Ok(integration) => respond(state, &integration, row().await?).await,
        Err(message) => refused(state, StatusCode::UNAUTHORIZED, message).await,
    }
}

/// The card of one opportunity, for a CRM frame. Signed URL: `exp` (Unix seconds), `lid` (the
/// recorded link's id; absent on links made before links were recorded) and `sig`, the hex
/// HMAC-SHA256 of the path plus `?exp=…` (and `&lid=…`) with the integration secret.
#[utoipa::path(get, path = "/embed/deals/{id}", tag = "embed",
    params(("id" = i64, Path), ("exp" = i64, Query), ("lid" = Option<i64>, Query),
        ("sig" = String, Query)),
    responses((status = 200, description = "The card", content_type = "text/html"),
        (status = 401, description = "Expired, revoked or wrong signature; no data shown",
            content_type = "text/html")))]
async fn deal_card(
    State(state): State<AppState>,
    uri: OriginalUri,
    ApiPath(id): ApiPath<i64>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let db = state.db.pool();
    signed_card(&state, &uri, query, None, async || {
        Ok(cards::of_opportunity(db, id).await?)
    })
    .await
}

/// The card of one deal registration (before or after approval), signed like a deal's.
#[utoipa::path(get, path = "/embed/registrations/{id}", tag = "embed",
    params(("id" = i64, Path), ("exp" = i64, Query), ("lid" = Option<i64>, Query),
        ("sig" = String, Query)),
    responses((status = 200, description = "The card", content_type = "text/html"),
        (status = 401, description = "Expired, revoked or wrong signature",
            content_type = "text/html")))]
async fn registration_card(
    State(state): State<AppState>,
    uri: OriginalUri,
    ApiPath(id): ApiPath<i64>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let db = state.db.pool();
    signed_card(&state, &uri, query, None, async || {
        Ok(cards::of_registration(db, id).await?)
    })
    .await
}

/// The card of the Portico deal linked to a CRM deal, by the CRM's own id; signed with that
/// CRM's integration secret.
#[utoipa::path(get, path = "/embed/crm/{system}/{crm_deal_id}", tag = "embed",
    params(("system" = CrmSystem, Path), ("crm_deal_id" = String, Path), ("exp" = i64, Query),
        ("sig" = String, Query)),
    responses((status = 200, description = "The card", content_type = "text/html"),
        (status = 401, description = "Expired or wrong signature", content_type = "text/html"),
        (status = 404, description = "No linked deal (a page), or a path that cannot name one \
            (the error shape)", content(("text/html"), (portico_api::ErrorBody = "application/json")))))]
async fn crm_card(
    State(state): State<AppState>,
    uri: OriginalUri,
    ApiPath((system, crm_deal_id)): ApiPath<(CrmSystem, String)>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    signed_card(&state, &uri, query, Some(system), async || {
        linked_card(&state, system, &crm_deal_id).await
    })
    .await
}

pub(super) async fn linked_card(
    state: &AppState,
    system: CrmSystem,
    crm_deal_id: &str,
) -> ApiResult<Option<CardRow>> {
    let db = state.db.pool();
    match crm::opportunity_of(db, system, crm_deal_id).await? {
        Some(id) => Ok(cards::of_opportunity(db, id).await?),
        None => Ok(None),
    }
}

#[derive(serde::Deserialize)]
struct CanvasPost {
    signed_request: String,
}

/// The Salesforce Canvas app: Salesforce posts a `signed_request` (signed with the connected
/// app's consumer secret); the card is the Portico deal linked to the record in its context.
#[utoipa::path(post, path = "/embed/salesforce", tag = "embed",
    request_body(content_type = "application/x-www-form-urlencoded", content = String,
        description = "`signed_request=<base64 signature>.<base64 JSON context>`"),
    responses((status = 200, description = "The card", content_type = "text/html"),
        (status = 401, description = "Wrong signature", content_type = "text/html")))]
async fn salesforce_card(
    State(state): State<AppState>,
    Form(post): Form<CanvasPost>,
) -> ApiResult<Response> {
    let integration = integrations::get(state.db.pool(), CrmSystem::Salesforce).await?;
    let context = integration.as_ref().and_then(|row| {
        let secret = state.sealer.open(row.app_secret_sealed.as_deref()?)?;
        open_salesforce_request(&secret, &post.signed_request)
    });
    let (Some(integration), Some(context)) = (integration, context) else {
        let message = "Salesforce's signed request did not verify with the consumer secret.";
        return refused(&state, StatusCode::UNAUTHORIZED, message).await;
    };
    let environment = &context["context"]["environment"];
    let record = environment["record"]["Id"]
        .as_str()
        .or_else(|| environment["parameters"]["recordId"].as_str())
        .unwrap_or_default();
    let row = linked_card(&state, CrmSystem::Salesforce, record).await?;
    respond(&state, &integration, row).await
}

/// The card's contents from its row, at the clock's now.
pub(super) async fn build(state: &AppState, row: CardRow) -> ApiResult<Card> {
    let now = state.now();
    let conflict = match (row.conflict.as_deref(), row.registration_id) {
        (Some("review"), Some(id)) => summary(conflict_findings(state, id).await?.findings),
        _ => None,
    };
    let CardRow {
        opportunity_id,
        registration_id,
        customer_name,
        motion,
        organization_name,
        tier,
        stage,
        next_step,
        next_step_due,
        partner_role,
        attribution_percent,
        registration_status,
        protection_ends_at,
        conflict: _,
        last_partner_activity_at,
    } = row;
    let motion = Motion::parse(&motion);
    let status = registration_status
        .as_deref()
        .and_then(RegistrationStatus::parse);
    let (protection, protection_warning) = protection(status, protection_ends_at, now);
    let link = match (opportunity_id, registration_id) {
        (Some(id), _) => format!("{}/opportunities/{id}", state.public_url),
        (None, Some(id)) => format!("{}/manage/registrations/{id}", state.public_url),
        (None, None) => state.public_url.to_string(),
    };
    Ok(Card {
        title: customer_name,
        partner: organization_name,
        tier: Tier::parse(&tier).map_or("", Tier::label),
        motion: motion.map_or("", Motion::label),
        registration: status.map_or("No registration", RegistrationStatus::label),
        protection,
        protection_warning,
        role: partner_role
            .as_deref()
            .and_then(PartnerRole::parse)
            .map(|role| {
                let name = match role {
                    PartnerRole::Sourced => "Sourced",
                    PartnerRole::Influenced => "Influenced",
                };
                match attribution_percent {
                    Some(p) => format!("{name}, {p} % attribution"),
                    None => name.to_owned(),
                }
            }),
        conflict,
        stage: motion
            .zip(stage.as_deref())
            .and_then(|(m, s)| Stage::parse(m, s).map(|s| s.label(m))),
        next_step: next_step.map(|step| match next_step_due {
            Some(due) => format!("{step} (due {due})"),
            None => step,
        }),
        last_partner_activity: last_partner_activity_at.map(|at| ago(at, now)),
        link,
    })
}

fn summary(findings: Vec<portico_api::registrations::ConflictFinding>) -> Option<String> {
    let count = findings.len();
    let first = findings.into_iter().next()?.reason;
    Some(match count {
        1 => first,
        n => format!("{first}; and {} more", n - 1),
    })
}

/// The protection window in words, and whether it needs attention.
fn protection(
    status: Option<RegistrationStatus>,
    ends: Option<Timestamp>,
    now: Timestamp,
) -> (String, bool) {
    let window = match status {
        None => Window::Unregistered,
        Some(RegistrationStatus::Approved | RegistrationStatus::Expired) => {
            Window::Registered { ends }
        }
        Some(status) => {
            return (
                format!("None while {}", status.label().to_lowercase()),
                false,
            );
        }
    };
    let date = |at: Timestamp| portico_api::date::Date::from_unix(at).to_string();
    match (protection_status(window, now), ends) {
        (ProtectionStatus::None, _) => ("Not registered".into(), false),
        (ProtectionStatus::Expired, Some(end)) => (format!("Expired on {}", date(end)), true),
        (ProtectionStatus::Expired, None) => ("Expired".into(), true),
        (status, Some(end)) => {
            let days = (end - now).div_euclid(86_400);
            let text = format!("Protected until {} ({days} days left)", date(end));
            (text, status == ProtectionStatus::Expiring)
        }
        (_, None) => ("Protected".into(), false),
    }
}

fn ago(at: Timestamp, now: Timestamp) -> String {
    let date = portico_api::date::Date::from_unix(at).to_string();
    match (now - at).div_euclid(86_400) {
        days if days <= 0 => format!("{date} (today)"),
        1 => format!("{date} (yesterday)"),
        days => format!("{date} ({days} days ago)"),
    }
}
