//! Webhook endpoints as managers register them, their deliveries, health and replays.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_api::integrations::{
    CreatedEndpoint, Delivery, DeliveryQuery, EndpointInput, Replayed, WebhookEndpoint,
    WebhookSecret,
};
use portico_api::page::PageQuery;
use portico_api::{ErrorBody, Page};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::webhooks;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::page_of;
use crate::store::webhooks::{self as store, EndpointRow};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(detail, update))
        .routes(routes!(rotate_secret))
        .routes(routes!(deliveries))
        .routes(routes!(replay_dead))
        .routes(routes!(replay_one))
}

async fn view(state: &AppState, row: EndpointRow) -> ApiResult<WebhookEndpoint> {
    let health = store::health(state.db.pool(), &row, state.now_ms()).await?;
    Ok(row.into_view(health))
}

async fn existing(state: &AppState, id: i64) -> ApiResult<EndpointRow> {
    store::endpoint(state.db.pool(), id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Every endpoint with its last 24 hours of deliveries. Vendor staff only.
#[utoipa::path(get, path = "/api/webhooks/endpoints", tag = "webhooks",
    responses((status = 200, body = [WebhookEndpoint]), (status = 403, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<WebhookEndpoint>>> {
    caller.require_vendor()?;
    let mut views = Vec::new();
    for row in store::endpoints(state.db.pool()).await? {
        views.push(view(&state, row).await?);
    }
    Ok(Json(views))
}

/// The input as the API checks it, with a URL this server's outbound policy sends to.
fn checked(state: &AppState, input: EndpointInput) -> ApiResult<EndpointInput> {
    let input = input.validate().map_err(ApiError::Validation)?;
    state
        .outbound
        .policy()
        .webhook_url(&input.url)
        .map_err(|message| ApiError::field("url", message))?;
    Ok(input)
}

/// Register an endpoint. Its signing secret is in the answer and never shown again.
#[utoipa::path(post, path = "/api/webhooks/endpoints", tag = "webhooks",
    request_body = EndpointInput,
    responses((status = 201, body = CreatedEndpoint), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<EndpointInput>,
) -> ApiResult<(StatusCode, Json<CreatedEndpoint>)> {
    caller.require_vendor()?;
    let input = checked(&state, input)?;
    let (id, secret) = webhooks::create(&state, caller.user_id, &input).await?;
    let endpoint = view(&state, existing(&state, id).await?).await?;
    let secret = WebhookSecret {
        endpoint_id: id,
        secret,
    };
    Ok((
        StatusCode::CREATED,
        Json(CreatedEndpoint { endpoint, secret }),
    ))
}

#[utoipa::path(get, path = "/api/webhooks/endpoints/{id}", tag = "webhooks",
    params(("id" = i64, Path)),
    responses((status = 200, body = WebhookEndpoint), (status = 404, body = ErrorBody)))]
async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<WebhookEndpoint>> {
    caller.require_vendor()?;
    let row = existing(&state, id).await?;
    Ok(Json(view(&state, row).await?))
}

/// Change an endpoint. Events published while it is disabled wait for it.
#[utoipa::path(put, path = "/api/webhooks/endpoints/{id}", tag = "webhooks",
    params(("id" = i64, Path)), request_body = EndpointInput,
    responses((status = 200, body = WebhookEndpoint), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn update(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<EndpointInput>,
) -> ApiResult<Json<WebhookEndpoint>> {
    caller.require_vendor()?;
    let input = checked(&state, input)?;
    webhooks::update(&state, caller.user_id, id, &input).await?;
    let row = existing(&state, id).await?;
    Ok(Json(view(&state, row).await?))
}

/// A new signing secret, shown this once; deliveries from now on are signed with it.
#[utoipa::path(post, path = "/api/webhooks/endpoints/{id}/secret", tag = "webhooks",
    params(("id" = i64, Path)),
    responses((status = 201, body = WebhookSecret), (status = 404, body = ErrorBody)))]
async fn rotate_secret(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<(StatusCode, Json<WebhookSecret>)> {
    caller.require_vendor()?;
    let secret = webhooks::rotate_secret(&state, caller.user_id, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(WebhookSecret {
            endpoint_id: id,
            secret,
        }),
    ))
}

/// An endpoint's deliveries, newest first, optionally in one state.
#[utoipa::path(get, path = "/api/webhooks/endpoints/{id}/deliveries", tag = "webhooks",
    params(("id" = i64, Path), DeliveryQuery),
    responses((status = 200, body = Page<Delivery>), (status = 404, body = ErrorBody)))]
async fn deliveries(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<DeliveryQuery>,
) -> ApiResult<Json<Page<Delivery>>> {
    caller.require_vendor()?;
    existing(&state, id).await?;
    let before = parse_cursor(query.cursor.as_deref())?;
    let limit = PageQuery {
        cursor: None,
        limit: query.limit,
    }
    .limit();
    let rows = store::deliveries(state.db.pool(), id, query.state, before, limit).await?;
    Ok(Json(page_of(rows, limit, |r| r.id, |r| r.into_view())))
}

/// Send every dead delivery of the endpoint again, from now.
#[utoipa::path(post, path = "/api/webhooks/endpoints/{id}/replay", tag = "webhooks",
    params(("id" = i64, Path)),
    responses((status = 200, body = Replayed), (status = 404, body = ErrorBody)))]
async fn replay_dead(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Replayed>> {
    caller.require_vendor()?;
    existing(&state, id).await?;
    let replayed = webhooks::replay(&state, caller.user_id, id, None).await?;
    Ok(Json(Replayed { replayed }))
}

/// Send one dead or delivered delivery again, with the same `webhook-id`.
#[utoipa::path(post, path = "/api/webhooks/deliveries/{id}/replay", tag = "webhooks",
    params(("id" = i64, Path)),
    responses((status = 200, body = Delivery), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
async fn replay_one(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Delivery>> {
    caller.require_vendor()?;
    let delivery = store::delivery(state.db.pool(), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if webhooks::replay(&state, caller.user_id, delivery.endpoint_id, Some(id)).await? == 0 {
        return Err(ApiError::Conflict(
            "That delivery is still pending; it will be tried again on its own.".into(),
            Default::default(),
        ));
    }
    let row = store::delivery(state.db.pool(), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(row.into_view()))
}
