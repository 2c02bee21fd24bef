//! Incentives: managers keep the commission plans, credit deals to partners, record refunds,
//! approve and adjust what partners earn and answer their questions; a partner reads its own
//! ledger and questions an earning. Payees and payout batches are in `payouts`.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use portico_api::ErrorBody;
use portico_api::incentives::{IncentivePlans, PlansView};
use portico_api::ledger::{
    AnswerDispute, Approve, Approved, Attribution, Dispute, Ledger, LedgerEntry, LedgerQuery,
    NewAdjustment, RaiseDispute, Refund, Refunded, SetAttribution, comment,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::incentives::{self, accrual, attribution, disputes, exports, ledger};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;

mod payouts;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(plans, save_plans))
        .routes(routes!(read_attribution, set_attribution))
        .routes(routes!(read_ledger))
        .routes(routes!(statement))
        .routes(routes!(approve))
        .routes(routes!(adjust))
        .merge(payouts::router())
        .routes(routes!(raise_dispute))
        .routes(routes!(answer_dispute))
        .routes(routes!(refund))
}

/// The commission plans in force and their version (0 before any is saved).
#[utoipa::path(get, path = "/api/incentives/plans", tag = "incentives",
    responses((status = 200, body = PlansView), (status = 403, body = ErrorBody)))]
async fn plans(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<PlansView>> {
    caller.require_vendor()?;
    Ok(Json(incentives::plans(&state).await?))
}

/// Save every plan, in the order they are tried, as a new version. Earnings already made keep
/// the version that produced them.
#[utoipa::path(put, path = "/api/incentives/plans", tag = "incentives",
    request_body = IncentivePlans,
    responses((status = 200, body = PlansView), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn save_plans(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(plans): ApiJson<IncentivePlans>,
) -> ApiResult<Json<PlansView>> {
    caller.require_vendor()?;
    plans.validate().map_err(ApiError::Validation)?;
    Ok(Json(
        incentives::save_plans(&state, caller.user_id, &plans).await?,
    ))
}

/// Who is credited for the deal, in which role and share.
#[utoipa::path(get, path = "/api/opportunities/{id}/attribution", tag = "incentives",
    params(("id" = i64, Path)),
    responses((status = 200, body = Attribution), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn read_attribution(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Attribution>> {
    caller.require_vendor()?;
    Ok(Json(attribution::read(&state, id).await?))
}

/// Replace the deal's credits, saying why. On a won deal, what the old credits earned is
/// reversed and the new credits earn anew.
#[utoipa::path(put, path = "/api/opportunities/{id}/attribution", tag = "incentives",
    params(("id" = i64, Path)), request_body = SetAttribution,
    responses((status = 200, body = Attribution), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn set_attribution(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<SetAttribution>,
) -> ApiResult<Json<Attribution>> {
    caller.require_vendor()?;
    request.validate().map_err(ApiError::Validation)?;
    Ok(Json(
        attribution::set(&state, caller.user_id, id, &request).await?,
    ))
}

/// The ledger: a partner's own organization's entries and balances; managers any
/// organization's, or all. Entries newest first, a page at a time.
#[utoipa::path(get, path = "/api/ledger", tag = "incentives", params(LedgerQuery),
    responses((status = 200, body = Ledger), (status = 422, body = ErrorBody)))]
async fn read_ledger(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<LedgerQuery>,
) -> ApiResult<Json<Ledger>> {
    query.validate().map_err(ApiError::Validation)?;
    let organization = caller.membership.organization_id().or(query.organization);
    // Newest first: the cursor is the last id shown, and the page goes on below it.
    let before = Some(parse_cursor(query.cursor.as_deref())?).filter(|id| *id > 0);
    Ok(Json(
        ledger::read(&state, organization, &query, before).await?,
    ))
}

/// The same entries as `GET /api/ledger` (every one, not a page) as a CSV statement: day,
/// organization, kind, status, customer, role, amount, currency, description, entry.
#[utoipa::path(get, path = "/api/ledger.csv", tag = "incentives", params(LedgerQuery),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 422, body = ErrorBody)))]
async fn statement(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<LedgerQuery>,
) -> ApiResult<Response> {
    query.validate().map_err(ApiError::Validation)?;
    let organization = caller.membership.organization_id().or(query.organization);
    let csv = exports::statement(&state, organization, &query).await?;
    Ok(attachment(CSV, "statement.csv", csv))
}

/// A file to download, named.
fn attachment(content_type: &'static str, name: &str, body: String) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

const CSV: &str = "text/csv; charset=utf-8";

/// Approve earnings that accrued: those named, or every pending one of an organization.
#[utoipa::path(post, path = "/api/ledger/approve", tag = "incentives", request_body = Approve,
    responses((status = 200, body = Approved), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn approve(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<Approve>,
) -> ApiResult<Json<Approved>> {
    caller.require_vendor()?;
    Ok(Json(
        ledger::approve(&state, caller.user_id, &request).await?,
    ))
}

/// Add an adjustment to an organization's ledger, with the reason.
#[utoipa::path(post, path = "/api/ledger/adjustments", tag = "incentives",
    request_body = NewAdjustment,
    responses((status = 201, body = LedgerEntry), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn adjust(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<NewAdjustment>,
) -> ApiResult<(StatusCode, Json<LedgerEntry>)> {
    caller.require_vendor()?;
    request.validate().map_err(ApiError::Validation)?;
    let entry = ledger::adjust(&state, caller.user_id, &request).await?;
    Ok((StatusCode::CREATED, Json(entry)))
}

/// Question an earning of the caller's organization, with a comment; a manager answers.
#[utoipa::path(post, path = "/api/ledger/{id}/dispute", tag = "incentives",
    params(("id" = i64, Path)), request_body = RaiseDispute,
    responses((status = 201, body = Dispute), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn raise_dispute(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<RaiseDispute>,
) -> ApiResult<(StatusCode, Json<Dispute>)> {
    let organization = caller.partner_organization()?;
    let text = comment(&request.comment).map_err(|m| ApiError::field("comment", m))?;
    let raised = disputes::raise(&state, (caller.user_id, organization), id, &text).await?;
    Ok((StatusCode::CREATED, Json(raised)))
}

/// Answer a partner's question about an earning.
#[utoipa::path(post, path = "/api/ledger/disputes/{id}/answer", tag = "incentives",
    params(("id" = i64, Path)), request_body = AnswerDispute,
    responses((status = 200, body = Dispute), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No open question with this id"),
        (status = 422, body = ErrorBody)))]
async fn answer_dispute(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<AnswerDispute>,
) -> ApiResult<Json<Dispute>> {
    caller.require_vendor()?;
    let text = comment(&request.answer).map_err(|m| ApiError::field("answer", m))?;
    Ok(Json(
        disputes::answer(&state, caller.user_id, id, &text).await?,
    ))
}

/// The customer of a won deal got its money back: the deal stays won, every earning it made is
/// reversed, with the reason.
#[utoipa::path(post, path = "/api/opportunities/{id}/refund", tag = "incentives",
    params(("id" = i64, Path)), request_body = Refund,
    responses((status = 200, body = Refunded), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The deal is not won"),
        (status = 422, body = ErrorBody)))]
async fn refund(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<Refund>,
) -> ApiResult<Json<Refunded>> {
    caller.require_vendor()?;
    let why = comment(&request.rationale).map_err(|m| ApiError::field("rationale", m))?;
    let reversed = accrual::refund(&state, caller.user_id, id, &why).await?;
    Ok(Json(Refunded { reversed }))
}
