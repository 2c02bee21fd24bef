//! Reading an account-book CSV: a header naming the columns (any order, any case), then one
//! account per row. Every bad row is reported, by its line number, so the manager can fix the
//! file in one go.

use std::collections::{BTreeMap, HashMap};

use portico_api::accounts::{AccountInput, ValidAccount};

use crate::domain::company;

/// At most this many accounts per file; larger books are imported in parts.
pub const MAX_ROWS: usize = 20_000;
const COLUMNS: [&str; 4] = ["name", "domain", "owner", "incumbent_partner"];

/// One valid row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// 1-based, the header being row 1.
    pub row: usize,
    pub account: ValidAccount,
    pub name_key: String,
    pub domain_key: Option<String>,
    /// The incumbent partner organization's name as written, if any.
    pub incumbent_partner: Option<String>,
}

/// Problems keyed `row N` (or `file`), in the API's field-error shape.
pub type RowErrors = BTreeMap<String, String>;

pub fn parse(text: &str) -> Result<Vec<ImportRow>, RowErrors> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let columns = header(&mut reader)?;
    let mut rows = Vec::new();
    let mut errors = RowErrors::new();
    let mut seen: HashMap<(Option<String>, String), usize> = HashMap::new();
    for (index, record) in reader.records().enumerate() {
        let row = index + 2;
        if row - 1 > MAX_ROWS {
            errors.insert(
                "file".into(),
                format!("Import at most {MAX_ROWS} accounts per file."),
            );
            break;
        }
        match record
            .map_err(|e| format!("Not valid CSV: {e}"))
            .and_then(|r| parse_row(row, &r, &columns))
        {
            Ok(parsed) => {
                // Only the domain identifies a row that has one; the name only when it has none.
                let name_part = if parsed.domain_key.is_some() {
                    String::new()
                } else {
                    parsed.name_key.clone()
                };
                let key = (parsed.domain_key.clone(), name_part);
                if let Some(first) = seen.insert(key, row) {
                    errors.insert(
                        format!("row {row}"),
                        format!("The same account as row {first}."),
                    );
                } else {
                    rows.push(parsed);
                }
            }
            Err(message) => {
                errors.insert(format!("row {row}"), message);
            }
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.insert(
            "file".into(),
            "The file has no accounts below its header.".into(),
        );
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Column positions in `COLUMNS` order; `incumbent_partner` may be missing.
fn header(reader: &mut csv::Reader<&[u8]>) -> Result<[Option<usize>; 4], RowErrors> {
    let file_error = |message: String| RowErrors::from([("file".to_owned(), message)]);
    let header = reader
        .headers()
        .map_err(|e| file_error(format!("The header row is not valid CSV: {e}")))?;
    let position = |column: &str| {
        header
            .iter()
            .position(|h| h.trim().to_lowercase().replace([' ', '-'], "_") == column)
    };
    let columns = COLUMNS.map(position);
    let missing: Vec<&str> = COLUMNS[..3]
        .iter()
        .zip(&columns)
        .filter(|(_, p)| p.is_none())
        .map(|(c, _)| *c)
        .collect();
    if !missing.is_empty() {
        return Err(file_error(format!(
            "The header must name the columns name, domain, owner and (optionally) incumbent_partner; missing: {}.",
            missing.join(", ")
        )));
    }
    Ok(columns)
}

fn parse_row(
    row: usize,
    record: &csv::StringRecord,
    columns: &[Option<usize>; 4],
) -> Result<ImportRow, String> {
    let cell = |i: usize| {
        columns[i]
            .and_then(|p| record.get(p))
            .unwrap_or_default()
            .to_owned()
    };
    let input = AccountInput {
        name: cell(0),
        domain: Some(cell(1)),
        owner: cell(2),
        incumbent_organization_id: None,
    };
    let account = input.validate().map_err(|fields| {
        fields
            .into_iter()
            .map(|(field, message)| format!("{field}: {message}"))
            .collect::<Vec<_>>()
            .join(" ")
    })?;
    let incumbent_partner = Some(cell(3)).filter(|p| !p.is_empty());
    Ok(ImportRow {
        row,
        name_key: company::name_key(&account.name),
        domain_key: account
            .domain
            .as_deref()
            .and_then(company::registrable_domain),
        account,
        incumbent_partner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_columns_in_any_order_and_case() {
        let rows = parse(
            "\u{feff}Owner,Name,Domain,Incumbent Partner\n\
             Dana Direct,Contoso Ltd,https://www.contoso.com,Globex Consulting\n\
             Dana Direct,\"Fabrikam, Inc.\",,\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].account.domain.as_deref(), Some("contoso.com"));
        assert_eq!(
            rows[0].incumbent_partner.as_deref(),
            Some("Globex Consulting")
        );
        assert_eq!(rows[1].account.name, "Fabrikam, Inc.");
        assert_eq!(rows[1].account.domain, None);
        assert_eq!(rows[1].row, 3);
    }

    #[test]
    fn every_bad_row_is_reported_by_its_line() {
        let errors = parse(
            "name,domain,owner\n\
             Contoso,contoso.com,Dana\n\
             ,x.com,Dana\n\
             Fabrikam,not a domain,Dana\n\
             Contoso Again,www.contoso.com,Dana\n\
             Tailspin,tailspin.com,\n",
        )
        .unwrap_err();
        let rows: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(rows, ["row 3", "row 4", "row 5", "row 6"]);
        assert!(errors["row 5"].contains("row 2"), "{errors:?}");
        assert!(errors["row 6"].starts_with("owner:"), "{errors:?}");
    }

    #[test]
    fn a_file_without_the_columns_or_rows_is_refused() {
        assert!(
            parse("company,website\nContoso,contoso.com\n").unwrap_err()["file"]
                .contains("missing: name, domain, owner")
        );
        assert!(
            parse("name,domain,owner\n")
                .unwrap_err()
                .contains_key("file")
        );
    }
}
