//! Normalized transactions: what the reports say was sold, to which customer (matched to the
//! account book where it can be, with how strongly), credited to which partner, and linked to
//! the registration and deal it belongs to.

use serde::{Deserialize, Serialize};

use crate::organizations::OrganizationRef;
use crate::registrations::Product;

/// How a transaction's customer was found in the account book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CustomerMatch {
    /// By the customer's web domain.
    Domain,
    /// By a name the company matcher calls the same company.
    Name,
    /// By a near spelling of the account's name ("Globex Intl" for "Globex International"):
    /// the company matcher's strong match, one account only.
    Similar,
    /// Settled by a person in the review queue.
    Confirmed,
    /// Not in the account book.
    None,
}

string_enum!(CustomerMatch {
    Domain => "domain" / "Matched by domain",
    Name => "name" / "Matched by name",
    Similar => "similar" / "Matched by a similar name",
    Confirmed => "confirmed" / "Confirmed by a person",
    None => "none" / "Not in the account book",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountRef {
    pub id: i64,
    pub name: String,
}

/// Where a transaction's customer is in the vendor's account book, and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountMatch {
    pub account: Option<AccountRef>,
    pub strength: CustomerMatch,
}

/// One transaction, counted once however often it was reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transaction {
    pub id: i64,
    pub source_id: i64,
    /// The partner credited: a partner source's organization, or the reseller a distributor
    /// named, when it is one of the program's partners.
    pub organization: Option<OrganizationRef>,
    /// `YYYY-MM-DD`.
    pub transaction_date: String,
    pub reference: Option<String>,
    pub customer_name: String,
    pub customer_domain: Option<String>,
    pub customer_country: Option<String>,
    /// For vendor staff; none for partners, whose reports must not show them the account book.
    pub account_match: Option<AccountMatch>,
    pub product: Product,
    /// A decimal, as written: "3", "1.5".
    pub quantity: Option<String>,
    /// Minor units.
    pub unit_price: Option<i64>,
    pub amount: i64,
    pub currency: String,
    pub end_of_term: Option<String>,
    pub registration_id: Option<i64>,
    pub opportunity_id: Option<i64>,
    /// The row that imported it (or last corrected it).
    pub import_id: i64,
    pub row_number: u64,
}

/// `GET /api/channel-data/transactions` filters (and `.csv`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct TransactionQuery {
    pub source: Option<i64>,
    pub organization: Option<i64>,
    /// Only those linked to no registration (revenue nobody registered).
    pub unregistered: Option<bool>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// A name a product is reported under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductAlias {
    pub id: i64,
    pub product_id: i64,
    pub alias: String,
}

/// `POST /api/products/{id}/aliases`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAlias {
    pub alias: String,
}

/// `GET /api/products/{id}/aliases`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AliasList {
    pub aliases: Vec<ProductAlias>,
}
