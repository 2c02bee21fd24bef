//! What a won deal earns a partner under a commission plan: the plan's structure applied to the
//! partner's role and share of the deal, plus any bonus the deal qualifies for, as earnings in
//! minor units, each with the day it accrues and how it was computed.
//!
//! The arithmetic and its one rounding rule are in `amounts`.

use portico_api::date::Date;
use portico_api::incentives::{Bonus, Plan, Spiff, Structure};
use portico_api::numbers::group_thousands;
use portico_api::organizations::Motion;
use portico_api::registrations::PartnerRole;

mod amounts;

pub use amounts::money;
use amounts::{installments, percent, share_of, share_of_value};

/// A won deal as the plan reads it.
#[derive(Debug, Clone, Copy)]
pub struct Deal<'a> {
    /// Whole units of `currency`.
    pub value: i64,
    pub currency: &'a str,
    pub closed_on: Date,
    pub motion: Motion,
    pub products: &'a [i64],
}

/// A partner's credit on the deal: its role and its share of that role, in basis points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credit {
    pub role: PartnerRole,
    pub share_bp: u32,
}

/// One amount owed, accruing on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earning {
    /// 0 for the first, counting up across the plan's earnings and its bonuses.
    pub sequence: u32,
    pub accrues_on: Date,
    /// Minor units.
    pub amount: i64,
    pub currency: String,
    pub computation: String,
}

/// Every earning the plan gives this credit on this deal, in sequence.
pub fn earnings(plan: &Plan, deal: &Deal<'_>, credit: Credit) -> Vec<Earning> {
    let mut out = structure(&plan.structure, deal, credit);
    for spiff in plan.spiffs.iter().filter(|s| qualifies(s, deal)) {
        out.push(bonus(spiff, deal, credit));
    }
    for (i, earning) in out.iter_mut().enumerate() {
        earning.sequence = i as u32;
    }
    out
}

fn structure(structure: &Structure, deal: &Deal<'_>, credit: Credit) -> Vec<Earning> {
    let sourced = credit.role == PartnerRole::Sourced;
    match structure {
        Structure::RevenueShare {
            sourced_bp,
            influenced_bp,
            recurring_months,
        } => {
            let rate = if sourced { *sourced_bp } else { *influenced_bp };
            let months = recurring_months.unwrap_or(1);
            let amount = share_of_value(deal.value, rate, credit.share_bp);
            let each = if recurring_months.is_some() {
                " a month"
            } else {
                ""
            };
            let how = format!(
                "{} of {} {}{each} × {} {} share",
                percent(rate),
                group_thousands(deal.value),
                deal.currency,
                percent(credit.share_bp),
                credit.role.as_str()
            );
            (0..months)
                .map(|k| earning(deal.closed_on.add_months(k), amount, deal.currency, &how))
                .collect()
        }
        Structure::Flat {
            sourced: s,
            influenced: i,
            currency,
        } => {
            let base = if sourced { *s } else { *i };
            let amount = share_of(base, credit.share_bp);
            let how = format!(
                "{} {currency} per customer × {} {} share",
                money(base),
                percent(credit.share_bp),
                credit.role.as_str()
            );
            vec![earning(deal.closed_on, amount, currency, &how)]
        }
        Structure::Installments {
            sourced_total,
            influenced_total,
            currency,
            months,
        } => {
            let base = if sourced {
                *sourced_total
            } else {
                *influenced_total
            };
            let total = share_of(base, credit.share_bp);
            installments(total, *months)
                .into_iter()
                .enumerate()
                .map(|(k, amount)| {
                    let how = format!(
                        "installment {} of {months}: {} {currency} × {} {} share",
                        k + 1,
                        money(base),
                        percent(credit.share_bp),
                        credit.role.as_str()
                    );
                    earning(deal.closed_on.add_months(k as u32), amount, currency, &how)
                })
                .collect()
        }
    }
}

fn qualifies(spiff: &Spiff, deal: &Deal<'_>) -> bool {
    let within = match (Date::parse(&spiff.from), Date::parse(&spiff.to)) {
        (Some(from), Some(to)) => from <= deal.closed_on && deal.closed_on <= to,
        _ => false,
    };
    within
        && spiff.motion.is_none_or(|m| m == deal.motion)
        && spiff.product_id.is_none_or(|p| deal.products.contains(&p))
}

fn bonus(spiff: &Spiff, deal: &Deal<'_>, credit: Credit) -> Earning {
    let (amount, currency, how) = match &spiff.bonus {
        Bonus::Percent { bp } => (
            share_of_value(deal.value, *bp, credit.share_bp),
            deal.currency.to_owned(),
            format!(
                "{}: {} of {} {} × {} share",
                spiff.name,
                percent(*bp),
                group_thousands(deal.value),
                deal.currency,
                percent(credit.share_bp)
            ),
        ),
        Bonus::Amount { amount, currency } => (
            share_of(*amount, credit.share_bp),
            currency.clone(),
            format!(
                "{}: {} {currency} × {} share",
                spiff.name,
                money(*amount),
                percent(credit.share_bp)
            ),
        ),
    };
    earning(deal.closed_on, amount, &currency, &how)
}

fn earning(accrues_on: Date, amount: i64, currency: &str, how: &str) -> Earning {
    Earning {
        sequence: 0,
        accrues_on,
        amount,
        currency: currency.to_owned(),
        computation: format!("{how} = {} {currency}", money(amount)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn plan(structure: Structure) -> Plan {
        Plan {
            name: "Plan".into(),
            tiers: vec![],
            motions: vec![],
            structure,
            spiffs: vec![],
        }
    }

    fn deal() -> Deal<'static> {
        Deal {
            value: 90_000,
            currency: "EUR",
            closed_on: day("2026-11-30"),
            motion: Motion::Reseller,
            products: &[2],
        }
    }

    fn sourced(share_bp: u32) -> Credit {
        Credit {
            role: PartnerRole::Sourced,
            share_bp,
        }
    }

    #[test]
    fn a_revenue_share_pays_its_rate_of_the_partners_share() {
        let share = plan(Structure::RevenueShare {
            sourced_bp: 1_250,
            influenced_bp: 500,
            recurring_months: None,
        });
        let paid = earnings(&share, &deal(), sourced(6_000));
        assert_eq!(paid.len(), 1);
        assert_eq!(
            paid[0].amount, 675_000,
            "12.5 % of 90,000 × 60 % = 6,750.00"
        );
        assert_eq!(paid[0].currency, "EUR");
        assert_eq!(
            paid[0].computation,
            "12.5 % of 90,000 EUR × 60 % sourced share = 6,750.00 EUR"
        );
        let influenced = Credit {
            role: PartnerRole::Influenced,
            share_bp: 10_000,
        };
        assert_eq!(earnings(&share, &deal(), influenced)[0].amount, 450_000);
    }

    #[test]
    fn a_recurring_share_accrues_each_month_from_the_close() {
        let recurring = plan(Structure::RevenueShare {
            sourced_bp: 1_000,
            influenced_bp: 0,
            recurring_months: Some(3),
        });
        let paid = earnings(&recurring, &deal(), sourced(10_000));
        let days: Vec<String> = paid.iter().map(|e| e.accrues_on.to_string()).collect();
        assert_eq!(days, ["2026-11-30", "2026-12-30", "2027-01-30"]);
        assert!(paid.iter().all(|e| e.amount == 900_000));
        assert_eq!(
            paid.iter().map(|e| e.sequence).collect::<Vec<_>>(),
            [0, 1, 2]
        );
    }

    #[test]
    fn flat_amounts_and_installments_are_in_the_plans_currency() {
        let flat = plan(Structure::Flat {
            sourced: 50_000,
            influenced: 10_000,
            currency: "USD".into(),
        });
        let paid = earnings(&flat, &deal(), sourced(3_333));
        assert_eq!((paid[0].amount, paid[0].currency.as_str()), (16_665, "USD"));
        let installments = plan(Structure::Installments {
            sourced_total: 100_000,
            influenced_total: 0,
            currency: "GBP".into(),
            months: 3,
        });
        let paid = earnings(&installments, &deal(), sourced(10_000));
        let amounts: Vec<i64> = paid.iter().map(|e| e.amount).collect();
        assert_eq!(amounts, [33_333, 33_333, 33_334]);
        assert!(paid[2].computation.starts_with("installment 3 of 3"));
    }

    #[test]
    fn a_bonus_pays_only_inside_its_window_and_for_its_product_or_motion() {
        let mut share = plan(Structure::RevenueShare {
            sourced_bp: 1_000,
            influenced_bp: 0,
            recurring_months: None,
        });
        share.spiffs.push(Spiff {
            name: "Q4 push".into(),
            product_id: Some(2),
            motion: Some(Motion::Reseller),
            from: "2026-10-01".into(),
            to: "2026-11-30".into(),
            bonus: Bonus::Percent { bp: 200 },
        });
        share.spiffs.push(Spiff {
            name: "Launch".into(),
            product_id: None,
            motion: None,
            from: "2026-12-01".into(),
            to: "2026-12-31".into(),
            bonus: Bonus::Amount {
                amount: 25_000,
                currency: "EUR".into(),
            },
        });
        let paid = earnings(&share, &deal(), sourced(10_000));
        assert_eq!(
            paid.len(),
            2,
            "the launch bonus starts the day after the close"
        );
        assert_eq!(paid[1].amount, 180_000);
        assert!(
            paid[1]
                .computation
                .starts_with("Q4 push: 2 % of 90,000 EUR")
        );
        let later = Deal {
            closed_on: day("2026-12-01"),
            ..deal()
        };
        let paid = earnings(&share, &later, sourced(10_000));
        assert_eq!(paid.len(), 2);
        assert_eq!(paid[1].amount, 25_000);
        let other_product = Deal {
            products: &[3],
            ..deal()
        };
        assert_eq!(earnings(&share, &other_product, sourced(10_000)).len(), 1);
    }
}
