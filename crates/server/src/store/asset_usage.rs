//! Views and downloads of assets by partner users, kept one row per event (the engagement score
//! will weigh them by age) plus a running count per asset for sorting by use.

use portico_api::OrganizationRef;
use portico_api::assets::{AssetKind, AssetUsage, OrganizationUsage, UsagePoint};
use sqlx::FromRow;

use crate::clock::{Timestamp, rfc3339};
use crate::store::Db;
use crate::store::StoreError;
use crate::store::conditions::{Conditions, SortKey};
use crate::store::sql::{self, Pool};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    View,
    Download,
}

impl Event {
    fn as_str(self) -> &'static str {
        match self {
            Event::View => "view",
            Event::Download => "download",
        }
    }
}

pub struct Use {
    pub asset_id: i64,
    pub organization_id: i64,
    pub user_id: i64,
    pub event: Event,
}

pub async fn record(db: &Db, usage: &Use, now: Timestamp) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sql::query(
        "INSERT INTO asset_events (asset_id, organization_id, user_id, kind, at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(usage.asset_id)
    .bind(usage.organization_id)
    .bind(usage.user_id)
    .bind(usage.event.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sql::query("UPDATE assets SET use_count = use_count + 1 WHERE id = $1")
        .bind(usage.asset_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Counts per asset over a period.
#[derive(Debug, Clone, FromRow)]
pub struct UsageRow {
    pub asset_id: i64,
    pub title: String,
    pub kind: AssetKind,
    pub views: i64,
    pub downloads: i64,
    pub organizations: i64,
    pub last_used_at: Option<Timestamp>,
}

impl UsageRow {
    pub fn into_view(self) -> AssetUsage {
        let UsageRow {
            asset_id,
            title,
            kind,
            views,
            downloads,
            organizations,
            last_used_at,
        } = self;
        AssetUsage {
            asset_id,
            title,
            kind,
            views,
            downloads,
            organizations,
            last_used_at: last_used_at.map(rfc3339),
        }
    }
}

const COUNTS: &str = "SUM(CASE WHEN e.kind = 'view' THEN 1 ELSE 0 END) AS views, \
    SUM(CASE WHEN e.kind = 'download' THEN 1 ELSE 0 END) AS downloads";

/// Which events a report counts.
#[derive(Debug, Clone, Copy)]
pub enum Subject {
    Everything,
    Asset(i64),
    Organization(i64),
}

impl Subject {
    /// The events of this subject since `since`.
    fn conditions(self, since: Timestamp) -> Conditions {
        let mut c = Conditions::default();
        c.add("e.at >= ?", [SortKey::Number(since)]);
        match self {
            Subject::Everything => {}
            Subject::Asset(id) => c.add("e.asset_id = ?", [SortKey::Number(id)]),
            Subject::Organization(id) => c.add("e.organization_id = ?", [SortKey::Number(id)]),
        }
        c
    }
}

/// Assets by use since `since`, most used first (for an organization: most recent first).
pub async fn by_asset(
    db: &Pool,
    subject: Subject,
    since: Timestamp,
    limit: u32,
) -> Result<Vec<UsageRow>, StoreError> {
    let c = subject.conditions(since);
    let order = match subject {
        Subject::Organization(_) => "MAX(e.at) DESC",
        Subject::Everything | Subject::Asset(_) => "COUNT(*) DESC",
    };
    let sql = format!(
        "SELECT a.id AS asset_id, a.title, a.kind, {COUNTS}, \
         COUNT(DISTINCT e.organization_id) AS organizations, MAX(e.at) AS last_used_at \
         FROM asset_events e JOIN assets a ON a.id = e.asset_id \
         WHERE {} GROUP BY a.id, a.title, a.kind ORDER BY {order}, a.id LIMIT {limit}",
        c.clause()
    );
    Ok(sql::query_as(sqlx::AssertSqlSafe(sql))
        .bind_all(c.arguments())
        .fetch_all(db)
        .await?)
}

/// Published assets with no use since `since`, longest published first.
pub async fn unused(db: &Pool, since: Timestamp) -> Result<Vec<UsageRow>, StoreError> {
    Ok(sql::query_as(
        "SELECT a.id AS asset_id, a.title, a.kind, CAST(0 AS BIGINT) AS views, \
         CAST(0 AS BIGINT) AS downloads, CAST(0 AS BIGINT) AS organizations, \
         (SELECT MAX(e.at) FROM asset_events e WHERE e.asset_id = a.id) AS last_used_at \
         FROM assets a WHERE a.state = 'published' AND NOT EXISTS \
         (SELECT 1 FROM asset_events e WHERE e.asset_id = a.id AND e.at >= $1) \
         ORDER BY a.published_at, a.id LIMIT 100",
    )
    .bind(since)
    .fetch_all(db)
    .await?)
}

#[derive(Debug, Clone, FromRow)]
struct OrganizationRow {
    id: i64,
    name: String,
    views: i64,
    downloads: i64,
    last_used_at: Timestamp,
}

/// Which partner organizations used one asset, most active first.
pub async fn by_organization(
    db: &Pool,
    asset_id: i64,
    since: Timestamp,
) -> Result<Vec<OrganizationUsage>, StoreError> {
    let sql = format!(
        "SELECT o.id, o.name, {COUNTS}, MAX(e.at) AS last_used_at \
         FROM asset_events e JOIN organizations o ON o.id = e.organization_id \
         WHERE e.asset_id = $1 AND e.at >= $2 GROUP BY o.id, o.name \
         ORDER BY COUNT(*) DESC, o.name LIMIT 200"
    );
    let rows: Vec<OrganizationRow> = sql::query_as(sqlx::AssertSqlSafe(sql))
        .bind(asset_id)
        .bind(since)
        .fetch_all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| OrganizationUsage {
            organization: OrganizationRef {
                id: r.id,
                name: r.name,
            },
            views: r.views,
            downloads: r.downloads,
            last_used_at: rfc3339(r.last_used_at),
        })
        .collect())
}

/// Seconds from the Unix epoch (a Thursday) to the first Monday, 1970-01-05.
const FIRST_MONDAY: i64 = 4 * 86_400;
const WEEK: i64 = 7 * 86_400;

/// Week by week since `since`, oldest first, with empty weeks included.
pub async fn weekly(
    db: &Pool,
    subject: Subject,
    since: Timestamp,
    now: Timestamp,
) -> Result<Vec<UsagePoint>, StoreError> {
    let c = subject.conditions(since);
    let sql = format!(
        "SELECT (e.at - {FIRST_MONDAY}) / {WEEK} AS week, {COUNTS} FROM asset_events e \
         WHERE {} GROUP BY (e.at - {FIRST_MONDAY}) / {WEEK} ORDER BY 1",
        c.clause()
    );
    let rows: Vec<(i64, i64, i64)> = sql::query_as(sqlx::AssertSqlSafe(sql))
        .bind_all(c.arguments())
        .fetch_all(db)
        .await?;
    let week_of = |at: Timestamp| (at - FIRST_MONDAY).div_euclid(WEEK);
    Ok((week_of(since)..=week_of(now))
        .map(|week| {
            let (views, downloads) = rows
                .iter()
                .find(|(w, _, _)| *w == week)
                .map_or((0, 0), |(_, v, d)| (*v, *d));
            UsagePoint {
                week: rfc3339(FIRST_MONDAY + week * WEEK)[..10].to_owned(),
                views,
                downloads,
            }
        })
        .collect())
}
