//! Programmatic tiers: the program's tier ladder with each tier's rules and the exchange rates
//! its revenue rules convert with; where organizations stand is in `standing`.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::organizations::Tier;
use crate::places;
use crate::validate::Fields;

mod standing;

pub use standing::*;

/// What a rule measures over the trailing window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Won deals the partner sourced, in the program currency.
    SourcedRevenue,
    /// Won deals the partner influenced, in the program currency.
    InfluencedRevenue,
    /// Sales the partner is credited with in channel reports, in the program currency; a sale
    /// of a deal the CRM records as won counts under that deal's revenue instead.
    ReportedRevenue,
    WonDeals,
    ApprovedRegistrations,
    /// The engagement score today, 0 to 100.
    EngagementScore,
    /// People of the organization holding the rule's certification, unexpired.
    CertifiedPeople,
}

string_enum!(Measure {
    SourcedRevenue => "sourced_revenue" / "Partner-sourced won revenue",
    InfluencedRevenue => "influenced_revenue" / "Partner-influenced won revenue",
    ReportedRevenue => "reported_revenue" / "Revenue in sales reports",
    WonDeals => "won_deals" / "Won deals",
    ApprovedRegistrations => "approved_registrations" / "Approved registrations",
    EngagementScore => "engagement_score" / "Engagement score",
    CertifiedPeople => "certified_people" / "Certified people",
});

impl Measure {
    pub fn is_revenue(self) -> bool {
        matches!(
            self,
            Measure::SourcedRevenue | Measure::InfluencedRevenue | Measure::ReportedRevenue
        )
    }
}

/// Reached when the measure is at least this much (revenue in whole program-currency units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub measure: Measure,
    pub at_least: i64,
    /// For `certified_people`: the certification's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certification_id: Option<i64>,
}

impl Rule {
    /// A rule on a measure that names no certification.
    pub fn of(measure: Measure, at_least: i64) -> Rule {
        Rule {
            measure,
            at_least,
            certification_id: None,
        }
    }
}

/// One rung of the ladder as managers describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TierDefinition {
    pub tier: Tier,
    pub name: String,
    /// What partners at this tier get, in a few lines.
    pub benefits: String,
    /// How long an approved registration is protected at this tier; the motion's length when
    /// absent.
    pub protection_days: Option<i64>,
    /// All must be met; the lowest tier has none.
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Promotion {
    /// An organization that qualifies is promoted by the evaluation.
    Automatic,
    /// The evaluation proposes the promotion; a manager approves it.
    Approval,
}

/// How many program-currency units one unit of `currency` was worth from `from` on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExchangeRate {
    pub currency: String,
    /// `YYYY-MM-DD`.
    pub from: String,
    /// A decimal with at most six places, e.g. `"0.92"`.
    pub rate: String,
}

/// `GET/PUT /api/program/tiers`: the whole tier program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TierProgram {
    /// The currency revenue rules are written in (ISO 4217).
    pub currency: String,
    pub window_months: u32,
    pub grace_days: u32,
    pub promotion: Promotion,
    /// The four tiers, lowest first.
    pub tiers: Vec<TierDefinition>,
    pub exchange_rates: Vec<ExchangeRate>,
}

/// `GET /api/program/tiers`: the program, and whether it is in force (saved) or the starter
/// ladder shown until managers save one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierProgramView {
    pub program: TierProgram,
    pub in_force: bool,
}

pub const MAX_WINDOW_MONTHS: u32 = 36;
pub const MAX_GRACE_DAYS: u32 = 365;

impl TierProgram {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        f.check("currency", places::currency(&self.currency));
        if !(1..=MAX_WINDOW_MONTHS).contains(&self.window_months) {
            f.add("window_months", "Choose a window of 1 to 36 months.");
        }
        if self.grace_days > MAX_GRACE_DAYS {
            f.add("grace_days", "Choose a grace period of at most 365 days.");
        }
        let order: Vec<Tier> = self.tiers.iter().map(|t| t.tier).collect();
        if order != Tier::ALL {
            f.add("tiers", "List the four tiers once each, lowest first.");
        }
        for (i, tier) in self.tiers.iter().enumerate() {
            check_tier(&mut f, i, tier);
        }
        for (i, rate) in self.exchange_rates.iter().enumerate() {
            check_rate(&mut f, i, rate, &self.currency);
        }
        f.finish()
    }

    /// The rate that applied to `currency` on `day` (`YYYY-MM-DD`), in millionths of a
    /// program-currency unit; the program currency itself is worth one.
    pub fn rate_on(&self, currency: &str, day: &str) -> Option<i64> {
        if currency == self.currency {
            return Some(MILLION);
        }
        self.exchange_rates
            .iter()
            .filter(|r| r.currency == currency && r.from.as_str() <= day)
            .max_by(|a, b| a.from.cmp(&b.from))
            .and_then(|r| parse_rate(&r.rate))
    }
}

fn check_tier(f: &mut Fields, i: usize, tier: &TierDefinition) {
    let at = |field: &str| format!("tiers[{i}].{field}");
    let name = tier.name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        f.add(&at("name"), "Name the tier in 1 to 40 characters.");
    }
    if tier.benefits.chars().count() > 2000 {
        f.add(
            &at("benefits"),
            "Describe the benefits in at most 2,000 characters.",
        );
    }
    if tier
        .protection_days
        .is_some_and(|d| !(1..=365).contains(&d))
    {
        f.add(
            &at("protection_days"),
            "Choose 1 to 365 days, or leave it empty.",
        );
    }
    if tier.tier == Tier::Registered && !tier.rules.is_empty() {
        f.add(
            &at("rules"),
            "Every partner starts at the lowest tier: it has no rules.",
        );
    }
    for (j, rule) in tier.rules.iter().enumerate() {
        let field = format!("tiers[{i}].rules[{j}].at_least");
        if rule.at_least < 0 {
            f.add(&field, "Enter zero or more.");
        } else if rule.measure == Measure::EngagementScore && rule.at_least > 100 {
            f.add(&field, "The engagement score goes up to 100.");
        }
        let wants_certification = rule.measure == Measure::CertifiedPeople;
        if wants_certification != rule.certification_id.is_some() {
            f.add(
                &format!("tiers[{i}].rules[{j}].certification_id"),
                if wants_certification {
                    "Choose the certification people must hold."
                } else {
                    "Only a certified-people rule names a certification."
                },
            );
        }
        if tier.rules[..j]
            .iter()
            .any(|r| (r.measure, r.certification_id) == (rule.measure, rule.certification_id))
        {
            f.add(
                &format!("tiers[{i}].rules[{j}].measure"),
                "Each measure once per tier.",
            );
        }
    }
}

fn check_rate(f: &mut Fields, i: usize, rate: &ExchangeRate, program: &str) {
    let at = |field: &str| format!("exchange_rates[{i}].{field}");
    match places::currency(&rate.currency) {
        Err(message) => f.add(&at("currency"), message),
        Ok(code) if code == program => {
            f.add(&at("currency"), "The program currency needs no rate.")
        }
        Ok(_) => {}
    }
    if crate::date::Date::parse(&rate.from).is_none() {
        f.add(
            &at("from"),
            "Enter the day the rate applies from, as YYYY-MM-DD.",
        );
    }
    if parse_rate(&rate.rate).is_none_or(|r| r <= 0) {
        f.add(
            &at("rate"),
            "Enter a positive rate with at most six decimals, like 0.92.",
        );
    }
}

const MILLION: i64 = 1_000_000;

/// "0.92" as 920000 millionths; `None` for anything but a plain decimal with at most six places.
pub fn parse_rate(text: &str) -> Option<i64> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || fraction.len() > 6 {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<6}").parse().ok()?;
    whole.checked_mul(MILLION)?.checked_add(fraction)
}

/// An amount in another currency at a rate in millionths, rounded down to whole units.
pub fn convert(amount: i64, rate_millionths: i64) -> i64 {
    ((i128::from(amount) * i128::from(rate_millionths)) / i128::from(MILLION)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_plain_decimals_with_at_most_six_places() {
        assert_eq!(parse_rate("0.92"), Some(920_000));
        assert_eq!(parse_rate("1"), Some(1_000_000));
        assert_eq!(parse_rate("1.234567"), Some(1_234_567));
        for bad in ["", ".5", "1.", "1.2345678", "-1", "1e3", "1,5", " "] {
            assert_eq!(parse_rate(bad), None, "{bad:?}");
        }
        assert_eq!(convert(100_000, 920_000), 92_000);
    }
}
