//! One report row read with its source's mapping into the values of a transaction, or the
//! problem that keeps it from being one. What needs the database (which product, which
//! account, which partner) is settled after, by the import.

use portico_api::channel_data::{ColumnMapping, DateOrder, Field};
use portico_api::date::Date;

use super::parse;
use crate::domain::company::{is_free_mail, name_key, registrable_domain};

/// Which column holds each field.
#[derive(Debug, Clone)]
pub struct Layout {
    columns: Vec<(Field, usize)>,
    order: DateOrder,
    currency: Option<&'static str>,
}

impl Layout {
    /// The mapping's fields at the file's column positions (by header, so a file whose columns
    /// moved reads the same).
    pub fn new(
        headers: &[String],
        mapping: &[ColumnMapping],
        order: DateOrder,
        currency: Option<&str>,
    ) -> Layout {
        let columns = mapping
            .iter()
            .filter_map(|c| {
                let field = c.field?;
                let at = headers.iter().position(|h| h == &c.header)?;
                Some((field, at))
            })
            .collect();
        Layout {
            columns,
            order,
            currency: currency.and_then(parse::currency),
        }
    }

    /// The trimmed text of a field's cell; `None` when unmapped or empty.
    pub fn cell<'a>(&self, cells: &'a [String], field: Field) -> Option<&'a str> {
        let at = self.columns.iter().find(|(f, _)| *f == field)?.1;
        Some(cells.get(at)?.trim()).filter(|v| !v.is_empty())
    }
}

/// A row's values before the lookups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Values {
    pub date: Date,
    pub reference: Option<String>,
    pub customer_name: String,
    /// `company::name_key` of the name.
    pub customer_key: String,
    /// The registrable domain, free-mail providers left out.
    pub customer_domain: Option<String>,
    pub country: Option<&'static str>,
    pub product: String,
    pub quantity_milli: Option<i64>,
    pub unit_price: Option<i64>,
    /// Minor units.
    pub amount: i64,
    pub currency: &'static str,
    pub reseller: Option<String>,
    pub end_of_term: Option<Date>,
}

/// Why a row is not a transaction yet; a person can settle it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing(Field),
    Unreadable(Field, String),
}

impl Problem {
    pub fn field(&self) -> Field {
        match self {
            Problem::Missing(f) | Problem::Unreadable(f, _) => *f,
        }
    }

    /// A sentence for the review queue.
    pub fn reason(&self) -> String {
        match self {
            Problem::Missing(field) => format!("{} is missing.", field.label()),
            Problem::Unreadable(field, value) => {
                format!("{} \"{value}\" cannot be read.", field.label())
            }
        }
    }
}

/// Reads the row's cells as the layout maps them.
pub fn read(layout: &Layout, cells: &[String]) -> Result<Values, Problem> {
    let cell = |field| layout.cell(cells, field);
    let order = layout.order;
    let date_text = cell(Field::TransactionDate).ok_or(Problem::Missing(Field::TransactionDate))?;
    let date = parse::date(date_text, order)
        .ok_or_else(|| unreadable(Field::TransactionDate, date_text))?;
    let customer_domain = cell(Field::CustomerDomain).and_then(domain_of);
    let customer_name = cell(Field::CustomerName)
        .map(str::to_owned)
        .or_else(|| customer_domain.clone())
        .ok_or(Problem::Missing(Field::CustomerName))?;
    let country = match cell(Field::CustomerCountry) {
        Some(text) => {
            Some(parse::country(text).ok_or_else(|| unreadable(Field::CustomerCountry, text))?)
        }
        None => None,
    };
    let product = cell(Field::Product)
        .ok_or(Problem::Missing(Field::Product))?
        .to_owned();
    let quantity_milli = optional(cell(Field::Quantity), Field::Quantity, |t| {
        parse::decimal(t, 3)
    })?;
    let unit_price = optional(cell(Field::UnitPrice), Field::UnitPrice, |t| {
        parse::money(t).map(|m| m.0)
    })?;
    let (amount, marked) = amount(cell(Field::Amount), quantity_milli, unit_price)?;
    let currency = match cell(Field::Currency) {
        Some(text) => parse::currency(text).ok_or_else(|| unreadable(Field::Currency, text))?,
        None => marked
            .or(layout.currency)
            .ok_or(Problem::Missing(Field::Currency))?,
    };
    let end_of_term = optional(cell(Field::EndOfTerm), Field::EndOfTerm, |t| {
        parse::date(t, order)
    })?;
    Ok(Values {
        date,
        reference: cell(Field::Reference).map(str::to_owned),
        customer_key: name_key(&customer_name),
        customer_name,
        customer_domain,
        country,
        product,
        quantity_milli,
        unit_price,
        amount,
        currency,
        reseller: cell(Field::Reseller).map(str::to_owned),
        end_of_term,
    })
}

fn unreadable(field: Field, text: &str) -> Problem {
    Problem::Unreadable(field, text.chars().take(80).collect())
}

fn optional<T>(
    text: Option<&str>,
    field: Field,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, Problem> {
    text.map(|t| parse(t).ok_or_else(|| unreadable(field, t)))
        .transpose()
}

/// The amount column's, with the currency its symbol names; or quantity times unit price,
/// rounded half away from zero to the cent.
fn amount(
    text: Option<&str>,
    quantity_milli: Option<i64>,
    unit_price: Option<i64>,
) -> Result<(i64, Option<&'static str>), Problem> {
    if let Some(text) = text {
        return parse::money(text).ok_or_else(|| unreadable(Field::Amount, text));
    }
    let (Some(quantity), Some(price)) = (quantity_milli, unit_price) else {
        return Err(Problem::Missing(Field::Amount));
    };
    let product = i128::from(quantity) * i128::from(price);
    let rounded = (product + product.signum() * 500) / 1000;
    i64::try_from(rounded)
        .map(|a| (a, None))
        .map_err(|_| unreadable(Field::Amount, "too large"))
}

/// The registrable domain of a web address or an e-mail address's domain, free mail left out.
fn domain_of(text: &str) -> Option<String> {
    let host = text.rsplit('@').next().unwrap_or(text);
    registrable_domain(host).filter(|d| !is_free_mail(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(fields: &[(&str, Field)]) -> (Vec<String>, Layout) {
        let headers: Vec<String> = fields.iter().map(|(h, _)| (*h).to_owned()).collect();
        let mapping: Vec<ColumnMapping> = fields
            .iter()
            .map(|(h, f)| ColumnMapping {
                header: (*h).to_owned(),
                field: Some(*f),
            })
            .collect();
        let layout = Layout::new(&headers, &mapping, DateOrder::MonthFirst, Some("USD"));
        (headers, layout)
    }

    fn cells(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn a_row_reads_into_a_transactions_values() {
        let (_, layout) = layout(&[
            ("Date", Field::TransactionDate),
            ("Client", Field::CustomerName),
            ("Mail", Field::CustomerDomain),
            ("SKU", Field::Product),
            ("Qty", Field::Quantity),
            ("Price", Field::UnitPrice),
        ]);
        let values = read(
            &layout,
            &cells(&[
                "12/31/2026",
                "Contoso Ltd",
                "it@mail.contoso.com",
                "CX-100",
                "3",
                "$19.99",
            ]),
        )
        .unwrap();
        assert_eq!(values.date, Date::new(2026, 12, 31).unwrap());
        assert_eq!(values.customer_domain.as_deref(), Some("contoso.com"));
        assert_eq!((values.amount, values.currency), (5_997, "USD"));
        assert_eq!(values.quantity_milli, Some(3_000));
    }

    #[test]
    fn what_keeps_a_row_from_being_a_transaction_is_named() {
        let (_, layout) = layout(&[
            ("Date", Field::TransactionDate),
            ("Client", Field::CustomerName),
            ("SKU", Field::Product),
            ("Amount", Field::Amount),
        ]);
        let problem = |row: &[&str]| read(&layout, &cells(row)).unwrap_err();
        assert_eq!(
            problem(&["", "Contoso", "CX", "1"]),
            Problem::Missing(Field::TransactionDate)
        );
        assert_eq!(
            problem(&["soon", "Contoso", "CX", "1"]),
            Problem::Unreadable(Field::TransactionDate, "soon".into())
        );
        assert_eq!(
            problem(&["1/2/2026", "Contoso", "CX", "12 34"]).field(),
            Field::Amount
        );
        assert_eq!(
            problem(&["1/2/2026", "", "CX", "1"]),
            Problem::Missing(Field::CustomerName)
        );
        let euro = read(&layout, &cells(&["1/2/2026", "Jo", "CX", "€5"])).unwrap();
        assert_eq!(
            euro.currency, "EUR",
            "the amount's symbol beats the source's default"
        );
    }
}
