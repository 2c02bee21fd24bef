//! Incentives: commission plans, who a deal credits, the ledger and its statement, questions
//! about earnings, payees and payout batches.

use super::request::{Call, list_url};
use super::{ApiError, PAGE_SIZE};
use portico_api::Page;
use portico_api::incentives::{IncentivePlans, PlansView};
use portico_api::ledger::{
    AnswerDispute, Approve, Approved, Attribution, Dispute, Ledger, LedgerEntry, LedgerQuery,
    NewAdjustment, RaiseDispute, Refund, Refunded, SetAttribution,
};
use portico_api::payee::{Payee, PayeeInput};
use portico_api::payouts::{Batch, BatchSummary, NewBatch};

/// `GET /api/incentives/plans`
pub async fn incentive_plans() -> Result<PlansView, ApiError> {
    Call::get("/api/incentives/plans").read().await
}

/// `PUT /api/incentives/plans`
pub async fn save_incentive_plans(
    csrf: &str,
    body: &IncentivePlans,
) -> Result<PlansView, ApiError> {
    Call::write("PUT", "/api/incentives/plans", csrf)
        .json(body)
        .read()
        .await
}

/// `GET /api/opportunities/{id}/attribution`
pub async fn attribution(opportunity_id: i64) -> Result<Attribution, ApiError> {
    let url = format!("/api/opportunities/{opportunity_id}/attribution");
    Call::get(&url).read().await
}

/// `PUT /api/opportunities/{id}/attribution`
pub async fn set_attribution(
    csrf: &str,
    opportunity_id: i64,
    body: &SetAttribution,
) -> Result<Attribution, ApiError> {
    let url = format!("/api/opportunities/{opportunity_id}/attribution");
    Call::write("PUT", &url, csrf).json(body).read().await
}

/// `POST /api/opportunities/{id}/refund`
pub async fn refund(csrf: &str, opportunity_id: i64, body: &Refund) -> Result<Refunded, ApiError> {
    let url = format!("/api/opportunities/{opportunity_id}/refund");
    Call::write("POST", &url, csrf).json(body).read().await
}

/// `GET /api/ledger`: a page of entries with the balances.
pub async fn ledger(query: &LedgerQuery, cursor: Option<&str>) -> Result<Ledger, ApiError> {
    let url = format!(
        "{}{}",
        list_url("/api/ledger", cursor, PAGE_SIZE),
        ledger_filters(query)
    );
    Call::get(&url).read().await
}

/// Where the statement of the entries the query names downloads (`/api/ledger.csv`).
pub fn statement_href(query: &LedgerQuery) -> String {
    let filters = ledger_filters(query);
    match filters.strip_prefix('&') {
        Some(rest) => format!("/api/ledger.csv?{rest}"),
        None => "/api/ledger.csv".to_owned(),
    }
}

/// `&organization=…&status=…`, each filter the query has.
fn ledger_filters(query: &LedgerQuery) -> String {
    let mut text = String::new();
    if let Some(id) = query.organization {
        text.push_str(&format!("&organization={id}"));
    }
    if let Some(status) = query.status {
        text.push_str(&format!("&status={}", status.as_str()));
    }
    text
}

/// `POST /api/ledger/approve`
pub async fn approve_earnings(csrf: &str, body: &Approve) -> Result<Approved, ApiError> {
    Call::write("POST", "/api/ledger/approve", csrf)
        .json(body)
        .read()
        .await
}

/// `POST /api/ledger/adjustments`
pub async fn adjust_ledger(csrf: &str, body: &NewAdjustment) -> Result<LedgerEntry, ApiError> {
    Call::write("POST", "/api/ledger/adjustments", csrf)
        .json(body)
        .read()
        .await
}

/// `POST /api/ledger/{id}/dispute`
pub async fn dispute_earning(
    csrf: &str,
    earning_id: i64,
    body: &RaiseDispute,
) -> Result<Dispute, ApiError> {
    let url = format!("/api/ledger/{earning_id}/dispute");
    Call::write("POST", &url, csrf).json(body).read().await
}

/// `POST /api/ledger/disputes/{id}/answer`
pub async fn answer_dispute(
    csrf: &str,
    dispute_id: i64,
    body: &AnswerDispute,
) -> Result<Dispute, ApiError> {
    let url = format!("/api/ledger/disputes/{dispute_id}/answer");
    Call::write("POST", &url, csrf).json(body).read().await
}

/// `GET /api/organizations/{id}/payee`
pub async fn payee(organization_id: i64) -> Result<Payee, ApiError> {
    let url = format!("/api/organizations/{organization_id}/payee");
    Call::get(&url).read().await
}

/// `PUT /api/organizations/{id}/payee`
pub async fn save_payee(
    csrf: &str,
    organization_id: i64,
    body: &PayeeInput,
) -> Result<Payee, ApiError> {
    let url = format!("/api/organizations/{organization_id}/payee");
    Call::write("PUT", &url, csrf).json(body).read().await
}

/// `GET /api/payouts`, newest first.
pub async fn payout_batches(cursor: Option<&str>) -> Result<Page<BatchSummary>, ApiError> {
    Call::get(&list_url("/api/payouts", cursor, PAGE_SIZE))
        .read()
        .await
}

/// `POST /api/payouts`: a draft batch.
pub async fn create_payout_batch(csrf: &str, body: &NewBatch) -> Result<Batch, ApiError> {
    Call::write("POST", "/api/payouts", csrf)
        .json(body)
        .read()
        .await
}

/// `GET /api/payouts/{id}`
pub async fn payout_batch(id: i64) -> Result<Batch, ApiError> {
    Call::get(&format!("/api/payouts/{id}")).read().await
}

/// A step of a batch: `POST /api/payouts/{id}/confirm` or `…/paid`.
pub async fn move_payout_batch(csrf: &str, id: i64, step: BatchStep) -> Result<Batch, ApiError> {
    let url = format!("/api/payouts/{id}/{}", step.path());
    Call::write("POST", &url, csrf).read().await
}

/// `POST /api/payouts/{id}/payments/{pid}/failed`
pub async fn fail_payment(csrf: &str, batch_id: i64, payment_id: i64) -> Result<Batch, ApiError> {
    let url = format!("/api/payouts/{batch_id}/payments/{payment_id}/failed");
    Call::write("POST", &url, csrf).read().await
}

/// What a manager does to a batch as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchStep {
    Confirm,
    MarkPaid,
}

impl BatchStep {
    fn path(self) -> &'static str {
        match self {
            BatchStep::Confirm => "confirm",
            BatchStep::MarkPaid => "paid",
        }
    }
}
