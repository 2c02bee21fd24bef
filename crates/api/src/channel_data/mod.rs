//! Channel data: the sales reports partners and distributors send, each source with its column
//! mapping, imported into one clean list of transactions. `imports` holds the uploads, their
//! rows and the review queue; `transactions` the normalized result.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::organizations::OrganizationRef;
use crate::places;
use crate::validate::Fields;

pub mod imports;
pub mod transactions;

/// What a report's column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    TransactionDate,
    Reference,
    CustomerName,
    CustomerDomain,
    CustomerCountry,
    Product,
    Quantity,
    UnitPrice,
    Amount,
    Currency,
    Reseller,
    EndOfTerm,
}

string_enum!(Field {
    TransactionDate => "transaction_date" / "Transaction date",
    Reference => "reference" / "Invoice or reference number",
    CustomerName => "customer_name" / "Customer name",
    CustomerDomain => "customer_domain" / "Customer domain or e-mail",
    CustomerCountry => "customer_country" / "Customer country",
    Product => "product" / "Product or SKU",
    Quantity => "quantity" / "Quantity",
    UnitPrice => "unit_price" / "Unit price",
    Amount => "amount" / "Amount",
    Currency => "currency" / "Currency",
    Reseller => "reseller" / "Reseller",
    EndOfTerm => "end_of_term" / "End of term",
});

/// How a source writes days like 03/04/2026.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    DayFirst,
    MonthFirst,
}

string_enum!(DateOrder {
    DayFirst => "day_first" / "Day first (31/12/2026)",
    MonthFirst => "month_first" / "Month first (12/31/2026)",
});

/// Who sends the reports: one partner organization, or a distributor reporting for many
/// resellers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Partner,
    Distributor,
}

string_enum!(SourceKind {
    Partner => "partner" / "Partner",
    Distributor => "distributor" / "Distributor",
});

/// `POST /api/channel-data/sources`. A partner admin's source is their own organization's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSource {
    pub name: String,
    pub kind: SourceKind,
    /// The partner, for a partner source.
    #[serde(default)]
    pub organization_id: Option<i64>,
    pub date_order: DateOrder,
    /// The currency of rows that name none.
    #[serde(default)]
    pub currency: Option<String>,
}

impl NewSource {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            f.add("name", "Name the source in 1 to 120 characters.");
        }
        match (self.kind, self.organization_id) {
            (SourceKind::Partner, None) => f.add("organization_id", "Choose the partner."),
            (SourceKind::Distributor, Some(_)) => f.add(
                "organization_id",
                "A distributor reports for many partners: choose none.",
            ),
            _ => {}
        }
        check_currency(&mut f, self.currency.as_deref());
        f.finish()
    }
}

fn check_currency(f: &mut Fields, currency: Option<&str>) {
    if let Some(code) = currency.filter(|c| !c.trim().is_empty()) {
        f.check("currency", places::currency(code));
    }
}

/// A report column and the field it holds; `None` for a column to leave out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ColumnMapping {
    pub header: String,
    pub field: Option<Field>,
}

/// `PUT /api/channel-data/sources/{id}/mapping`: how the source's reports read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetMapping {
    pub columns: Vec<ColumnMapping>,
    pub date_order: DateOrder,
    #[serde(default)]
    pub currency: Option<String>,
}

impl SetMapping {
    /// Every field at most once, and what a transaction needs: its day, its customer (name or
    /// domain), its product, its amount (or quantity and unit price), and its currency (a
    /// column or the source's default).
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        if self.columns.len() > 200 {
            f.add("columns", "A report has at most 200 columns.");
        }
        let mapped: Vec<Field> = self.columns.iter().filter_map(|c| c.field).collect();
        for (i, field) in mapped.iter().enumerate() {
            if mapped[..i].contains(field) {
                f.add("columns", &format!("Map one column to {}.", field.label()));
            }
        }
        let has = |field| mapped.contains(&field);
        let needs = [
            (has(Field::TransactionDate), Field::TransactionDate.label()),
            (
                has(Field::CustomerName) || has(Field::CustomerDomain),
                "Customer name or domain",
            ),
            (has(Field::Product), Field::Product.label()),
            (
                has(Field::Amount) || (has(Field::Quantity) && has(Field::UnitPrice)),
                "Amount (or quantity and unit price)",
            ),
        ];
        for (_, what) in needs.iter().filter(|(ok, _)| !ok) {
            f.add("columns", &format!("Map a column to {what}."));
        }
        let currency = self.currency.as_deref().filter(|c| !c.trim().is_empty());
        if !has(Field::Currency) && currency.is_none() {
            f.add(
                "currency",
                "Map a column to Currency, or give the currency of every row.",
            );
        }
        check_currency(&mut f, currency);
        f.finish()
    }
}

/// A source as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Source {
    pub id: i64,
    pub name: String,
    pub kind: SourceKind,
    pub organization: Option<OrganizationRef>,
    pub date_order: DateOrder,
    pub currency: Option<String>,
    /// Empty until the first mapping is saved.
    pub columns: Vec<ColumnMapping>,
    /// RFC 3339.
    pub created_at: String,
}

/// `GET /api/channel-data/sources`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceList {
    pub sources: Vec<Source>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(header: &str, field: Option<Field>) -> ColumnMapping {
        ColumnMapping {
            header: header.into(),
            field,
        }
    }

    #[test]
    fn a_mapping_needs_what_a_transaction_needs_and_each_field_once() {
        let mut mapping = SetMapping {
            columns: vec![
                column("Date", Some(Field::TransactionDate)),
                column("Client", Some(Field::CustomerName)),
                column("SKU", Some(Field::Product)),
                column("Qty", Some(Field::Quantity)),
                column("Price", Some(Field::UnitPrice)),
                column("Notes", None),
            ],
            date_order: DateOrder::DayFirst,
            currency: Some("eur".into()),
        };
        assert_eq!(mapping.validate(), Ok(()));
        mapping
            .columns
            .push(column("Customer", Some(Field::CustomerName)));
        mapping
            .columns
            .retain(|c| c.field != Some(Field::UnitPrice));
        mapping.currency = None;
        let errors = mapping.validate().unwrap_err();
        let columns = &errors["columns"];
        assert!(
            columns.contains("Customer name") || columns.contains("Amount"),
            "{columns}"
        );
        assert!(errors.contains_key("currency"));
    }
}
