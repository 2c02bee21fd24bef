//! Payout batches: what is payable per organization and currency above a minimum, reviewed,
//! then confirmed (once, however often it is asked), paid, and a payment marked failed when
//! the bank returns it.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::organizations::OrganizationRef;
use crate::validate::Fields;

/// `POST /api/payouts` (managers): a draft batch of every payable balance of at least
/// `minimum` (minor units, in each balance's currency).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewBatch {
    pub minimum: i64,
}

impl NewBatch {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        if !(1..=10_000_000_000).contains(&self.minimum) {
            f.add("minimum", "Choose a minimum from 0.01 to 100,000,000.");
        }
        f.finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BatchState {
    /// Proposed, for review: nothing left the balances yet.
    Draft,
    /// The payouts are in the ledger; the transfers are for finance to make.
    Confirmed,
    /// Finance made them.
    Paid,
}

string_enum!(BatchState {
    Draft => "draft" / "Draft",
    Confirmed => "confirmed" / "Confirmed",
    Paid => "paid" / "Paid",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentState {
    Proposed,
    Confirmed,
    /// Returned by the bank: the amount is back in the balance.
    Failed,
}

string_enum!(PaymentState {
    Proposed => "proposed" / "Proposed",
    Confirmed => "confirmed" / "Confirmed",
    Failed => "failed" / "Failed",
});

/// One organization's payment in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    pub id: i64,
    pub organization: OrganizationRef,
    pub currency: String,
    pub amount: i64,
    pub account_holder: String,
    /// Masked.
    pub account: String,
    pub bic: Option<String>,
    pub state: PaymentState,
}

/// A batch and its payments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Batch {
    pub id: i64,
    pub reference: String,
    pub minimum: i64,
    pub state: BatchState,
    pub payments: Vec<Payment>,
    /// Organizations with a payable balance above the minimum but no payee yet: not in the
    /// batch until they give one.
    pub without_payee: Vec<OrganizationRef>,
    /// RFC 3339.
    pub created_at: String,
    pub confirmed_at: Option<String>,
    pub paid_at: Option<String>,
}

/// What a batch pays in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchTotal {
    pub currency: String,
    pub amount: i64,
    pub payments: u32,
}

/// A batch in `GET /api/payouts`, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchSummary {
    pub id: i64,
    pub reference: String,
    pub state: BatchState,
    /// Per currency, failed payments left out.
    pub totals: Vec<BatchTotal>,
    /// RFC 3339.
    pub created_at: String,
}
