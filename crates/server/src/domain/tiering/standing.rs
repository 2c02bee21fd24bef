//! How an organization's assigned tier follows the tier it reaches: a promotion at once or after
//! a manager's approval, a grace period before moving down, a manager's override until it
//! expires.

use portico_api::organizations::Tier;

use crate::clock::Timestamp;

const DAY: i64 = 24 * 60 * 60;

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
