//! The portal's security settings, for administrators: whether managers and administrators
//! must sign in with two factors.

use axum::Json;
use axum::extract::State;
use portico_api::ErrorBody;
use portico_api::account::SecuritySettings;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::portal_settings;
use crate::error::ApiResult;
use crate::routes::extract::ApiJson;
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::portal_settings as store;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(read, save))
}

#[utoipa::path(get, path = "/api/settings/security", tag = "account",
    responses((status = 200, body = SecuritySettings), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
async fn read(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<SecuritySettings>> {
    caller.require_admin()?;
    let required = store::vendor_two_factor_required(state.db.pool()).await?;
    Ok(Json(SecuritySettings {
        vendor_two_factor_required: required,
    }))
}

/// Require two-factor sign-in of managers and administrators, or stop requiring it. Those
/// without it can then only set it up (or sign out) until they do, the administrator who
/// turns it on included.
#[utoipa::path(put, path = "/api/settings/security", tag = "account",
    request_body = SecuritySettings,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 200, body = SecuritySettings), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
async fn save(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<SecuritySettings>,
) -> ApiResult<Json<SecuritySettings>> {
    caller.require_admin()?;
    portal_settings::save_security(&state, caller.user_id, &request).await?;
    Ok(Json(request))
}
