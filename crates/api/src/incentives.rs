//! Incentives: the commission plans managers keep (revenue share, flat amount, installments,
//! each with sourced and influenced rates, and time-boxed bonuses), versioned so that an
//! earning always names the version that produced it.
//!
//! Money is in minor units (cents) of a currency, never floats; rates are basis points (1/100
//! of a percent: 2,500 bp = 25 %).

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::FieldErrors;
use crate::organizations::{Motion, Tier};
use crate::places;
use crate::validate::Fields;

pub const BASIS_POINTS: i64 = 10_000;
pub const MAX_MONTHS: u32 = 60;

/// How a plan turns a won deal into money owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Structure {
    /// A share of the deal's value. With `recurring_months`, the value is a month's
    /// subscription and the share is earned once a month for that many months from the close.
    RevenueShare {
        sourced_bp: u32,
        influenced_bp: u32,
        #[serde(default)]
        recurring_months: Option<u32>,
    },
    /// An amount per converted customer (won deal), in minor units of `currency`.
    Flat {
        sourced: i64,
        influenced: i64,
        currency: String,
    },
    /// A total paid in equal monthly installments, the first at the close; the last takes what
    /// rounding left over, so they add up to the total exactly.
    Installments {
        sourced_total: i64,
        influenced_total: i64,
        currency: String,
        months: u32,
    },
}

/// What a bonus adds to a matching deal's earning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Bonus {
    /// A further share of the deal's value.
    Percent { bp: u32 },
    /// A further amount, in minor units of `currency`.
    Amount { amount: i64, currency: String },
}

/// A time-boxed bonus (SPIFF): deals naming the product, or of the motion, closed between the
/// two days (both included). Absent filters match every deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Spiff {
    pub name: String,
    #[serde(default)]
    pub product_id: Option<i64>,
    #[serde(default)]
    pub motion: Option<Motion>,
    /// `YYYY-MM-DD`.
    pub from: String,
    /// `YYYY-MM-DD`.
    pub to: String,
    pub bonus: Bonus,
}

/// One plan and the partners it applies to: the first plan whose tiers and motions include the
/// deal's (an empty list includes all) is the one that pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub name: String,
    #[serde(default)]
    pub tiers: Vec<Tier>,
    #[serde(default)]
    pub motions: Vec<Motion>,
    pub structure: Structure,
    #[serde(default)]
    pub spiffs: Vec<Spiff>,
}

/// `PUT /api/incentives/plans`: every plan, in the order they are tried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IncentivePlans {
    pub plans: Vec<Plan>,
    /// Earnings not disputed are approved this many days after they accrue (a refund window);
    /// without it, only managers approve.
    #[serde(default)]
    pub hold_days: Option<u32>,
}

/// `GET /api/incentives/plans`: the plans in force and their version (0 before any is saved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlansView {
    pub version: i64,
    pub plans: Vec<Plan>,
    pub hold_days: Option<u32>,
}

impl IncentivePlans {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        if self.plans.len() > 50 {
            f.add("plans", "Keep at most 50 plans.");
        }
        if self.hold_days.is_some_and(|d| !(1..=365).contains(&d)) {
            f.add("hold_days", "Choose 1 to 365 days, or leave it empty.");
        }
        for (i, plan) in self.plans.iter().enumerate() {
            check_plan(&mut f, i, plan);
        }
        f.finish()
    }

    /// The plan that pays a deal of this tier and motion.
    pub fn plan_for(&self, tier: Tier, motion: Motion) -> Option<&Plan> {
        self.plans.iter().find(|p| {
            (p.tiers.is_empty() || p.tiers.contains(&tier))
                && (p.motions.is_empty() || p.motions.contains(&motion))
        })
    }
}

fn check_plan(f: &mut Fields, i: usize, plan: &Plan) {
    let at = |field: &str| format!("plans[{i}].{field}");
    let name = plan.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        f.add(&at("name"), "Name the plan in 1 to 80 characters.");
    }
    match &plan.structure {
        Structure::RevenueShare {
            sourced_bp,
            influenced_bp,
            recurring_months,
        } => {
            for (field, bp) in [("sourced_bp", sourced_bp), ("influenced_bp", influenced_bp)] {
                if i64::from(*bp) > BASIS_POINTS {
                    f.add(
                        &at(&format!("structure.{field}")),
                        "A share is at most 100 %.",
                    );
                }
            }
            if recurring_months.is_some_and(|m| !(1..=MAX_MONTHS).contains(&m)) {
                f.add(&at("structure.recurring_months"), "Choose 1 to 60 months.");
            }
        }
        Structure::Flat {
            sourced,
            influenced,
            currency,
        } => {
            check_money(
                f,
                &at("structure"),
                &[("sourced", *sourced), ("influenced", *influenced)],
            );
            f.check(&at("structure.currency"), places::currency(currency));
        }
        Structure::Installments {
            sourced_total,
            influenced_total,
            currency,
            months,
        } => {
            let totals = [
                ("sourced_total", *sourced_total),
                ("influenced_total", *influenced_total),
            ];
            check_money(f, &at("structure"), &totals);
            f.check(&at("structure.currency"), places::currency(currency));
            if !(1..=MAX_MONTHS).contains(months) {
                f.add(&at("structure.months"), "Choose 1 to 60 months.");
            }
        }
    }
    for (j, spiff) in plan.spiffs.iter().enumerate() {
        check_spiff(f, &at(&format!("spiffs[{j}]")), spiff);
    }
}

fn check_money(f: &mut Fields, prefix: &str, amounts: &[(&str, i64)]) {
    for (field, amount) in amounts {
        if !(0..=10_000_000_000).contains(amount) {
            f.add(
                &format!("{prefix}.{field}"),
                "Enter an amount from 0 to 100,000,000.",
            );
        }
    }
}

fn check_spiff(f: &mut Fields, prefix: &str, spiff: &Spiff) {
    let at = |field: &str| format!("{prefix}.{field}");
    if spiff.name.trim().is_empty() || spiff.name.chars().count() > 80 {
        f.add(&at("name"), "Name the bonus in 1 to 80 characters.");
    }
    let (from, to) = (Date::parse(&spiff.from), Date::parse(&spiff.to));
    if from.is_none() {
        f.add(&at("from"), "Enter the first day as YYYY-MM-DD.");
    }
    match to {
        None => f.add(&at("to"), "Enter the last day as YYYY-MM-DD."),
        Some(to) if from.is_some_and(|from| to < from) => {
            f.add(&at("to"), "The last day comes after the first.")
        }
        Some(_) => {}
    }
    match &spiff.bonus {
        Bonus::Percent { bp } if i64::from(*bp) > BASIS_POINTS => {
            f.add(&at("bonus.bp"), "A bonus share is at most 100 %.")
        }
        Bonus::Amount { amount, currency } => {
            check_money(f, &at("bonus"), &[("amount", *amount)]);
            f.check(&at("bonus.currency"), places::currency(currency));
        }
        Bonus::Percent { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(sourced_bp: u32) -> Plan {
        Plan {
            name: "Resellers".into(),
            tiers: vec![],
            motions: vec![Motion::Reseller],
            structure: Structure::RevenueShare {
                sourced_bp,
                influenced_bp: 500,
                recurring_months: None,
            },
            spiffs: vec![],
        }
    }

    #[test]
    fn plans_name_every_bad_field_and_the_first_matching_plan_pays() {
        let plans = IncentivePlans {
            plans: vec![share(1_000)],
            hold_days: Some(30),
        };
        assert_eq!(plans.validate(), Ok(()));
        assert!(plans.plan_for(Tier::Gold, Motion::Reseller).is_some());
        assert!(plans.plan_for(Tier::Gold, Motion::Referral).is_none());
        let mut bad = share(10_001);
        bad.spiffs.push(Spiff {
            name: "Q4".into(),
            product_id: None,
            motion: None,
            from: "2026-12-31".into(),
            to: "2026-10-01".into(),
            bonus: Bonus::Amount {
                amount: -1,
                currency: "XYZ".into(),
            },
        });
        let errors = IncentivePlans {
            plans: vec![bad],
            hold_days: None,
        }
        .validate()
        .unwrap_err();
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "plans[0].spiffs[0].bonus.amount",
                "plans[0].spiffs[0].bonus.currency",
                "plans[0].spiffs[0].to",
                "plans[0].structure.sourced_bp",
            ]
        );
    }
}
