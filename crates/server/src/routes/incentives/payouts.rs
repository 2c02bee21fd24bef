//! Where partners are paid and how: payee details (their admins give them), payout batches
//! drafted, confirmed, paid and exported for finance as CSV and SEPA files.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use portico_api::ErrorBody;
use portico_api::Page;
use portico_api::page::PageQuery;
use portico_api::payee::{Payee, PayeeInput};
use portico_api::payouts::{Batch, BatchSummary, NewBatch};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{CSV, attachment};
use crate::app::incentives::{exports, payee, payouts};
use crate::domain::membership::Membership;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(read_payee, save_payee))
        .routes(routes!(list_batches, create_batch))
        .routes(routes!(read_batch))
        .routes(routes!(confirm_batch))
        .routes(routes!(mark_batch_paid))
        .routes(routes!(fail_payment))
        .routes(routes!(sepa_file))
}

/// Where the organization is paid, its account masked: its partner admins and vendor staff
/// read it; partner users do not (403), nobody else's (404).
#[utoipa::path(get, path = "/api/organizations/{id}/payee", tag = "incentives",
    params(("id" = i64, Path)),
    responses((status = 200, body = Payee), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No such organization, or no payee yet")))]
async fn read_payee(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Payee>> {
    if !matches!(caller.membership, Membership::Vendor { .. }) {
        own_admin(&caller, id)?;
    }
    Ok(Json(payee::read(&state, id).await?))
}

/// Give where the organization is paid: an IBAN with its BIC, or another account reference.
/// Its partner admins only.
#[utoipa::path(put, path = "/api/organizations/{id}/payee", tag = "incentives",
    params(("id" = i64, Path)), request_body = PayeeInput,
    responses((status = 200, body = Payee), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn save_payee(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<PayeeInput>,
) -> ApiResult<Json<Payee>> {
    own_admin(&caller, id)?;
    let valid = input.validate().map_err(ApiError::Validation)?;
    Ok(Json(payee::save(&state, caller.user_id, id, &valid).await?))
}

/// The caller is a partner admin of this organization: another organization is not found, a
/// partner user is refused, and vendor staff give no partner's bank details.
fn own_admin(caller: &Caller, organization_id: i64) -> ApiResult<()> {
    match caller.membership {
        Membership::Partner {
            organization_id: own,
            ..
        } if own != organization_id => Err(ApiError::NotFound),
        Membership::Partner { admin: true, .. } => Ok(()),
        Membership::Partner { admin: false, .. } => Err(ApiError::Forbidden(
            "Only your organization's admins manage where it is paid.",
        )),
        Membership::Vendor { .. } => {
            Err(ApiError::Forbidden("Partners give their own bank details."))
        }
    }
}

/// The batches, newest first, with what each pays per currency.
#[utoipa::path(get, path = "/api/payouts", tag = "incentives", params(PageQuery),
    responses((status = 200, body = Page<BatchSummary>), (status = 403, body = ErrorBody)))]
async fn list_batches(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<BatchSummary>>> {
    caller.require_vendor()?;
    let before = Some(parse_cursor(page.cursor.as_deref())?).filter(|id| *id > 0);
    Ok(Json(payouts::list(&state, before, page.limit()).await?))
}

/// Draft a payout batch: every payable balance of at least `minimum` whose organization gave
/// a payee, for review; nothing leaves a balance before it is confirmed.
#[utoipa::path(post, path = "/api/payouts", tag = "incentives", request_body = NewBatch,
    responses((status = 201, body = Batch), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn create_batch(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<NewBatch>,
) -> ApiResult<(StatusCode, Json<Batch>)> {
    caller.require_vendor()?;
    request.validate().map_err(ApiError::Validation)?;
    let batch = payouts::create(&state, caller.user_id, request.minimum).await?;
    Ok((StatusCode::CREATED, Json(batch)))
}

/// A batch (`/api/payouts/12`), or, as `/api/payouts/12.csv`, the confirmed batch's payments
/// for finance: organization, payee, account, BIC, amount, currency, reference.
#[utoipa::path(get, path = "/api/payouts/{id}", tag = "incentives",
    params(("id" = String, Path, description = "The batch's id, or its id and `.csv`")),
    responses((status = 200, content((Batch = "application/json"), (String = "text/csv"))),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "A draft has no CSV")))]
async fn read_batch(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(file): ApiPath<String>,
) -> ApiResult<Response> {
    caller.require_vendor()?;
    let (id, as_csv) = match file.strip_suffix(".csv") {
        Some(id) => (id, true),
        None => (file.as_str(), false),
    };
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound)?;
    if !as_csv {
        return Ok(Json(payouts::read(&state, id).await?).into_response());
    }
    let csv = exports::batch(&state, id).await?;
    Ok(attachment(CSV, &format!("payout-{id}.csv"), csv))
}

/// Confirm the batch: each payment becomes a payout in its organization's ledger. Confirming
/// again changes nothing.
#[utoipa::path(post, path = "/api/payouts/{id}/confirm", tag = "incentives",
    params(("id" = i64, Path)),
    responses((status = 200, body = Batch), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn confirm_batch(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Batch>> {
    caller.require_vendor()?;
    Ok(Json(payouts::confirm(&state, caller.user_id, id).await?))
}

/// Finance made the transfers of a confirmed batch.
#[utoipa::path(post, path = "/api/payouts/{id}/paid", tag = "incentives",
    params(("id" = i64, Path)),
    responses((status = 200, body = Batch), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn mark_batch_paid(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Batch>> {
    caller.require_vendor()?;
    Ok(Json(payouts::mark_paid(&state, caller.user_id, id).await?))
}

/// The bank returned a payment: its amount goes back to the organization's balance.
#[utoipa::path(post, path = "/api/payouts/{id}/payments/{pid}/failed", tag = "incentives",
    params(("id" = i64, Path), ("pid" = i64, Path)),
    responses((status = 200, body = Batch), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn fail_payment(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((id, payment)): ApiPath<(i64, i64)>,
) -> ApiResult<Json<Batch>> {
    caller.require_vendor()?;
    Ok(Json(
        payouts::fail(&state, caller.user_id, id, payment).await?,
    ))
}

/// The confirmed batch's EUR payments to IBANs as a SEPA credit transfer file (ISO 20022
/// `pain.001.001.03`) from the configured paying account, for the next day.
#[utoipa::path(get, path = "/api/payouts/{id}/sepa.xml", tag = "incentives",
    params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/xml", body = String),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "A draft, no EUR payment to an IBAN, or no paying account set")))]
async fn sepa_file(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    caller.require_vendor()?;
    let xml = payouts::sepa(&state, id).await?;
    Ok(attachment(
        "application/xml; charset=utf-8",
        &format!("payout-{id}.xml"),
        xml,
    ))
}
