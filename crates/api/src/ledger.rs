//! Attribution of won deals and the ledger of what partners earn: earnings with the deal, plan
//! version and computation behind them, reversals, adjustments and payouts, and the balances
//! they add up to, per organization and currency. Amounts are minor units (cents).

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::incentives::BASIS_POINTS;
use crate::organizations::OrganizationRef;
use crate::places;
use crate::registrations::PartnerRole;
use crate::validate::Fields;

/// One partner's credit on a deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreditInput {
    pub organization_id: i64,
    pub role: PartnerRole,
    /// Basis points of the role, 1 to 10,000 (100 %).
    pub share_bp: u32,
}

/// `PUT /api/opportunities/{id}/attribution` (managers): every credit, replacing the deal's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetAttribution {
    pub credits: Vec<CreditInput>,
    /// Why it changed; kept in the audit log.
    pub rationale: String,
}

impl SetAttribution {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        let rationale = self.rationale.trim();
        if rationale.is_empty() || rationale.chars().count() > 500 {
            f.add("rationale", "Say why, in 1 to 500 characters.");
        }
        if self.credits.len() > 20 {
            f.add("credits", "Credit at most 20 partners.");
        }
        for (i, credit) in self.credits.iter().enumerate() {
            if !(1..=BASIS_POINTS).contains(&i64::from(credit.share_bp)) {
                f.add(
                    &format!("credits[{i}].share_bp"),
                    "Choose a share from 0.01 % to 100 %.",
                );
            }
            let twice = self.credits[..i]
                .iter()
                .any(|c| (c.organization_id, c.role) == (credit.organization_id, credit.role));
            if twice {
                f.add(
                    &format!("credits[{i}].organization_id"),
                    "Credit each partner once per role.",
                );
            }
        }
        for role in [PartnerRole::Sourced, PartnerRole::Influenced] {
            let total: i64 = self
                .credits
                .iter()
                .filter(|c| c.role == role)
                .map(|c| i64::from(c.share_bp))
                .sum();
            if total > BASIS_POINTS {
                f.add("credits", "The shares of one role add up to at most 100 %.");
            }
        }
        f.finish()
    }
}

/// A credit as the deal holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Credit {
    pub organization: OrganizationRef,
    pub role: PartnerRole,
    pub share_bp: u32,
}

/// `GET /api/opportunities/{id}/attribution`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attribution {
    pub opportunity_id: i64,
    pub credits: Vec<Credit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Earning,
    Reversal,
    Adjustment,
    Payout,
    PayoutFailed,
}

string_enum!(EntryKind {
    Earning => "earning" / "Earning",
    Reversal => "reversal" / "Reversal",
    Adjustment => "adjustment" / "Adjustment",
    Payout => "payout" / "Payout",
    PayoutFailed => "payout_failed" / "Payment failed",
});

/// Where an earning stands: waiting for approval (or for its day), approved, paid, or undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EarningStatus {
    Pending,
    Approved,
    Paid,
    Reversed,
}

string_enum!(EarningStatus {
    Pending => "pending" / "Pending",
    Approved => "approved" / "Approved",
    Paid => "paid" / "Paid",
    Reversed => "reversed" / "Reversed",
});

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerEntry {
    pub id: i64,
    pub organization: OrganizationRef,
    pub kind: EntryKind,
    pub amount: i64,
    pub currency: String,
    /// For earnings.
    pub status: Option<EarningStatus>,
    /// `YYYY-MM-DD`: the day it counts from.
    pub accrues_on: String,
    pub opportunity_id: Option<i64>,
    /// The deal's customer, for earnings and reversals.
    pub customer: Option<String>,
    pub role: Option<PartnerRole>,
    pub plan_version: Option<i64>,
    /// How the amount was computed, or an adjustment's reason.
    pub description: String,
    /// The earning a reversal undoes.
    pub reverses: Option<i64>,
    /// The partner's latest question about an earning, and the answer.
    pub dispute: Option<Dispute>,
    /// RFC 3339.
    pub created_at: String,
}

/// `POST /api/ledger/{id}/dispute` (the earning's partner): what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RaiseDispute {
    pub comment: String,
}

/// `POST /api/ledger/disputes/{id}/answer` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerDispute {
    pub answer: String,
}

/// 1 to 1,000 characters, trimmed.
pub fn comment(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 1_000 {
        Err("Write 1 to 1,000 characters.")
    } else {
        Ok(text.to_owned())
    }
}

/// A partner's question about an earning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dispute {
    pub id: i64,
    pub earning_id: i64,
    pub comment: String,
    /// RFC 3339.
    pub raised_at: String,
    pub answer: Option<String>,
    pub answered_at: Option<String>,
}

/// What one organization holds in one currency; the parts add up to `total`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Balance {
    pub organization: OrganizationRef,
    pub currency: String,
    /// Earnings whose day has not come (a recurring share's later months).
    pub upcoming: i64,
    /// Accrued earnings waiting for approval.
    pub pending: i64,
    /// Approved and not yet paid, with adjustments, reversals and failed payments: what a
    /// payout would pay now.
    pub payable: i64,
    /// Paid out so far (a positive figure).
    pub paid: i64,
    /// Every entry added up: `upcoming + pending + payable`.
    pub total: i64,
}

/// `GET /api/ledger`: entries newest first (a page) and every balance of the organizations asked
/// about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ledger {
    pub entries: Vec<LedgerEntry>,
    pub next_cursor: Option<String>,
    pub balances: Vec<Balance>,
}

/// `GET /api/ledger` filters; partners see their own organization whatever they ask.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct LedgerQuery {
    pub organization: Option<i64>,
    pub status: Option<EarningStatus>,
    /// `YYYY-MM-DD`: entries accruing from this day.
    pub from: Option<String>,
    /// `YYYY-MM-DD`: entries accruing up to this day.
    pub to: Option<String>,
    pub cursor: Option<String>,
    /// 1 to 100; 50 when absent.
    pub limit: Option<u32>,
}

impl LedgerQuery {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        for (field, day) in [("from", &self.from), ("to", &self.to)] {
            if day
                .as_deref()
                .is_some_and(|d| crate::date::Date::parse(d).is_none())
            {
                f.add(field, "Give the day as YYYY-MM-DD.");
            }
        }
        f.finish()
    }
}

/// `POST /api/ledger/adjustments` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAdjustment {
    pub organization_id: i64,
    pub currency: String,
    /// Minor units, positive to add, negative to take away; never zero.
    pub amount: i64,
    pub rationale: String,
}

impl NewAdjustment {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        f.check("currency", places::currency(&self.currency));
        if self.amount == 0 || self.amount.abs() > 10_000_000_000 {
            f.add(
                "amount",
                "Enter an amount other than zero, up to 100,000,000.",
            );
        }
        let rationale = self.rationale.trim();
        if rationale.is_empty() || rationale.chars().count() > 500 {
            f.add("rationale", "Say why, in 1 to 500 characters.");
        }
        f.finish()
    }
}

/// `POST /api/ledger/approve` (managers): these earnings, or every accrued pending one of the
/// organization when `ids` is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Approve {
    #[serde(default)]
    pub ids: Vec<i64>,
    #[serde(default)]
    pub organization_id: Option<i64>,
}

/// `POST /api/opportunities/{id}/refund` (managers): the customer got its money back; the deal
/// stays won, its earnings are reversed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Refund {
    pub rationale: String,
}

/// What a refund reversed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Refunded {
    pub reversed: usize,
}

/// What an approval did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Approved {
    pub approved: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit(organization_id: i64, role: PartnerRole, share_bp: u32) -> CreditInput {
        CreditInput {
            organization_id,
            role,
            share_bp,
        }
    }

    #[test]
    fn shares_of_one_role_add_up_to_at_most_the_whole() {
        let set = |credits| SetAttribution {
            credits,
            rationale: "Co-sold".into(),
        };
        let fine = set(vec![
            credit(1, PartnerRole::Sourced, 6_000),
            credit(2, PartnerRole::Sourced, 4_000),
            credit(2, PartnerRole::Influenced, 10_000),
        ]);
        assert_eq!(fine.validate(), Ok(()));
        let over = set(vec![
            credit(1, PartnerRole::Sourced, 6_000),
            credit(2, PartnerRole::Sourced, 4_001),
        ]);
        assert!(over.validate().unwrap_err().contains_key("credits"));
        let twice = set(vec![
            credit(1, PartnerRole::Sourced, 1),
            credit(1, PartnerRole::Sourced, 1),
        ]);
        assert!(
            twice
                .validate()
                .unwrap_err()
                .contains_key("credits[1].organization_id")
        );
    }
}
