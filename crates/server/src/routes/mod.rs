//! HTTP only: extract, authorize, call the domain and the store, answer with `portico_api` types.
//! Every route is registered through `OpenApiRouter`, so it is in the OpenAPI document by
//! construction.

mod account;
mod accounts;
mod announcements;
mod assets;
mod auth;
mod certifications;
mod channel_data;
mod content_usage;
mod crm_events;
mod dashboard;
mod embed;
pub mod extract;
mod health;
mod incentives;
mod integrations;
mod invitations;
mod messages;
mod notifications;
mod onboarding;
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
mod tiers;
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

/// The sort orders and partner statuses are only named by query parameters, whose schemas utoipa does not collect;
/// webhook messages are sent, not answered, so no route names them.
#[derive(utoipa::OpenApi)]
#[openapi(
    components(schemas(
        portico_api::assets::AssetSort,
        portico_api::organizations::PartnerStatus,
        portico_api::pipeline::PipelineSort,
        portico_api::webhook_events::WebhookMessage
    )),
    info(
        title = "Portico API",
        description = "The partner portal's JSON API. Errors always \
    answer `{\"error\":{\"code\",\"message\",\"fields\"}}`. State-changing requests made with a \
    session cookie must send the session's CSRF token in `X-CSRF-Token`."
    )
)]
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
        .merge(dashboard::router())
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
        .merge(tiers::router())
        .merge(certifications::router())
        .merge(onboarding::router())
        .merge(incentives::router())
        .merge(channel_data::router())
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
        let mut document =
            serde_json::to_value(router().into_openapi()).expect("the OpenAPI document serializes");
        untagged_as_any_of(&mut document["components"]["schemas"]);
        document.to_string()
    })
}

/// serde reads an untagged enum as the first variant that fits, and an answer may fit several
/// (an empty page of either side; a manager's answer has every field of a partner's): that is
/// `anyOf`, where utoipa writes `oneOf`, which such an answer fails. Untagged enums of newtype
/// variants are the schemas that are a `oneOf` of references alone.
fn untagged_as_any_of(schemas: &mut serde_json::Value) {
    for schema in schemas
        .as_object_mut()
        .into_iter()
        .flat_map(|s| s.values_mut())
    {
        let Some(schema) = schema.as_object_mut() else {
            continue;
        };
        let untagged = schema
            .get("oneOf")
            .and_then(|v| v.as_array())
            .is_some_and(|variants| variants.iter().all(|v| v.get("$ref").is_some()));
        if untagged && let Some(variants) = schema.remove("oneOf") {
            schema.insert("anyOf".into(), variants);
        }
    }
}
