//! The product catalog: everyone signed in reads it, managers maintain it (`app::products`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_api::ErrorBody;
use portico_api::registrations::{CreateProduct, Product};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::products;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::products as catalog;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(archive))
}

/// Products a registration can name, by name.
#[utoipa::path(get, path = "/api/products", tag = "products",
    responses((status = 200, body = Vec<Product>), (status = 401, body = ErrorBody)))]
async fn list(State(state): State<AppState>, _caller: Caller) -> ApiResult<Json<Vec<Product>>> {
    let rows = catalog::active(state.db.pool()).await?;
    Ok(Json(rows.into_iter().map(|r| r.into_view()).collect()))
}

/// Add a product to the catalog. Managers only.
#[utoipa::path(post, path = "/api/products", tag = "products", request_body = CreateProduct,
    responses((status = 201, body = Product), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<CreateProduct>,
) -> ApiResult<(StatusCode, Json<Product>)> {
    caller.require_vendor()?;
    let name = request.validate().map_err(ApiError::Validation)?;
    let product = products::create(&state, caller.user_id, name).await?;
    Ok((StatusCode::CREATED, Json(product)))
}

/// Take a product out of the catalog; registrations that name it keep it.
#[utoipa::path(post, path = "/api/products/{id}/archive", tag = "products", params(("id" = i64, Path)),
    responses((status = 200, body = Product), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn archive(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Product>> {
    caller.require_vendor()?;
    Ok(Json(products::archive(&state, caller.user_id, id).await?))
}
