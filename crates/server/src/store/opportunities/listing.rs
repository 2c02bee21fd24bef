//! Pipeline lists: the filters, the sort orders, keyset pages, and counts.

use portico_api::organizations::Motion;
use portico_api::pipeline::{LOST, PipelineSort, ProtectionStatus, WON};

use super::{OpportunityRow, SELECT_SAFE, SafeRow, writes::search_key};
use crate::clock::Timestamp;
use crate::domain::pipeline::expiring_from;
use crate::store::Scope;
use crate::store::StoreError;
use crate::store::conditions::{Conditions, SortKey};
use crate::store::sql::{self, Pool};

/// Where a page starts: the sort key and id of the previous page's last row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyset {
    pub key: SortKey,
    pub id: i64,
}

impl Keyset {
    /// Opaque to clients: `<id>.<hex of the key>`, so any customer name fits in a URL.
    pub fn encode(&self) -> String {
        let key = match &self.key {
            SortKey::Number(n) => n.to_string(),
            SortKey::Text(t) => t.clone(),
        };
        format!("{}.{}", self.id, hex::encode(key))
    }

    pub fn decode(cursor: &str, sort: PipelineSort) -> Option<Keyset> {
        let (id, key) = cursor.split_once('.')?;
        let key = String::from_utf8(hex::decode(key).ok()?).ok()?;
        let key = match sort {
            PipelineSort::Updated | PipelineSort::StageEntered => {
                SortKey::Number(key.parse().ok()?)
            }
            PipelineSort::Customer | PipelineSort::NextStepDue => SortKey::Text(key),
        };
        Some(Keyset {
            key,
            id: id.parse().ok()?,
        })
    }

    /// The keyset of a row under `sort`.
    pub fn of(row: &SafeRow, sort: PipelineSort) -> Keyset {
        let key = match sort {
            PipelineSort::Updated => SortKey::Number(row.updated_at),
            PipelineSort::StageEntered => SortKey::Number(row.stage_entered_at),
            PipelineSort::Customer => SortKey::Text(row.customer_search.clone()),
            PipelineSort::NextStepDue => SortKey::Text(
                row.next_step_due
                    .clone()
                    .unwrap_or_else(|| NO_DUE.to_owned()),
            ),
        };
        Keyset { key, id: row.id }
    }
}

/// Sorts deals without a due date after every real date.
const NO_DUE: &str = "9999-12-31";

/// The sort's SQL expression and whether it runs newest first.
fn order(sort: PipelineSort) -> (&'static str, bool) {
    match sort {
        PipelineSort::Updated => ("o.updated_at", true),
        PipelineSort::StageEntered => ("o.stage_entered_at", true),
        PipelineSort::Customer => ("o.customer_search", false),
        PipelineSort::NextStepDue => ("COALESCE(o.next_step_due, '9999-12-31')", false),
    }
}

/// What a pipeline list asks for, already checked against the caller's role.
#[derive(Debug, Clone)]
pub struct PipelineFilter {
    pub scope: Scope,
    pub organization_id: Option<i64>,
    pub motion: Option<Motion>,
    pub stage: Option<String>,
    pub protection: Option<ProtectionStatus>,
    pub search: Option<String>,
    pub conflict_only: bool,
    /// Only open deals idle since before this moment.
    pub idle_since: Option<Timestamp>,
    /// Only open deals whose next step was due before this day (`YYYY-MM-DD`).
    pub due_before: Option<String>,
    pub sort: PipelineSort,
    pub after: Option<Keyset>,
    pub limit: u32,
    pub now: Timestamp,
}

impl PipelineFilter {
    /// Every partner's deals, most recently updated first: what vendor staff's lists narrow.
    pub fn vendor(now: Timestamp, limit: u32) -> PipelineFilter {
        PipelineFilter {
            scope: Scope::Vendor,
            organization_id: None,
            motion: None,
            stage: None,
            protection: None,
            search: None,
            conflict_only: false,
            idle_since: None,
            due_before: None,
            sort: PipelineSort::Updated,
            after: None,
            limit,
            now,
        }
    }
}

fn conditions(filter: &PipelineFilter) -> Conditions {
    use SortKey::{Number, Text};
    let mut c = Conditions::default();
    let organization = match filter.scope {
        Scope::Organization(id) => Some(id),
        Scope::Vendor => filter.organization_id,
    };
    if let Some(id) = organization {
        c.add("o.organization_id = ?", [Number(id)]);
    }
    if let Some(motion) = filter.motion {
        c.add("o.motion = ?", [Text(motion.as_str().to_owned())]);
    }
    if let Some(stage) = &filter.stage {
        c.add("o.stage = ?", [Text(stage.clone())]);
    }
    if let Some(protection) = filter.protection {
        let now = filter.now;
        match protection {
            ProtectionStatus::None => c.fixed("o.registration_id IS NULL"),
            ProtectionStatus::Expired => c.add(
                "o.registration_id IS NOT NULL \
                 AND (r.protection_ends_at IS NULL OR r.protection_ends_at <= ?)",
                [Number(now)],
            ),
            ProtectionStatus::Expiring => c.add(
                "r.protection_ends_at > ? AND r.protection_ends_at <= ?",
                [Number(now), Number(expiring_from(now))],
            ),
            ProtectionStatus::Active => {
                c.add("r.protection_ends_at > ?", [Number(expiring_from(now))])
            }
        }
    }
    if let Some(search) = &filter.search {
        c.add(
            "o.customer_search LIKE ? ESCAPE '\\'",
            [Text(format!("%{}%", like_escape(&search_key(search))))],
        );
    }
    if filter.conflict_only {
        c.fixed("r.conflict = 'review'");
    }
    if let Some(since) = filter.idle_since {
        c.add(
            &format!("o.stage NOT IN ('{WON}', '{LOST}') AND o.last_activity_at < ?"),
            [Number(since)],
        );
    }
    if let Some(day) = &filter.due_before {
        c.add(
            &format!("o.stage NOT IN ('{WON}', '{LOST}') AND o.next_step_due < ?"),
            [Text(day.clone())],
        );
    }
    if let Some(after) = &filter.after {
        let (expression, descending) = order(filter.sort);
        let op = if descending { "<" } else { ">" };
        c.add(
            &format!("({expression} {op} ? OR ({expression} = ? AND o.id {op} ?))"),
            [after.key.clone(), after.key.clone(), Number(after.id)],
        );
    }
    c
}

fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// A row a pipeline list reads: partners read `SafeRow`s, vendor staff whole rows.
pub trait Listed: sql::Row {
    const SELECT: &'static str;

    fn safe(&self) -> &SafeRow;
}

impl Listed for SafeRow {
    const SELECT: &'static str = SELECT_SAFE;

    fn safe(&self) -> &SafeRow {
        self
    }
}

impl Listed for OpportunityRow {
    const SELECT: &'static str = select_opportunity!("");

    fn safe(&self) -> &SafeRow {
        &self.safe
    }
}

/// One page (`limit + 1` rows, to tell whether another follows) in the filter's order.
pub async fn page<R: Listed>(db: &Pool, filter: &PipelineFilter) -> Result<Vec<R>, StoreError> {
    let c = conditions(filter);
    let (expression, descending) = order(filter.sort);
    let direction = if descending { "DESC" } else { "ASC" };
    let sql = format!(
        "{} WHERE {} ORDER BY {expression} {direction}, o.id {direction} LIMIT {}",
        R::SELECT,
        c.clause(),
        i64::from(filter.limit) + 1,
    );
    Ok(sql::query_as(sqlx::AssertSqlSafe(sql))
        .bind_all(c.arguments())
        .fetch_all(db)
        .await?)
}

/// How many rows match, for the review lists' totals.
pub async fn count(db: &Pool, filter: &PipelineFilter) -> Result<i64, StoreError> {
    let c = conditions(filter);
    let sql = format!(
        "SELECT COUNT(*) FROM opportunities o LEFT JOIN registrations r \
         ON r.id = o.registration_id WHERE {}",
        c.clause()
    );
    Ok(sql::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind_all(c.arguments())
        .fetch_one(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_any_key() {
        for (sort, key) in [
            (PipelineSort::Updated, SortKey::Number(1_790_000_000)),
            (
                PipelineSort::Customer,
                SortKey::Text("o'brien & 50% ünd.co".into()),
            ),
        ] {
            let keyset = Keyset { key, id: 42 };
            let cursor = keyset.encode();
            assert!(
                cursor
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.')
            );
            assert_eq!(Keyset::decode(&cursor, sort), Some(keyset));
        }
        assert_eq!(Keyset::decode("12.zz", PipelineSort::Customer), None);
        assert_eq!(Keyset::decode("12", PipelineSort::Updated), None);
    }
}
