//! Programmatic tiers: which tier an organization's measured contribution reaches; how its
//! assigned tier follows that is in `standing`. Plain rules over numbers the store measured;
//! the caller keeps the standing and writes the changes.

use std::collections::BTreeMap;

use portico_api::organizations::Tier;
use portico_api::tiers::{Measure, Rule};

mod standing;

pub use standing::*;

/// What an organization did in the trailing window, revenue in the program currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metrics {
    pub sourced_revenue: i64,
    pub influenced_revenue: i64,
    /// Sales in channel reports, less those of won deals (counted above).
    pub reported_revenue: i64,
    pub won_deals: i64,
    pub approved_registrations: i64,
    pub engagement_score: i64,
    /// People holding each certification today, by certification id (measured today, not
    /// over the window: a certification holds or it does not).
    pub certified_people: BTreeMap<i64, i64>,
}

impl Metrics {
    /// What the rule measures.
    pub fn value(&self, rule: &Rule) -> i64 {
        match rule.measure {
            Measure::SourcedRevenue => self.sourced_revenue,
            Measure::InfluencedRevenue => self.influenced_revenue,
            Measure::ReportedRevenue => self.reported_revenue,
            Measure::WonDeals => self.won_deals,
            Measure::ApprovedRegistrations => self.approved_registrations,
            Measure::EngagementScore => self.engagement_score,
            Measure::CertifiedPeople => rule
                .certification_id
                .and_then(|id| self.certified_people.get(&id).copied())
                .unwrap_or(0),
        }
    }

    pub fn meets(&self, rule: &Rule) -> bool {
        self.value(rule) >= rule.at_least
    }
}

/// The highest tier whose rules are all met, climbing from the lowest: a tier above one that
/// is not reached is not reached either. The lowest tier is always reached.
pub fn eligible<'a>(
    ladder: impl IntoIterator<Item = (Tier, &'a [Rule])>,
    metrics: &Metrics,
) -> Tier {
    let mut reached = Tier::Registered;
    for (tier, rules) in ladder {
        if tier > reached && !rules.iter().all(|r| metrics.meets(r)) {
            break;
        }
        reached = reached.max(tier);
    }
    reached
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(measure: Measure, at_least: i64) -> Rule {
        Rule::of(measure, at_least)
    }

    fn ladder() -> Vec<(Tier, Vec<Rule>)> {
        vec![
            (Tier::Registered, vec![]),
            (Tier::Silver, vec![rule(Measure::ApprovedRegistrations, 2)]),
            (
                Tier::Gold,
                vec![
                    rule(Measure::SourcedRevenue, 100_000),
                    rule(Measure::WonDeals, 3),
                ],
            ),
            (Tier::Platinum, vec![rule(Measure::SourcedRevenue, 500_000)]),
        ]
    }

    fn reached(metrics: Metrics) -> Tier {
        let ladder = ladder();
        eligible(ladder.iter().map(|(t, r)| (*t, r.as_slice())), &metrics)
    }

    #[test]
    fn a_tier_is_reached_when_all_its_rules_are_met_and_the_ones_below_too() {
        assert_eq!(reached(Metrics::default()), Tier::Registered);
        let silver = Metrics {
            approved_registrations: 2,
            ..Metrics::default()
        };
        assert_eq!(reached(silver.clone()), Tier::Silver);
        let half_gold = Metrics {
            sourced_revenue: 150_000,
            won_deals: 2,
            ..silver
        };
        assert_eq!(
            reached(half_gold.clone()),
            Tier::Silver,
            "one rule of gold unmet"
        );
        let gold = Metrics {
            won_deals: 3,
            ..half_gold
        };
        assert_eq!(reached(gold), Tier::Gold);
        let rich_but_new = Metrics {
            sourced_revenue: 900_000,
            ..Metrics::default()
        };
        assert_eq!(
            reached(rich_but_new),
            Tier::Registered,
            "platinum's revenue does not skip silver's registrations"
        );
    }

    #[test]
    fn a_certified_people_rule_counts_holders_of_its_certification_only() {
        let architects = Rule {
            certification_id: Some(7),
            ..rule(Measure::CertifiedPeople, 2)
        };
        let mut metrics = Metrics::default();
        metrics.certified_people.insert(8, 5);
        assert_eq!(metrics.value(&architects), 0);
        metrics.certified_people.insert(7, 1);
        assert!(!metrics.meets(&architects));
        metrics.certified_people.insert(7, 2);
        assert!(metrics.meets(&architects));
    }
}
