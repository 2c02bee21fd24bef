//! The plans as the form holds them: every value a field, so each shows its own error, and
//! the conversions to and from the API's plans. Rates are typed in percent and amounts in
//! whole units with up to two decimals; both are hundredths (basis points, cents) in the API.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;
use portico_api::incentives::{Bonus, Plan, Spiff, Structure};
use portico_api::numbers::cents;
use portico_api::organizations::{Motion, Tier};

use portico_ui::components::FieldState;

use crate::text;

pub const REVENUE_SHARE: &str = "revenue_share";
pub const FLAT: &str = "flat";
pub const INSTALLMENTS: &str = "installments";
pub const PERCENT: &str = "percent";
pub const AMOUNT: &str = "amount";

#[derive(Clone, Copy)]
pub struct PlanDraft {
    pub key: usize,
    pub name: FieldState,
    pub tiers: RwSignal<Vec<&'static str>>,
    pub motions: RwSignal<Vec<&'static str>>,
    pub kind: FieldState,
    /// The sourced rate, amount or total, as the kind has it.
    pub sourced: FieldState,
    pub influenced: FieldState,
    pub currency: FieldState,
    /// Installments' months, or a revenue share's recurring months.
    pub months: FieldState,
    pub spiffs: RwSignal<Vec<SpiffDraft>>,
}

#[derive(Clone, Copy)]
pub struct SpiffDraft {
    pub key: usize,
    pub name: FieldState,
    pub product: FieldState,
    pub motion: FieldState,
    pub from: FieldState,
    pub to: FieldState,
    pub kind: FieldState,
    pub value: FieldState,
    pub currency: FieldState,
}

/// A key no other plan or bonus of the page has, for its fields' ids.
fn next_key() -> usize {
    static KEYS: AtomicUsize = AtomicUsize::new(0);
    KEYS.fetch_add(1, Ordering::Relaxed)
}

/// "25" for 2,500 hundredths, "12.5" for 1,250.
fn hundredths(value: i64) -> String {
    let text = format!("{}.{:02}", value / 100, (value % 100).abs());
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn field(id: String, value: String) -> FieldState {
    FieldState::plain(id, &value)
}

impl PlanDraft {
    pub fn new(plan: Option<&Plan>) -> PlanDraft {
        let key = next_key();
        let at = |name: &str| format!("plan-{key}-{name}");
        let (kind, sourced, influenced, currency, months) = match plan.map(|p| &p.structure) {
            None => (REVENUE_SHARE, 0, 0, String::new(), None),
            Some(Structure::RevenueShare {
                sourced_bp,
                influenced_bp,
                recurring_months,
            }) => (
                REVENUE_SHARE,
                i64::from(*sourced_bp),
                i64::from(*influenced_bp),
                String::new(),
                *recurring_months,
            ),
            Some(Structure::Flat {
                sourced,
                influenced,
                currency,
            }) => (FLAT, *sourced, *influenced, currency.clone(), None),
            Some(Structure::Installments {
                sourced_total,
                influenced_total,
                currency,
                months,
            }) => (
                INSTALLMENTS,
                *sourced_total,
                *influenced_total,
                currency.clone(),
                Some(*months),
            ),
        };
        let spiffs = plan.map_or(Vec::new(), |p| {
            p.spiffs.iter().map(|s| SpiffDraft::new(Some(s))).collect()
        });
        PlanDraft {
            key,
            name: field(at("name"), plan.map(|p| p.name.clone()).unwrap_or_default()),
            tiers: RwSignal::new(
                plan.map_or(Vec::new(), |p| p.tiers.iter().map(|t| t.as_str()).collect()),
            ),
            motions: RwSignal::new(plan.map_or(Vec::new(), |p| {
                p.motions.iter().map(|m| m.as_str()).collect()
            })),
            kind: field(at("kind"), kind.to_owned()),
            sourced: field(at("sourced"), hundredths(sourced)),
            influenced: field(at("influenced"), hundredths(influenced)),
            currency: field(at("currency"), currency),
            months: field(
                at("months"),
                months.map(|m| m.to_string()).unwrap_or_default(),
            ),
            spiffs: RwSignal::new(spiffs),
        }
    }

    /// The plan, or `None` with the errors shown on the fields that cannot be read.
    pub fn plan(self) -> Option<Plan> {
        let kind = self.kind.get();
        let sourced = number(self.sourced);
        let influenced = number(self.influenced);
        let months = optional_count(self.months);
        let currency = self.currency.get().trim().to_uppercase();
        let spiffs: Vec<Option<Spiff>> = self
            .spiffs
            .get_untracked()
            .iter()
            .map(|s| s.spiff())
            .collect();
        let (sourced, influenced, months) = (sourced?, influenced?, months?);
        let rate = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
        let structure = match kind.as_str() {
            FLAT => Structure::Flat {
                sourced,
                influenced,
                currency,
            },
            INSTALLMENTS => Structure::Installments {
                sourced_total: sourced,
                influenced_total: influenced,
                currency,
                months: months.unwrap_or(0),
            },
            _ => Structure::RevenueShare {
                sourced_bp: rate(sourced),
                influenced_bp: rate(influenced),
                recurring_months: months,
            },
        };
        Some(Plan {
            name: self.name.get(),
            tiers: self
                .tiers
                .get_untracked()
                .iter()
                .filter_map(|t| Tier::parse(t))
                .collect(),
            motions: self
                .motions
                .get_untracked()
                .iter()
                .filter_map(|m| Motion::parse(m))
                .collect(),
            structure,
            spiffs: spiffs.into_iter().collect::<Option<Vec<_>>>()?,
        })
    }

    /// The API's names for this plan's fields (plan `i` of the list), for the server's errors.
    pub fn fields(self, i: usize) -> Vec<(String, FieldState)> {
        let at = |name: &str| format!("plans[{i}].{name}");
        let mut map = vec![
            (at("name"), self.name),
            (at("structure.currency"), self.currency),
        ];
        for name in ["sourced_bp", "sourced", "sourced_total"] {
            map.push((at(&format!("structure.{name}")), self.sourced));
        }
        for name in ["influenced_bp", "influenced", "influenced_total"] {
            map.push((at(&format!("structure.{name}")), self.influenced));
        }
        for name in ["months", "recurring_months"] {
            map.push((at(&format!("structure.{name}")), self.months));
        }
        for (j, spiff) in self.spiffs.get_untracked().iter().enumerate() {
            map.extend(spiff.fields(&at(&format!("spiffs[{j}]"))));
        }
        map
    }
}

impl SpiffDraft {
    pub fn new(spiff: Option<&Spiff>) -> SpiffDraft {
        let key = next_key();
        let at = |name: &str| format!("spiff-{key}-{name}");
        let (kind, value, currency) = match spiff.map(|s| &s.bonus) {
            Some(Bonus::Amount { amount, currency }) => (AMOUNT, *amount, currency.clone()),
            Some(Bonus::Percent { bp }) => (PERCENT, i64::from(*bp), String::new()),
            None => (PERCENT, 0, String::new()),
        };
        let text = |f: fn(&Spiff) -> String| spiff.map(f).unwrap_or_default();
        SpiffDraft {
            key,
            name: field(at("name"), text(|s| s.name.clone())),
            product: field(
                at("product"),
                text(|s| s.product_id.map(|p| p.to_string()).unwrap_or_default()),
            ),
            motion: field(
                at("motion"),
                text(|s| s.motion.map(|m| m.as_str().to_owned()).unwrap_or_default()),
            ),
            from: field(at("from"), text(|s| s.from.clone())),
            to: field(at("to"), text(|s| s.to.clone())),
            kind: field(at("kind"), kind.to_owned()),
            value: field(at("value"), hundredths(value)),
            currency: field(at("currency"), currency),
        }
    }

    fn spiff(self) -> Option<Spiff> {
        let value = number(self.value)?;
        let bonus = if self.kind.get() == AMOUNT {
            Bonus::Amount {
                amount: value,
                currency: self.currency.get().trim().to_uppercase(),
            }
        } else {
            Bonus::Percent {
                bp: u32::try_from(value).unwrap_or(u32::MAX),
            }
        };
        Some(Spiff {
            name: self.name.get(),
            product_id: self.product.get().parse().ok(),
            motion: Motion::parse(&self.motion.get()),
            from: self.from.get(),
            to: self.to.get(),
            bonus,
        })
    }

    fn fields(self, prefix: &str) -> Vec<(String, FieldState)> {
        let at = |name: &str| format!("{prefix}.{name}");
        vec![
            (at("name"), self.name),
            (at("product_id"), self.product),
            (at("from"), self.from),
            (at("to"), self.to),
            (at("bonus.bp"), self.value),
            (at("bonus.amount"), self.value),
            (at("bonus.currency"), self.currency),
        ]
    }
}

/// Hundredths of what the field holds; an error on the field when it holds no number.
fn number(field: FieldState) -> Option<i64> {
    let value = cents(&field.get()).filter(|v| *v >= 0);
    if value.is_none() {
        field
            .error
            .set(Some(text::incentives::NUMBER_NEEDED.to_owned()));
    }
    value
}

/// A whole count, or nothing when the field is empty; `None` (and an error) when it holds
/// something else.
fn optional_count(field: FieldState) -> Option<Option<u32>> {
    let text = field.get();
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    match text.parse() {
        Ok(n) => Some(Some(n)),
        Err(_) => {
            field
                .error
                .set(Some(text::incentives::NUMBER_NEEDED.to_owned()));
            None
        }
    }
}
