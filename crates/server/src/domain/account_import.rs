//! Reading an account-book CSV: a header naming the columns (any order, any case), then one
//! account per row. Every bad row is reported, by its line number, so the manager can fix the
//! file in one go. Rows naming the same account (the same domain, or without one the same
//! normalized name) are refused, pointing at the group's first row, or on request imported as
//! one account with the later rows' names as its alternative names.

use std::collections::{BTreeMap, HashMap};

use portico_api::accounts::{ALTERNATIVE_NAMES_MAX, AccountInput, ValidAccount};

use crate::domain::alternative_names::{self, AlternativeName};
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

/// One account of the file: its first row and, when duplicates are merged, the names of the
/// later rows that name it too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportAccount {
    pub first: ImportRow,
    /// `alternative_names::distinct` of the later rows' names.
    pub alternative_names: Vec<AlternativeName>,
    /// How many later rows were merged into it.
    pub merged: usize,
}

/// What to do with rows that name an account an earlier row names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicates {
    Refuse,
    Merge,
}

pub fn parse(text: &str, duplicates: Duplicates) -> Result<Vec<ImportAccount>, RowErrors> {
    let (rows, mut errors) = rows(text)?;
    let mut accounts: Vec<ImportAccount> = Vec::new();
    // Which account (its index) each identifying key belongs to.
    let mut seen: HashMap<(Option<String>, String), usize> = HashMap::new();
    for row in rows {
        // Only the domain identifies a row that has one; the name only when it has none.
        let name_part = if row.domain_key.is_some() {
            String::new()
        } else {
            row.name_key.clone()
        };
        let key = (row.domain_key.clone(), name_part);
        let Some(&at) = seen.get(&key) else {
            seen.insert(key, accounts.len());
            accounts.push(ImportAccount {
                first: row,
                alternative_names: Vec::new(),
                merged: 0,
            });
            continue;
        };
        let account = &mut accounts[at];
        if let Err(message) = merge(account, &row, duplicates) {
            errors.insert(format!("row {}", row.row), message);
        }
    }
    if errors.is_empty() {
        Ok(accounts)
    } else {
        Err(errors)
    }
}

/// Adds a later row's name to the account of the group's first row, if asked to.
fn merge(
    account: &mut ImportAccount,
    row: &ImportRow,
    duplicates: Duplicates,
) -> Result<(), String> {
    let first = account.first.row;
    if duplicates == Duplicates::Refuse {
        let same = if row.domain_key.is_some() {
            "the same domain"
        } else {
            "the same name once legal forms and punctuation are set aside"
        };
        return Err(format!(
            "The same account as row {first} ({same}). Import with duplicates merged to keep \
             this row's name as an alternative name of that account."
        ));
    }
    let names = account
        .alternative_names
        .iter()
        .map(|n| n.name.as_str())
        .chain([row.account.name.as_str()]);
    let names = alternative_names::distinct(&account.first.name_key, names);
    if names.len() > ALTERNATIVE_NAMES_MAX {
        return Err(format!(
            "The account of row {first} already has {ALTERNATIVE_NAMES_MAX} alternative names."
        ));
    }
    account.alternative_names = names;
    account.merged += 1;
    Ok(())
}

/// The valid rows and the problems of the others; only a bad header is an error by itself.
fn rows(text: &str) -> Result<(Vec<ImportRow>, RowErrors), RowErrors> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let columns = header(&mut reader)?;
    let mut rows = Vec::new();
    let mut errors = RowErrors::new();
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
            Ok(parsed) => rows.push(parsed),
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
    Ok((rows, errors))
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
        alternative_names: Vec::new(),
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
        let accounts = parse(
            "\u{feff}Owner,Name,Domain,Incumbent Partner\n\
             Dana Direct,Contoso Ltd,https://www.contoso.com,Globex Consulting\n\
             Dana Direct,\"Fabrikam, Inc.\",,\n",
            Duplicates::Refuse,
        )
        .unwrap();
        let rows: Vec<&ImportRow> = accounts.iter().map(|a| &a.first).collect();
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
            Duplicates::Refuse,
        )
        .unwrap_err();
        let rows: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(rows, ["row 3", "row 4", "row 5", "row 6"]);
        assert!(errors["row 5"].contains("row 2"), "{errors:?}");
        assert!(errors["row 6"].starts_with("owner:"), "{errors:?}");
    }

    const THE_SAME_COMPANY_THRICE: &str = "name,domain,owner\n\
        Meridian Companies,,Dana\n\
        Tailspin,tailspin.com,Lee\n\
        Meridian Cos.,,Sam\n\
        MERIDIAN COS INC,,Sam\n\
        Tailspin Toys,www.tailspin.com,Lee\n";

    #[test]
    fn duplicates_point_at_the_first_row_of_their_group() {
        let errors = parse(THE_SAME_COMPANY_THRICE, Duplicates::Refuse).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        for row in ["row 4", "row 5"] {
            assert!(
                errors[row].starts_with("The same account as row 2 (the same name"),
                "{errors:?}"
            );
            assert!(errors[row].contains("duplicates merged"), "{errors:?}");
        }
        assert!(
            errors["row 6"].starts_with("The same account as row 3 (the same domain)"),
            "{errors:?}"
        );
    }

    #[test]
    fn merged_duplicates_become_alternative_names_of_the_first_row() {
        let accounts = parse(THE_SAME_COMPANY_THRICE, Duplicates::Merge).unwrap();
        assert_eq!(accounts.len(), 2);
        let (meridian, tailspin) = (&accounts[0], &accounts[1]);
        assert_eq!(meridian.first.row, 2);
        assert_eq!(meridian.first.account.owner, "Dana");
        assert_eq!(meridian.merged, 2);
        // Both later names normalize to the first one's key: nothing new to match by.
        assert!(meridian.alternative_names.is_empty());
        assert_eq!(tailspin.merged, 1);
        let names: Vec<&str> = tailspin
            .alternative_names
            .iter()
            .map(|n| n.name.as_str())
            .collect();
        assert_eq!(names, ["Tailspin Toys"]);
    }

    #[test]
    fn one_account_takes_at_most_its_share_of_alternative_names() {
        let mut csv = String::from("name,domain,owner\nAcme,acme.com,Dana\n");
        for i in 0..=ALTERNATIVE_NAMES_MAX {
            csv.push_str(&format!("Acme Division {i},acme.com,Dana\n"));
        }
        let errors = parse(&csv, Duplicates::Merge).unwrap_err();
        let last = format!("row {}", ALTERNATIVE_NAMES_MAX + 3);
        assert_eq!(errors.keys().collect::<Vec<_>>(), [&last]);
        assert!(errors[&last].contains("row 2"), "{errors:?}");
    }

    #[test]
    fn a_file_without_the_columns_or_rows_is_refused() {
        let refused = |csv| parse(csv, Duplicates::Merge).unwrap_err();
        assert!(
            refused("company,website\nContoso,contoso.com\n")["file"]
                .contains("missing: name, domain, owner")
        );
        assert!(refused("name,domain,owner\n").contains_key("file"));
    }
}
