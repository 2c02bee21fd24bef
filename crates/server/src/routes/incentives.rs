//! Incentives: managers keep the commission plans, credit deals to partners and approve and
//! adjust what partners earn; a partner reads its own ledger.

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
use portico_api::payee::{Payee, PayeeInput};
use portico_api::payouts::{Batch, NewBatch};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::incentives::{self, accrual, attribution, disputes, ledger, payee, payouts};
use crate::domain::membership::Membership;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiPath, ApiQuery, parse_cursor};
use crate::routes::session::Caller;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(plans, save_plans))
        .routes(routes!(read_attribution, set_attribution))
        .routes(routes!(read_ledger))
        .routes(routes!(approve))
        .routes(routes!(adjust))
        .routes(routes!(read_payee, save_payee))
        .routes(routes!(create_batch))
        .routes(routes!(read_batch))
        .routes(routes!(confirm_batch))
        .routes(routes!(mark_batch_paid))
        .routes(routes!(fail_payment))
        .routes(routes!(sepa_file))
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
    if !ledger::valid_day(query.from.as_deref()) || !ledger::valid_day(query.to.as_deref()) {
        return Err(ApiError::field("from", "Give days as YYYY-MM-DD."));
    }
    let organization = caller.membership.organization_id().or(query.organization);
    // Newest first: the cursor is the last id shown, and the page goes on below it.
    let before = Some(parse_cursor(query.cursor.as_deref())?).filter(|id| *id > 0);
    Ok(Json(
        ledger::read(&state, organization, &query, before).await?,
    ))
}

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
    let csv = payouts::csv(&state, id).await?;
    let disposition = format!("attachment; filename=\"payout-{id}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        csv,
    )
        .into_response())
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
    let disposition = format!("attachment; filename=\"payout-{id}.xml\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/xml; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        xml,
    )
        .into_response())
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
