//! How a deal reads on a page: amounts, stages, partner roles, protection and next steps, the
//! same for the partner's and the manager's views.

use portico_api::organizations::Motion;
use portico_api::pipeline::{LOST, ProtectionStatus, Stage, WON, stages};
use portico_api::places::CURRENCIES;
use portico_api::registrations::PartnerRole;

use crate::format::{format_day, format_money};
use crate::text;

/// Whether a stage slug can be asked for: `won` and `lost` always, the others with their motion.
pub fn stage_fits(motion: Option<Motion>, slug: &str) -> bool {
    slug == WON || slug == LOST || motion.is_some_and(|m| Stage::parse(m, slug).is_some())
}

/// A motion's stages in order, then the outcomes; only the outcomes without a motion.
pub fn stage_options(motion: Option<Motion>) -> Vec<(String, String)> {
    let open = motion.into_iter().flat_map(|m| {
        stages(m)
            .iter()
            .map(|s| (s.slug.to_owned(), s.label.to_owned()))
    });
    open.chain([
        (WON.to_owned(), text::deal::WON.to_owned()),
        (LOST.to_owned(), text::deal::LOST.to_owned()),
    ])
    .collect()
}

/// "€250,000" (in the reader's way of writing money)
pub fn money(amount: Option<i64>, currency: Option<&str>) -> Option<String> {
    amount.map(|a| format_money(a, currency.unwrap_or_default()))
}

/// "Send the proposal (due 2026-12-01)"
pub fn next_step(step: Option<String>, due: Option<String>) -> Option<String> {
    match (step, due) {
        (Some(step), Some(due)) => Some(text::deal::step_due(&step, &format_day(&due))),
        (Some(step), None) => Some(step),
        (None, Some(due)) => Some(text::deal::due(&format_day(&due))),
        (None, None) => None,
    }
}

/// "Protected until 2027-02-21"
pub fn protection(status: ProtectionStatus, ends: Option<String>) -> String {
    match ends.as_deref().map(format_day) {
        Some(day) if status != ProtectionStatus::None => {
            text::deal::protected_until(status.label(), &day)
        }
        _ => status.label().to_owned(),
    }
}

/// "Sourced" or "Influenced"
pub fn role_label(role: PartnerRole) -> &'static str {
    match role {
        PartnerRole::Sourced => text::deal::SOURCED,
        PartnerRole::Influenced => text::deal::INFLUENCED,
    }
}

/// The currencies deals use, as select options.
pub fn currency_options() -> Vec<(String, String)> {
    CURRENCIES
        .iter()
        .map(|c| (c.to_string(), c.to_string()))
        .collect()
}

/// Where this browser keeps the currency of its last registration.
const LAST_CURRENCY_KEY: &str = "portico.last-currency";

/// The currency this browser registered a deal in last, which a new form starts with.
pub fn last_currency() -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let code = storage.get_item(LAST_CURRENCY_KEY).ok()??;
    CURRENCIES.contains(&code.as_str()).then_some(code)
}

pub fn remember_currency(code: &str) {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    if let Some(storage) = storage {
        // Without room in storage the next form starts without a currency, as before.
        let _ = storage.set_item(LAST_CURRENCY_KEY, code);
    }
}

/// A whole number typed with or without thousands separators.
pub fn parse_number(input: &str) -> Option<i64> {
    input
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\''))
        .collect::<String>()
        .parse()
        .ok()
}
