//! Certifications as people hold them: how long an earning lasts, when a release cuts it
//! short, where it stands on a day; and reading a learning system's CSV of completions.

use std::collections::BTreeMap;

use portico_api::certifications::{EXPIRY_NOTICE_DAYS, HoldingStatus, RENEWAL_DAYS};
use portico_api::date::Date;
use portico_api::validate;

/// The first day an earning no longer holds, by its validity alone.
pub fn valid_until(earned_on: Date, validity_months: u32) -> Date {
    earned_on.add_months(validity_months)
}

/// The day holders who earned it before a release must have renewed by.
pub fn renewal_due(released_on: Date) -> Date {
    Date::from_unix(released_on.unix_start() + RENEWAL_DAYS * 86_400)
}

/// A release that holders earlier than it must renew for: its name, day and deadline.
#[derive(Debug, Clone, Copy)]
pub struct Release<'a> {
    pub name: &'a str,
    pub released_on: Date,
    pub due_on: Date,
}

impl<'a> Release<'a> {
    /// The release a definition's stored columns describe, when they all say one.
    pub fn stored(
        name: Option<&'a str>,
        released_on: Option<&str>,
        due_on: Option<&str>,
    ) -> Option<Release<'a>> {
        Some(Release {
            name: name?,
            released_on: Date::parse(released_on?)?,
            due_on: Date::parse(due_on?)?,
        })
    }
}

/// When an earning stops holding, and the release that cut it short, if one did.
pub fn expires_on<'a>(
    earned_on: Date,
    valid_until: Date,
    release: Option<Release<'a>>,
) -> (Date, Option<&'a str>) {
    match release {
        Some(r) if earned_on < r.released_on && r.due_on < valid_until => (r.due_on, Some(r.name)),
        _ => (valid_until, None),
    }
}

pub fn status(expires_on: Date, today: Date) -> HoldingStatus {
    let left = today.days_until(expires_on);
    if left <= 0 {
        HoldingStatus::Expired
    } else if left <= EXPIRY_NOTICE_DAYS {
        HoldingStatus::ExpiringSoon
    } else {
        HoldingStatus::Current
    }
}

/// At most this many completions per file.
pub const MAX_ROWS: usize = 5_000;
const COLUMNS: [&str; 3] = ["email", "certification", "completed_at"];

/// One completion as the file states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// 1-based, the header being row 1.
    pub row: usize,
    pub email: String,
    /// A definition's name or code, as written.
    pub certification: String,
    pub completed_on: Date,
}

/// Problems keyed `row N` (or `file`), in the API's field-error shape.
pub type RowErrors = BTreeMap<String, String>;

/// The file's readable rows and the problems of the others (so that the rows naming unknown
/// people or certifications can be reported with them); only a bad header or an empty file is
/// an error by itself. `completed_at` is a day (`YYYY-MM-DD`) or a moment starting with one
/// (`2026-11-02T14:00:00Z`), never after `today`.
pub fn parse_completions(
    text: &str,
    today: Date,
) -> Result<(Vec<Completion>, RowErrors), RowErrors> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let columns = header(&mut reader)?;
    let (mut rows, mut errors) = (Vec::new(), RowErrors::new());
    for (index, record) in reader.records().enumerate() {
        let row = index + 2;
        if row - 1 > MAX_ROWS {
            errors.insert(
                "file".into(),
                format!("Import at most {MAX_ROWS} completions per file."),
            );
            break;
        }
        let parsed = record
            .map_err(|e| format!("Not valid CSV: {e}"))
            .and_then(|r| completion(row, &r, columns, today));
        match parsed {
            Ok(completion) => rows.push(completion),
            Err(message) => {
                errors.insert(format!("row {row}"), message);
            }
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.insert(
            "file".into(),
            "The file has no rows below its header.".into(),
        );
        return Err(errors);
    }
    Ok((rows, errors))
}

fn header(reader: &mut csv::Reader<&[u8]>) -> Result<[usize; 3], RowErrors> {
    let file_error = |message: String| RowErrors::from([("file".to_owned(), message)]);
    let header = reader
        .headers()
        .map_err(|e| file_error(format!("The header row is not valid CSV: {e}")))?;
    let normalized: Vec<String> = header
        .iter()
        .map(|h| h.trim().to_lowercase().replace([' ', '-'], "_"))
        .collect();
    let position = |column: &str| normalized.iter().position(|h| h == column);
    match COLUMNS.map(position) {
        [Some(email), Some(certification), Some(completed)] => {
            Ok([email, certification, completed])
        }
        _ => Err(file_error(
            "The header must name the columns email, certification and completed_at.".into(),
        )),
    }
}

fn completion(
    row: usize,
    record: &csv::StringRecord,
    [email, certification, completed]: [usize; 3],
    today: Date,
) -> Result<Completion, String> {
    let cell = |i: usize| record.get(i).unwrap_or_default();
    let email = validate::email(cell(email)).map_err(str::to_owned)?;
    let certification = cell(certification);
    if certification.is_empty() {
        return Err("Name the certification.".into());
    }
    let completed_at = cell(completed);
    let completed_on = completed_at
        .get(..10)
        .and_then(Date::parse)
        .ok_or("Give completed_at as YYYY-MM-DD.")?;
    if completed_on > today {
        return Err("The completion day is in the future.".into());
    }
    Ok(Completion {
        row,
        email,
        certification: certification.to_owned(),
        completed_on,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_release_cuts_short_only_what_was_earned_before_it() {
        let release = Release {
            name: "Portico 5",
            released_on: day("2026-06-01"),
            due_on: renewal_due(day("2026-06-01")),
        };
        assert_eq!(release.due_on, day("2026-08-30"));
        let until = valid_until(day("2026-01-31"), 24);
        assert_eq!(until, day("2028-01-31"));
        assert_eq!(
            expires_on(day("2026-01-31"), until, Some(release)),
            (day("2026-08-30"), Some("Portico 5"))
        );
        let later = valid_until(day("2026-06-02"), 24);
        assert_eq!(
            expires_on(day("2026-06-02"), later, Some(release)),
            (later, None)
        );
        let short = valid_until(day("2026-01-01"), 6);
        assert_eq!(
            expires_on(day("2026-01-01"), short, Some(release)),
            (short, None)
        );
    }

    #[test]
    fn an_earning_expires_soon_in_its_last_thirty_days() {
        let expires = day("2026-12-31");
        assert_eq!(status(expires, day("2026-11-30")), HoldingStatus::Current);
        assert_eq!(
            status(expires, day("2026-12-01")),
            HoldingStatus::ExpiringSoon
        );
        assert_eq!(status(expires, day("2026-12-31")), HoldingStatus::Expired);
    }

    #[test]
    fn completions_read_in_any_column_order_and_every_bad_row_is_named() {
        let today = day("2026-12-05");
        let rows = parse_completions(
            "\u{feff}Certification,Completed At,E-mail\n\
             Solutions Architect,2026-11-02T14:00:00Z,Ana@Globex.example\n",
            today,
        );
        assert_eq!(
            rows,
            Err(RowErrors::from([(
                "file".into(),
                "The header must name the columns email, certification and completed_at.".into()
            )]))
        );
        let (rows, errors) = parse_completions(
            "Certification,Completed_At,Email\n\
             Solutions Architect,2026-11-02T14:00:00Z,Ana@Globex.example\n",
            today,
        )
        .unwrap();
        assert!(errors.is_empty());
        assert_eq!(rows[0].email, "ana@globex.example");
        assert_eq!(rows[0].completed_on, day("2026-11-02"));
        let (_, errors) = parse_completions(
            "email,certification,completed_at\n\
             not-an-address,Sales,2026-01-01\n\
             ana@globex.example,,2026-01-01\n\
             ana@globex.example,Sales,02/11/2026\n\
             ana@globex.example,Sales,2027-01-01\n",
            today,
        )
        .unwrap();
        let rows: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(rows, ["row 2", "row 3", "row 4", "row 5"]);
        assert!(errors["row 5"].contains("future"));
        assert!(parse_completions("email,certification,completed_at\n", today).is_err());
    }
}
