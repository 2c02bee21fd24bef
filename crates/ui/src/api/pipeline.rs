//! The shared pipeline: opportunities, their notes, the weekly review and the program numbers.

use super::request::{Answer, Call, json, list_url, member};
use super::{ApiError, PAGE_SIZE};
use crate::url::encode;
use portico_api::pipeline::{
    ManagerOpportunityDetail, NewOpportunity, NoteRequest, OpportunityPatch,
    PartnerOpportunityDetail, PipelinePage, PipelineReview, ProgramNumbers, SharedNote,
};

// The pipeline's answers differ by the caller's side. They are read as the side's own type
// rather than through the contract's untagged and flattened enums, whose buffering
// deserializers would weigh more in the bundle than every pipeline page together.

/// `GET /api/pipeline?{query}` (already encoded); `manager` for vendor staff.
pub async fn pipeline(
    manager: bool,
    query: &str,
    cursor: Option<&str>,
) -> Result<PipelinePage, ApiError> {
    let mut url = list_url("/api/pipeline", cursor, PAGE_SIZE);
    if !query.is_empty() {
        url.push('&');
        url.push_str(query);
    }
    let answer = Call::get(&url).answer().await?;
    Ok(if manager {
        PipelinePage::Manager(json(answer)?)
    } else {
        PipelinePage::Partner(json(answer)?)
    })
}

/// An opportunity detail's `notes`; the opportunity's own fields sit beside them, and its
/// type ignores them, so the same answer is read again as the opportunity.
fn notes(answer: &Answer) -> Result<Vec<SharedNote>, ApiError> {
    json(member(answer, "notes"))
}

/// `GET /api/opportunities/{id}` for a partner: the safe fields and the shared notes.
pub async fn partner_opportunity(id: i64) -> Result<PartnerOpportunityDetail, ApiError> {
    let answer = opportunity(id).await?;
    Ok(PartnerOpportunityDetail {
        notes: notes(&answer)?,
        opportunity: json(answer)?,
    })
}

/// `GET /api/opportunities/{id}` for vendor staff: with the commercial and internal fields.
pub async fn manager_opportunity(id: i64) -> Result<ManagerOpportunityDetail, ApiError> {
    let answer = opportunity(id).await?;
    Ok(ManagerOpportunityDetail {
        notes: notes(&answer)?,
        opportunity: json(answer)?,
    })
}

async fn opportunity(id: i64) -> Result<Answer, ApiError> {
    Call::get(&format!("/api/opportunities/{id}"))
        .answer()
        .await
}

/// `POST /api/opportunities` (managers): a deal without a registration.
pub async fn create_opportunity(
    csrf: &str,
    body: &NewOpportunity,
) -> Result<ManagerOpportunityDetail, ApiError> {
    let call = Call::write("POST", "/api/opportunities", csrf).json(body);
    let answer = call.answer().await?;
    Ok(ManagerOpportunityDetail {
        notes: notes(&answer)?,
        opportunity: json(answer)?,
    })
}

/// `PATCH /api/opportunities/{id}`; the page loads the opportunity again afterwards.
pub async fn update_opportunity(
    csrf: &str,
    id: i64,
    body: &OpportunityPatch,
) -> Result<(), ApiError> {
    let url = format!("/api/opportunities/{id}");
    Call::write("PATCH", &url, csrf).json(body).done().await
}

/// `POST /api/opportunities/{id}/notes`
pub async fn add_note(csrf: &str, id: i64, body: &NoteRequest) -> Result<SharedNote, ApiError> {
    let url = format!("/api/opportunities/{id}/notes");
    Call::write("POST", &url, csrf).json(body).read().await
}

/// `GET /api/pipeline/review`, with the server's default for stale deals when `stale_days` is
/// absent.
pub async fn pipeline_review(stale_days: Option<u32>) -> Result<PipelineReview, ApiError> {
    let url = match stale_days {
        Some(days) => format!("/api/pipeline/review?stale_days={days}"),
        None => "/api/pipeline/review".to_owned(),
    };
    Call::get(&url).read().await
}

/// `GET /api/program/numbers`, in the most used currency when `currency` is absent.
pub async fn program_numbers(currency: Option<&str>) -> Result<ProgramNumbers, ApiError> {
    let url = match currency {
        Some(code) => format!("/api/program/numbers?currency={}", encode(code, false)),
        None => "/api/program/numbers".to_owned(),
    };
    Call::get(&url).read().await
}
