//! `GET /api/dashboard`: the counts and short lists a home page starts with. Each count is
//! taken with the same filter as the list the apps link it to.

use axum::Json;
use axum::extract::State;
use portico_api::ErrorBody;
use portico_api::dashboard::{
    Amount, BRIEF_ITEMS, Dashboard, ManagerDashboard, PROTECTION_ENDING_DAYS, PartnerDashboard,
    RegistrationBrief, StageTotal, StatusCount,
};
use portico_api::date::Date;
use portico_api::organizations::{Motion, PartnerStatus};
use portico_api::registrations::{ConflictLevel, ExtensionStatus, RegistrationStatus, number};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::{onboarding, partners};
use crate::domain::program::protection;
use crate::error::{ApiError, ApiResult};
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::opportunities::stages::{StageRow, open_by_stage};
use crate::store::opportunities::{self, PipelineFilter};
use crate::store::registrations::{self, ListFilter, RegistrationRow, home};
use crate::store::{Scope, announcements, assets, organizations};

const DAY: i64 = 86_400;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(dashboard))
}

/// Vendor staff get the approval queue's counts and the partners that need attention;
/// partners get their organization's registrations, protection ending soon, unread
/// announcements, new content, open pipeline by stage and, when new, their first steps.
#[utoipa::path(get, path = "/api/dashboard", tag = "dashboard",
    responses((status = 200, body = Dashboard), (status = 401, body = ErrorBody)))]
async fn dashboard(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Dashboard>> {
    Ok(Json(match caller.scope() {
        Scope::Vendor => Dashboard::Manager(manager(&state).await?),
        Scope::Organization(id) => Dashboard::Partner(partner(&state, &caller, id).await?),
    }))
}

async fn manager(state: &AppState) -> ApiResult<ManagerDashboard> {
    let db = state.db.pool();
    let queue = ListFilter {
        queue: true,
        ..ListFilter::all(Scope::Vendor, 0)
    };
    let late = ListFilter {
        late_at: Some(state.now()),
        ..queue
    };
    let conflicts = ListFilter {
        conflict: Some(ConflictLevel::Review),
        ..queue
    };
    let extensions = ListFilter {
        status: Some(RegistrationStatus::Approved),
        extension: Some(ExtensionStatus::Requested),
        ..ListFilter::all(Scope::Vendor, 0)
    };
    let overdue = PipelineFilter {
        due_before: Some(Date::from_unix(state.now()).to_string()),
        ..PipelineFilter::vendor(state.now(), 0)
    };
    let (to_decide, past_sla, with_conflicts, extension_requests, overdue_next_steps) = tokio::try_join!(
        registrations::count(db, queue),
        registrations::count(db, late),
        registrations::count(db, conflicts),
        registrations::count(db, extensions),
        opportunities::count(db, &overdue),
    )?;
    let partners = partners::assess_all(state).await?;
    let count =
        |status: PartnerStatus| partners.iter().filter(|(_, e)| status.holds(e)).count() as i64;
    Ok(ManagerDashboard {
        to_decide,
        past_sla,
        with_conflicts,
        extension_requests,
        overdue_next_steps,
        stalled_partners: count(PartnerStatus::Stalled),
        activating_partners: count(PartnerStatus::Activating),
    })
}

async fn partner(
    state: &AppState,
    caller: &Caller,
    organization_id: i64,
) -> ApiResult<PartnerDashboard> {
    let db = state.db.pool();
    let now = state.now();
    let profile = assets::profile(db, organization_id, &state.today())
        .await?
        .ok_or_else(|| ApiError::internal("the caller's organization has no profile"))?;
    let ending_until = now + PROTECTION_ENDING_DAYS * DAY;
    let (statuses, to_answer, (ending_total, ending), (unread, to_acknowledge)) = tokio::try_join!(
        home::status_counts(db, organization_id),
        home::to_answer(db, organization_id, now - 14 * DAY, BRIEF_ITEMS),
        home::protection_ending(db, organization_id, now, ending_until, BRIEF_ITEMS),
        announcements::unread(db, organization_id, caller.user_id),
    )?;
    let (new_content, stages, organization) = tokio::try_join!(
        assets::new_to(db, caller.user_id, profile, now),
        open_by_stage(db, organization_id),
        organizations::by_id(db, organization_id),
    )?;
    let organization = organization.ok_or(ApiError::NotFound)?;
    let onboarding = onboarding::while_new(state, organization).await?;
    Ok(PartnerDashboard {
        registrations: RegistrationStatus::ALL
            .iter()
            .map(|&status| StatusCount {
                status,
                count: statuses
                    .iter()
                    .find(|(s, _)| *s == status)
                    .map_or(0, |(_, n)| *n),
            })
            .collect(),
        to_answer: to_answer.into_iter().map(|r| brief(r, now)).collect(),
        protection_ending: ending.into_iter().map(|r| brief(r, now)).collect(),
        protection_ending_total: ending_total,
        unread_announcements: unread,
        to_acknowledge,
        new_content,
        pipeline: stage_totals(stages),
        onboarding,
    })
}

fn brief(row: RegistrationRow, now: i64) -> RegistrationBrief {
    RegistrationBrief {
        id: row.id,
        number: number(row.id),
        company_name: row.company_name,
        status: row.status,
        question: row
            .info_question
            .filter(|_| row.status == RegistrationStatus::InfoRequested),
        protection: row.protection_ends_at.map(|ends| protection(ends, now)),
        extension: row.extension_status,
    }
}

/// Rows per motion, stage and currency into one entry per stage, in the motion's stage order.
fn stage_totals(rows: Vec<StageRow>) -> Vec<StageTotal> {
    let mut totals: Vec<StageTotal> = Vec::new();
    for row in rows {
        let Some(motion) = Motion::parse(&row.motion) else {
            continue;
        };
        let at = match totals
            .iter()
            .position(|t| t.motion == motion && t.stage == row.stage)
        {
            Some(at) => at,
            None => {
                totals.push(StageTotal {
                    motion,
                    stage: row.stage,
                    deals: 0,
                    values: Vec::new(),
                });
                totals.len() - 1
            }
        };
        let total = &mut totals[at];
        total.deals += row.deals;
        if !row.currency.is_empty() && row.value > 0 {
            total.values.push(Amount {
                currency: row.currency,
                value: row.value,
            });
        }
    }
    for total in &mut totals {
        total.values.sort_by_key(|a| std::cmp::Reverse(a.value));
    }
    totals.sort_by_key(|t| (t.motion as u8, stage_index(t)));
    totals
}

fn stage_index(total: &StageTotal) -> usize {
    portico_api::pipeline::stages(total.motion)
        .iter()
        .position(|s| s.slug == total.stage)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(motion: &str, stage: &str, currency: &str, deals: i64, value: i64) -> StageRow {
        StageRow {
            motion: motion.into(),
            stage: stage.into(),
            currency: currency.into(),
            deals,
            value,
        }
    }

    #[test]
    fn stages_add_up_per_currency_in_each_motions_order() {
        let totals = stage_totals(vec![
            row("reseller", "transact", "EUR", 1, 50_000),
            row("reseller", "deal_registration", "", 2, 0),
            row("reseller", "deal_registration", "USD", 1, 10_000),
            row("reseller", "deal_registration", "EUR", 2, 90_000),
            row("referral", "validate", "EUR", 1, 5_000),
        ]);
        let order: Vec<(&str, &str, i64)> = totals
            .iter()
            .map(|t| (t.motion.as_str(), t.stage.as_str(), t.deals))
            .collect();
        assert_eq!(
            order,
            [
                ("referral", "validate", 1),
                ("reseller", "deal_registration", 5),
                ("reseller", "transact", 1),
            ]
        );
        let values: Vec<(&str, i64)> = totals[1]
            .values
            .iter()
            .map(|a| (a.currency.as_str(), a.value))
            .collect();
        assert_eq!(values, [("EUR", 90_000), ("USD", 10_000)]);
    }
}
