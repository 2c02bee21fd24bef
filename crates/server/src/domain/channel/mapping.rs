//! Which field a report's column holds, suggested from its header: what a person chose for the
//! same header before (the source's own choice first, then any source's), then the names
//! reports usually give each field, in English, German, French and Spanish.

use portico_api::channel_data::{ColumnMapping, Field};

/// The usual names of each field, as `header_key` writes them.
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::TransactionDate,
        &[
            "date",
            "transaction date",
            "invoice date",
            "order date",
            "sale date",
            "sales date",
            "booking date",
            "posting date",
            "ship date",
            "close date",
            "closed date",
            "txn date",
            "datum",
            "rechnungsdatum",
            "fecha",
            "date de facture",
            "date facture",
        ],
    ),
    (
        Field::Reference,
        &[
            "invoice",
            "invoice number",
            "invoice no",
            "invoice id",
            "reference",
            "ref",
            "order number",
            "order no",
            "order id",
            "po number",
            "transaction id",
            "document number",
            "rechnungsnummer",
            "numero de facture",
            "numero factura",
        ],
    ),
    (
        Field::CustomerName,
        &[
            "customer",
            "customer name",
            "end customer",
            "end customer name",
            "end user",
            "end user name",
            "client",
            "client name",
            "account",
            "account name",
            "company",
            "company name",
            "sold to",
            "buyer",
            "kunde",
            "kundenname",
            "cliente",
            "nom du client",
        ],
    ),
    (
        Field::CustomerDomain,
        &[
            "domain",
            "customer domain",
            "website",
            "web site",
            "url",
            "email",
            "e mail",
            "customer email",
            "contact email",
            "end user email",
        ],
    ),
    (
        Field::CustomerCountry,
        &[
            "country",
            "customer country",
            "country code",
            "end user country",
            "ship to country",
            "land",
            "pais",
            "pays",
        ],
    ),
    (
        Field::Product,
        &[
            "product",
            "product name",
            "product code",
            "sku",
            "item",
            "item name",
            "part number",
            "part no",
            "material",
            "artikel",
            "produkt",
            "produit",
            "producto",
        ],
    ),
    (
        Field::Quantity,
        &[
            "quantity", "qty", "units", "seats", "licenses", "licences", "count", "menge",
            "anzahl", "quantite", "cantidad",
        ],
    ),
    (
        Field::UnitPrice,
        &[
            "unit price",
            "price",
            "list price",
            "price per unit",
            "unit cost",
            "einzelpreis",
            "prix unitaire",
            "precio unitario",
        ],
    ),
    (
        Field::Amount,
        &[
            "amount",
            "total",
            "total amount",
            "net amount",
            "invoice amount",
            "line total",
            "extended price",
            "ext price",
            "revenue",
            "net revenue",
            "sales",
            "value",
            "betrag",
            "umsatz",
            "montant",
            "importe",
        ],
    ),
    (
        Field::Currency,
        &[
            "currency",
            "currency code",
            "curr",
            "ccy",
            "wahrung",
            "devise",
            "moneda",
        ],
    ),
    (
        Field::Reseller,
        &[
            "reseller",
            "reseller name",
            "partner",
            "partner name",
            "channel partner",
            "dealer",
            "var",
            "sold by",
            "handler",
            "revendeur",
            "distribuidor",
        ],
    ),
    (
        Field::EndOfTerm,
        &[
            "end of term",
            "term end",
            "end date",
            "renewal date",
            "subscription end",
            "expiry",
            "expiry date",
            "expiration date",
            "contract end",
            "laufzeitende",
        ],
    ),
];

/// A header as the suggestions compare it: ASCII lower case, every run of other characters one
/// space ("Invoice #" and "invoice" agree; "Währung" is "wahrung").
pub fn header_key(header: &str) -> String {
    let ascii = deunicode::deunicode(header).to_lowercase();
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The suggestion for each header: the earlier choice for its key (`own` before `others`),
/// else the field whose usual name it is, else the field whose longest usual name it
/// contains as whole words. A field goes to one column only, the first that claims it.
pub fn suggest(
    headers: &[String],
    own: &[ColumnMapping],
    others: &[ColumnMapping],
) -> Vec<ColumnMapping> {
    let mut taken: Vec<Field> = Vec::new();
    headers
        .iter()
        .map(|header| {
            let key = header_key(header);
            let field = remembered(&key, own)
                .or_else(|| remembered(&key, others).filter(|f| f.is_some()))
                .unwrap_or_else(|| usual(&key))
                .filter(|f| !taken.contains(f));
            taken.extend(field);
            ColumnMapping {
                header: header.clone(),
                field,
            }
        })
        .collect()
}

/// What was chosen for the header before, "leave it out" included.
fn remembered(key: &str, earlier: &[ColumnMapping]) -> Option<Option<Field>> {
    earlier
        .iter()
        .find(|c| header_key(&c.header) == key)
        .map(|c| c.field)
}

fn usual(key: &str) -> Option<Field> {
    let exact = SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&key))
        .map(|(field, _)| *field);
    exact.or_else(|| {
        let padded = format!(" {key} ");
        SYNONYMS
            .iter()
            .flat_map(|(field, names)| names.iter().map(move |n| (*field, *n)))
            .filter(|(_, name)| padded.contains(&format!(" {name} ")))
            .max_by_key(|(_, name)| name.len())
            .map(|(field, _)| field)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    fn fields(mapping: &[ColumnMapping]) -> Vec<Option<Field>> {
        mapping.iter().map(|c| c.field).collect()
    }

    #[test]
    fn usual_names_in_several_languages_are_recognized() {
        let suggested = suggest(
            &headers(&[
                "Invoice Date (UTC)",
                "Rechnungsnummer",
                "End Customer",
                "E-Mail",
                "Land",
                "SKU",
                "Qty",
                "Prix unitaire",
                "Total",
                "Währung",
                "Reseller Name",
                "Notes",
            ]),
            &[],
            &[],
        );
        assert_eq!(
            fields(&suggested),
            [
                Some(Field::TransactionDate),
                Some(Field::Reference),
                Some(Field::CustomerName),
                Some(Field::CustomerDomain),
                Some(Field::CustomerCountry),
                Some(Field::Product),
                Some(Field::Quantity),
                Some(Field::UnitPrice),
                Some(Field::Amount),
                Some(Field::Currency),
                Some(Field::Reseller),
                None,
            ]
        );
    }

    #[test]
    fn earlier_choices_win_and_a_field_goes_to_one_column() {
        let own = [
            ColumnMapping {
                header: "Total".into(),
                field: None,
            },
            ColumnMapping {
                header: "Net Sales".into(),
                field: Some(Field::Amount),
            },
        ];
        let others = [ColumnMapping {
            header: "Kdnr".into(),
            field: Some(Field::CustomerName),
        }];
        let suggested = suggest(
            &headers(&["total", "NET SALES", "kdnr", "Customer"]),
            &own,
            &others,
        );
        assert_eq!(
            fields(&suggested),
            [None, Some(Field::Amount), Some(Field::CustomerName), None]
        );
    }
}
