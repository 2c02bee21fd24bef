//! The tier program shown until managers save their own.

use portico_api::organizations::Tier;
use portico_api::tiers::{ExchangeRate, Measure, Promotion, Rule, TierDefinition, TierProgram};

/// The ladder a program starts from: names and benefits to edit, rules that ask for real
/// contribution, and rates for the currencies most deals use.
pub fn starter_program() -> TierProgram {
    let tier = |tier: Tier, benefits: &str, rules| TierDefinition {
        tier,
        name: tier.label().to_owned(),
        benefits: benefits.to_owned(),
        protection_days: None,
        rules,
    };
    let rate = |currency: &str, rate: &str| ExchangeRate {
        currency: currency.to_owned(),
        from: "2026-01-01".to_owned(),
        rate: rate.to_owned(),
    };
    TierProgram {
        currency: "USD".to_owned(),
        window_months: 12,
        grace_days: 90,
        promotion: Promotion::Automatic,
        tiers: vec![
            tier(
                Tier::Registered,
                "Deal registration, the content hub and announcements.",
                vec![],
            ),
            tier(
                Tier::Silver,
                "Silver content and a named partner manager.",
                vec![
                    Rule::of(Measure::ApprovedRegistrations, 2),
                    Rule::of(Measure::EngagementScore, 30),
                ],
            ),
            tier(
                Tier::Gold,
                "Gold content, co-marketing funds and a quarterly business review.",
                vec![
                    Rule::of(Measure::SourcedRevenue, 100_000),
                    Rule::of(Measure::WonDeals, 3),
                ],
            ),
            tier(
                Tier::Platinum,
                "Every asset, joint planning and first call on new products.",
                vec![
                    Rule::of(Measure::SourcedRevenue, 500_000),
                    Rule::of(Measure::WonDeals, 10),
                ],
            ),
        ],
        exchange_rates: vec![
            rate("EUR", "1.08"),
            rate("GBP", "1.27"),
            rate("CAD", "0.73"),
        ],
    }
}
