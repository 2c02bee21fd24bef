//! What the tier rules measure over the program's trailing window: won deals and their revenue
//! (converted at the rate of each deal's close day), sales in channel reports (at the rate of
//! each sale's day), approved registrations, engagement today and certified people today.

use std::collections::HashMap;

use portico_api::date::Date;
use portico_api::numbers::whole_units;
use portico_api::registrations::PartnerRole;
use portico_api::tiers::{TierProgram, convert};

use crate::app::{AppResult, partners};
use crate::domain::tiering::Metrics;
use crate::state::AppState;
use crate::store::tiers as store;
use crate::store::{certifications, channel_data, organizations};

/// What each organization (or the one given) did in the program's trailing window.
pub async fn measure(
    state: &AppState,
    program: &TierProgram,
    organization_id: Option<i64>,
) -> AppResult<HashMap<i64, Metrics>> {
    let now = state.now();
    let since = Date::from_unix(now)
        .months_before(program.window_months)
        .unix_start();
    let pool = state.db.pool();
    let mut metrics: HashMap<i64, Metrics> = HashMap::new();
    for win in store::wins(pool, organization_id, since).await? {
        let m = metrics.entry(win.organization_id).or_default();
        m.won_deals += 1;
        let day = Date::from_unix(win.closed_at).to_string();
        let value = win
            .amount
            .zip(win.currency.as_deref())
            .and_then(|(amount, currency)| Some(convert(amount, program.rate_on(currency, &day)?)))
            .unwrap_or(0);
        match win.partner_role {
            Some(PartnerRole::Sourced) => m.sourced_revenue += value,
            Some(PartnerRole::Influenced) => m.influenced_revenue += value,
            None => {}
        }
    }
    let from = Date::from_unix(since).to_string();
    for sales in channel_data::reported_sales(pool, (organization_id, None), &from).await? {
        let rate = program.rate_on(&sales.currency, &sales.transaction_date);
        let minor = rate.map_or(0, |rate| convert(sales.amount, rate));
        let m = metrics.entry(sales.organization_id).or_default();
        m.reported_revenue += whole_units(minor);
    }
    for (organization, count) in store::approved_registrations(pool, organization_id, since).await?
    {
        metrics
            .entry(organization)
            .or_default()
            .approved_registrations = count;
    }
    let organizations = match organization_id {
        Some(id) => organizations::by_id(pool, id).await?.into_iter().collect(),
        None => organizations::all(pool).await?,
    };
    for (row, engagement) in partners::assess(state, organizations).await? {
        metrics.entry(row.id).or_default().engagement_score = i64::from(engagement.score);
    }
    let today = state.today();
    for (organization, certification, people) in
        certifications::certified_people(pool, organization_id, &today).await?
    {
        let m = metrics.entry(organization).or_default();
        m.certified_people.insert(certification, people);
    }
    Ok(metrics)
}
