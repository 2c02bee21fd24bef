//! Programmatic tiers: which tier an organization's measured contribution reaches, and how its
//! assigned tier follows that (a promotion at once or after a manager's approval, a grace period
//! before moving down, a manager's override until it expires). Plain rules over numbers the
//! store measured; the caller keeps the standing and writes the changes.

use std::collections::BTreeMap;

use portico_api::organizations::Tier;
use portico_api::tiers::{Measure, Rule};

use crate::clock::Timestamp;

const DAY: i64 = 24 * 60 * 60;

/// What an organization did in the trailing window, revenue in the program currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metrics {
    pub sourced_revenue: i64,
    pub influenced_revenue: i64,
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

/// How assignment follows eligibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// A promotion waits for a manager's approval instead of happening at once.
    pub approval_required: bool,
    pub grace_days: i64,
}

/// A manager's choice of tier, held until it expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Override {
    pub tier: Tier,
    pub until: Timestamp,
}

/// Where an organization stands between evaluations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub assigned: Tier,
    /// Set while the organization no longer qualifies for `assigned`: it moves down at this
    /// moment unless it qualifies again before.
    pub grace_until: Option<Timestamp>,
    /// A promotion waiting for a manager's approval.
    pub proposed: Option<Tier>,
    pub manual: Option<Override>,
}

impl Standing {
    pub fn new(assigned: Tier) -> Standing {
        Standing {
            assigned,
            grace_until: None,
            proposed: None,
            manual: None,
        }
    }
}

/// What one evaluation changed, in the order it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Promoted {
        from: Tier,
        to: Tier,
    },
    PromotionProposed {
        to: Tier,
    },
    /// No longer qualifies for the assigned tier; moves down at `until` unless it qualifies.
    GraceStarted {
        until: Timestamp,
    },
    /// Qualified again before the grace period ended.
    GraceLifted,
    MovedDown {
        from: Tier,
        to: Tier,
    },
    OverrideExpired {
        tier: Tier,
    },
}

/// The standing after an evaluation at `now` that found `eligible`, and what changed. Running it
/// again with the same inputs changes nothing, so an evaluation can be repeated safely.
pub fn evaluate(
    standing: Standing,
    eligible: Tier,
    now: Timestamp,
    policy: Policy,
) -> (Standing, Vec<Change>) {
    let mut next = standing;
    let mut changes = Vec::new();
    match standing.manual {
        Some(manual) if manual.until > now => return (standing, changes),
        Some(manual) => {
            next.manual = None;
            changes.push(Change::OverrideExpired { tier: manual.tier });
        }
        None => {}
    }
    if eligible >= next.assigned && next.grace_until.take().is_some() {
        changes.push(Change::GraceLifted);
    }
    if eligible > next.assigned {
        if policy.approval_required {
            if next.proposed != Some(eligible) {
                changes.push(Change::PromotionProposed { to: eligible });
            }
            next.proposed = Some(eligible);
        } else {
            changes.push(Change::Promoted {
                from: next.assigned,
                to: eligible,
            });
            next.assigned = eligible;
            next.proposed = None;
        }
    } else {
        next.proposed = None;
    }
    if eligible < next.assigned {
        match next.grace_until {
            None => {
                let until = now + policy.grace_days * DAY;
                next.grace_until = Some(until);
                changes.push(Change::GraceStarted { until });
            }
            Some(until) if until <= now => {
                changes.push(Change::MovedDown {
                    from: next.assigned,
                    to: eligible,
                });
                next.assigned = eligible;
                next.grace_until = None;
            }
            Some(_) => {}
        }
    }
    (next, changes)
}

/// Vendor staff are reminded this long before a manager's override ends.
pub const OVERRIDE_REMINDER_DAYS: i64 = 7;

/// Whether an override still holds but ends within the reminder's reach.
pub fn override_ends_soon(manual: Override, now: Timestamp) -> bool {
    manual.until > now && manual.until - now <= OVERRIDE_REMINDER_DAYS * DAY
}

/// A manager approves the proposed promotion; `None` when none is waiting.
pub fn approve(standing: Standing) -> Option<(Standing, Change)> {
    let to = standing.proposed?;
    let next = Standing {
        assigned: to,
        grace_until: None,
        proposed: None,
        manual: standing.manual,
    };
    Some((
        next,
        Change::Promoted {
            from: standing.assigned,
            to,
        },
    ))
}

/// A manager sets the tier until `until`; evaluation leaves it alone until then, and a grace
/// period or a proposal from before no longer applies.
pub fn override_with(manual: Override) -> Standing {
    Standing {
        assigned: manual.tier,
        grace_until: None,
        proposed: None,
        manual: Some(manual),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = 1_800_000_000;
    const AUTOMATIC: Policy = Policy {
        approval_required: false,
        grace_days: 90,
    };

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

    #[test]
    fn qualifying_promotes_at_once_or_proposes_when_approval_is_required() {
        let (standing, changes) = evaluate(Standing::new(Tier::Silver), Tier::Gold, NOW, AUTOMATIC);
        assert_eq!(standing.assigned, Tier::Gold);
        assert_eq!(
            changes,
            [Change::Promoted {
                from: Tier::Silver,
                to: Tier::Gold
            }]
        );

        let approval = Policy {
            approval_required: true,
            ..AUTOMATIC
        };
        let (proposed, changes) = evaluate(Standing::new(Tier::Silver), Tier::Gold, NOW, approval);
        assert_eq!(proposed.assigned, Tier::Silver);
        assert_eq!(changes, [Change::PromotionProposed { to: Tier::Gold }]);
        let (again, changes) = evaluate(proposed, Tier::Gold, NOW + DAY, approval);
        assert_eq!((again, changes.len()), (proposed, 0), "proposed once");
        let (approved, change) = approve(again).unwrap();
        assert_eq!(approved.assigned, Tier::Gold);
        assert!(matches!(change, Change::Promoted { to: Tier::Gold, .. }));
        assert!(approve(approved).is_none());
    }

    #[test]
    fn losing_the_tier_starts_a_grace_period_and_moves_down_only_at_its_end() {
        let gold = Standing::new(Tier::Gold);
        let (in_grace, changes) = evaluate(gold, Tier::Silver, NOW, AUTOMATIC);
        let end = NOW + 90 * DAY;
        assert_eq!(changes, [Change::GraceStarted { until: end }]);
        assert_eq!(in_grace.assigned, Tier::Gold);

        let (still, changes) = evaluate(in_grace, Tier::Silver, end - 1, AUTOMATIC);
        assert_eq!((still, changes.len()), (in_grace, 0));

        let (down, changes) = evaluate(in_grace, Tier::Registered, end, AUTOMATIC);
        assert_eq!(down, Standing::new(Tier::Registered));
        assert_eq!(
            changes,
            [Change::MovedDown {
                from: Tier::Gold,
                to: Tier::Registered
            }]
        );
        let (same, changes) = evaluate(down, Tier::Registered, end, AUTOMATIC);
        assert_eq!((same, changes.len()), (down, 0), "idempotent");
    }

    #[test]
    fn qualifying_again_within_grace_lifts_it() {
        let (in_grace, _) = evaluate(Standing::new(Tier::Gold), Tier::Silver, NOW, AUTOMATIC);
        let (back, changes) = evaluate(in_grace, Tier::Gold, NOW + 10 * DAY, AUTOMATIC);
        assert_eq!(back, Standing::new(Tier::Gold));
        assert_eq!(changes, [Change::GraceLifted]);

        let (promoted, changes) = evaluate(in_grace, Tier::Platinum, NOW + DAY, AUTOMATIC);
        assert_eq!(promoted.assigned, Tier::Platinum);
        assert_eq!(promoted.grace_until, None);
        assert_eq!(changes[0], Change::GraceLifted);
    }

    #[test]
    fn an_override_ends_soon_in_its_last_week() {
        let manual = Override {
            tier: Tier::Gold,
            until: NOW + 10 * DAY,
        };
        assert!(!override_ends_soon(manual, NOW));
        assert!(override_ends_soon(manual, NOW + 3 * DAY));
        assert!(!override_ends_soon(manual, NOW + 10 * DAY), "ended");
    }

    #[test]
    fn an_override_holds_until_it_expires_then_the_rules_apply_again() {
        let manual = Override {
            tier: Tier::Platinum,
            until: NOW + 30 * DAY,
        };
        let held = override_with(manual);
        let (same, changes) = evaluate(held, Tier::Registered, NOW + DAY, AUTOMATIC);
        assert_eq!((same, changes.len()), (held, 0));

        let (after, changes) = evaluate(held, Tier::Silver, manual.until, AUTOMATIC);
        assert_eq!(after.assigned, Tier::Platinum);
        assert_eq!(after.manual, None);
        assert_eq!(
            changes,
            [
                Change::OverrideExpired {
                    tier: Tier::Platinum
                },
                Change::GraceStarted {
                    until: manual.until + 90 * DAY
                }
            ]
        );
    }
}
