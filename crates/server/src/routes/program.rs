//! The program's numbers for managers: pipeline by motion and the partner's role, outcomes,
//! partner-sourced revenue by quarter and how fast new partners register.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use portico_api::date::Date;
use portico_api::numbers::whole_units;
use portico_api::organizations::Motion;
use portico_api::pipeline::{
    LOST, MotionOutcomes, MotionPipeline, NewPartner, NumbersQuery, ProgramNumbers, QuarterRevenue,
    Stage, WON,
};
use portico_api::registrations::PartnerRole;
use portico_api::{ErrorBody, OrganizationRef};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::clock::{Timestamp, rfc3339};
use crate::domain::pipeline::Quarter;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiQuery;
use crate::routes::session::Caller;
use crate::state::AppState;
use crate::store::sql::Pool;
use crate::store::{channel_data, numbers};

const QUARTERS: i32 = 8;
const NEW_PARTNER_DAYS: i64 = 90;
/// When no deal has an amount yet.
const FALLBACK_CURRENCY: &str = "USD";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(program_numbers))
}

/// The program's numbers in one currency (the most used when absent): deal counts cover every
/// deal, values only those in that currency. Managers only.
#[utoipa::path(get, path = "/api/program/numbers", tag = "pipeline", params(NumbersQuery),
    responses((status = 200, body = ProgramNumbers), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn program_numbers(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<NumbersQuery>,
) -> ApiResult<Json<ProgramNumbers>> {
    caller.require_vendor()?;
    let db = state.db.pool();
    let now = state.now();
    let totals = numbers::totals(db).await?;
    let mut currencies = currencies(&totals);
    for reported in numbers::reported_currencies(db).await? {
        if !currencies.contains(&reported) {
            currencies.push(reported);
        }
    }
    let currency = match query.currency.as_deref() {
        Some(code) => portico_api::places::currency(code)
            .map_err(|message| ApiError::field("currency", message))?,
        None => currencies.first().map_or(FALLBACK_CURRENCY, String::as_str),
    }
    .to_owned();
    Ok(Json(ProgramNumbers {
        pipeline_by_motion: pipeline(&totals, &currency),
        outcomes_by_motion: outcomes(&totals),
        sourced_revenue_by_quarter: revenue(db, &currency, now).await?,
        new_partners: new_partners(db, now).await?,
        currency,
        currencies,
    }))
}

/// Currencies deals are recorded in, most used first.
fn currencies(totals: &[numbers::TotalRow]) -> Vec<String> {
    let mut deals: BTreeMap<&str, i64> = BTreeMap::new();
    for row in totals.iter().filter(|r| !r.currency.is_empty()) {
        *deals.entry(&row.currency).or_default() += row.deals;
    }
    let mut ranked: Vec<(&str, i64)> = deals.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.into_iter().map(|(c, _)| c.to_owned()).collect()
}

/// Open deals of every motion: all of them counted, the value of those in `currency`.
fn pipeline(totals: &[numbers::TotalRow], currency: &str) -> Vec<MotionPipeline> {
    Motion::ALL
        .iter()
        .map(|&motion| {
            let mut entry = MotionPipeline {
                motion,
                sourced_count: 0,
                sourced_value: 0,
                influenced_count: 0,
                influenced_value: 0,
            };
            let open = totals.iter().filter(|r| {
                r.motion == motion.as_str()
                    && Stage::parse(motion, &r.stage).is_some_and(Stage::is_open)
            });
            for row in open {
                let value = if row.currency == currency {
                    row.value
                } else {
                    0
                };
                match PartnerRole::parse(&row.partner_role) {
                    Some(PartnerRole::Sourced) => {
                        entry.sourced_count += row.deals;
                        entry.sourced_value += value;
                    }
                    Some(PartnerRole::Influenced) => {
                        entry.influenced_count += row.deals;
                        entry.influenced_value += value;
                    }
                    // Not yet attributed: neither sourced nor influenced.
                    None => {}
                }
            }
            entry
        })
        .collect()
}

fn outcomes(totals: &[numbers::TotalRow]) -> Vec<MotionOutcomes> {
    Motion::ALL
        .iter()
        .map(|&motion| {
            let sum = |stage: &str, field: fn(&numbers::TotalRow) -> i64| -> i64 {
                totals
                    .iter()
                    .filter(|r| r.motion == motion.as_str() && r.stage == stage)
                    .map(field)
                    .sum()
            };
            let won = sum(WON, |r| r.deals);
            let lost = sum(LOST, |r| r.deals);
            let seconds = sum(WON, |r| r.cycle_seconds);
            MotionOutcomes {
                motion,
                won,
                lost,
                win_rate_percent: (won + lost > 0)
                    .then(|| (won * 100 + (won + lost) / 2) / (won + lost)),
                average_cycle_days: (won > 0).then(|| seconds / won / 86_400),
            }
        })
        .collect()
}

/// Won sourced deals (whole units) and reported sales (minor units, rounded to whole units
/// per quarter) by quarter.
async fn revenue(db: &Pool, currency: &str, now: Timestamp) -> ApiResult<Vec<QuarterRevenue>> {
    let first = Quarter::of(now).back(QUARTERS - 1);
    let mut by_quarter: BTreeMap<Quarter, (i64, i64)> =
        std::iter::successors(Some(first), |q| Some(q.next()))
            .take(QUARTERS as usize)
            .map(|quarter| (quarter, (0, 0)))
            .collect();
    for (day, value) in numbers::sourced_wins_by_day(db, currency, first.start()).await? {
        if let Some((won, _)) = by_quarter.get_mut(&Quarter::of(day * 86_400)) {
            *won += value;
        }
    }
    let from = Date::from_unix(first.start()).to_string();
    for sales in channel_data::reported_sales(db, (None, Some(currency)), &from).await? {
        let day = Date::parse(&sales.transaction_date);
        if let Some((_, reported)) =
            day.and_then(|d| by_quarter.get_mut(&Quarter::of(d.unix_start())))
        {
            *reported += sales.amount;
        }
    }
    Ok(by_quarter
        .into_iter()
        .map(|(quarter, (value, minor))| QuarterRevenue {
            quarter: quarter.label(),
            value,
            reported: whole_units(minor),
        })
        .collect())
}

async fn new_partners(db: &Pool, now: Timestamp) -> ApiResult<Vec<NewPartner>> {
    let rows = numbers::joined_since(db, now - NEW_PARTNER_DAYS * 86_400).await?;
    Ok(rows
        .into_iter()
        .map(|row| NewPartner {
            organization: OrganizationRef {
                id: row.id,
                name: row.name,
            },
            joined_at: rfc3339(row.created_at),
            days_to_first_registration: row
                .first_submitted_at
                .map(|first| (first - row.created_at).max(0) / 86_400),
        })
        .collect())
}
