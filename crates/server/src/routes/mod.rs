//! HTTP only: extract, authorize, call the domain and the store, answer with `portico_api` types.
//! Every route is registered through `OpenApiRouter`, so it is in the OpenAPI document by
//! construction.

mod account;
mod accounts;
mod announcements;
mod assets;
mod auth;
mod content_usage;
mod crm_events;
mod embed;
pub mod extract;
mod health;
mod integrations;
mod invitations;
mod messages;
mod notifications;
mod opportunities;
mod organizations;
mod pipeline;
mod preferences;
mod products;
mod program;
pub mod registrations;
mod security_settings;
pub mod session;
mod sign_in_links;
mod two_factor;
mod users;
mod webhooks;

use std::sync::OnceLock;

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::OpenApi as _;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

#[derive(utoipa::OpenApi)]
#[openapi(info(
    title = "Portico API",
    description = "The partner portal's JSON API. Errors always \
    answer `{\"error\":{\"code\",\"message\",\"fields\"}}`. State-changing requests made with a \
    session cookie must send the session's CSRF token in `X-CSRF-Token`."
))]
struct ApiDoc;

/// Every documented route of the server.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(auth::router())
        .merge(sign_in_links::router())
        .merge(account::router())
        .merge(two_factor::router())
        .merge(security_settings::router())
        .merge(accounts::router())
        .merge(invitations::router())
        .merge(notifications::router())
        .merge(announcements::router())
        .merge(preferences::router())
        .merge(messages::router())
        .merge(users::router())
        .merge(organizations::router())
        .merge(products::router())
        .merge(registrations::router())
        .merge(pipeline::router())
        .merge(opportunities::router())
        .merge(program::router())
        .merge(assets::router())
        .merge(content_usage::router())
        .merge(registrations::links::router())
        .merge(integrations::router())
        .merge(webhooks::router())
        .merge(crm_events::router())
        .merge(embed::router())
        .routes(routes!(openapi_json))
}

/// This document, generated from the code.
#[utoipa::path(get, path = "/api/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
async fn openapi_json() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], document())
}

pub fn document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        serde_json::to_string(&router().into_openapi()).expect("the OpenAPI document serializes")
    })
}
