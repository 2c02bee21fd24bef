//! CRM integrations as managers set them up: frame origins, secrets, and signed card links.

pub mod card_links;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_api::ErrorBody;
use portico_api::integrations::{CrmSystem, Integration, IntegrationSecret, IntegrationSettings};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::integrations;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::integrations::{self as store, IntegrationRow};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(save))
        .routes(routes!(new_secret))
        .merge(card_links::router())
}

/// Both CRM integrations, configured or not. Vendor staff only.
#[utoipa::path(get, path = "/api/integrations", tag = "integrations",
    responses((status = 200, body = [Integration]), (status = 403, body = ErrorBody)))]
async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Vec<Integration>>> {
    caller.require_vendor()?;
    let rows = store::all(state.db.pool()).await?;
    let views = CrmSystem::ALL
        .iter()
        .map(|&system| {
            let row = rows.iter().find(|r| r.system == system);
            view(&state, system, row)
        })
        .collect();
    Ok(Json(views))
}

fn view(state: &AppState, system: CrmSystem, row: Option<&IntegrationRow>) -> Integration {
    let card_endpoint = match system {
        CrmSystem::Hubspot => "/api/integrations/hubspot/card",
        CrmSystem::Salesforce => "/embed/salesforce",
    };
    Integration {
        system,
        configured: row.is_some(),
        frame_origins: row
            .map(|r| r.origins().map(str::to_owned).collect())
            .unwrap_or_default(),
        has_app_secret: row.is_some_and(|r| r.app_secret_sealed.is_some()),
        secret_created_at: row.map(|r| rfc3339(r.secret_created_at)),
        card_endpoint: format!("{}{card_endpoint}", state.public_url),
        events_endpoint: format!("{}/api/integrations/crm/events", state.public_url),
    }
}

/// Set the origins allowed to frame the card and the CRM app's secret. The first save creates
/// the integration with a new integration secret (see `POST …/secret` to read one).
#[utoipa::path(put, path = "/api/integrations/{system}", tag = "integrations",
    params(("system" = CrmSystem, Path)), request_body = IntegrationSettings,
    responses((status = 200, body = Integration), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn save(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(system): ApiPath<CrmSystem>,
    ApiJson(settings): ApiJson<IntegrationSettings>,
) -> ApiResult<Json<Integration>> {
    caller.require_vendor()?;
    let valid = settings.validate().map_err(ApiError::Validation)?;
    let row = integrations::save(&state, caller.user_id, system, &valid).await?;
    Ok(Json(view(&state, system, row.as_ref())))
}

/// Make a new integration secret (for signed card links and CRM events) and show it this once;
/// the old one stops working at once.
#[utoipa::path(post, path = "/api/integrations/{system}/secret", tag = "integrations",
    params(("system" = CrmSystem, Path)),
    responses((status = 201, body = IntegrationSecret), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn new_secret(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(system): ApiPath<CrmSystem>,
) -> ApiResult<(StatusCode, Json<IntegrationSecret>)> {
    caller.require_vendor()?;
    let (secret, now) = integrations::new_secret(&state, caller.user_id, system).await?;
    Ok((
        StatusCode::CREATED,
        Json(IntegrationSecret {
            system,
            secret,
            created_at: rfc3339(now),
        }),
    ))
}
