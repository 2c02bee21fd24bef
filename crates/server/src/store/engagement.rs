//! What partner organizations did, read for the engagement score: the events of the score's two
//! windows tallied per organization and kind, and per organization when it joined and its
//! latest event of any age.

use std::collections::HashMap;

use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::domain::engagement::{Activity, Kind, Tally, Windows};
use crate::store::StoreError;
use crate::store::sql::{Builder, Pool};

// Event kinds are stored as their `as_str()` text.
portico_api::text_column!(Kind);

/// The events of one organization and kind in the recent and the earlier window.
#[derive(Debug, FromRow)]
struct TallyRow {
    organization_id: i64,
    kind: Kind,
    recent_count: i64,
    recent_sum_at: i64,
    earlier_count: i64,
    earlier_sum_at: i64,
}

/// One organization's joining and latest events, each source apart.
#[derive(Debug, FromRow)]
struct MilestoneRow {
    organization_id: i64,
    created_at: Timestamp,
    last_sign_in_at: Option<Timestamp>,
    last_content_at: Option<Timestamp>,
    last_read_at: Option<Timestamp>,
    last_acknowledged_at: Option<Timestamp>,
    last_registration_at: Option<Timestamp>,
    last_note_at: Option<Timestamp>,
}

impl MilestoneRow {
    fn into_activity(self) -> (i64, Activity) {
        let MilestoneRow {
            organization_id,
            created_at,
            last_sign_in_at,
            last_content_at,
            last_read_at,
            last_acknowledged_at,
            last_registration_at,
            last_note_at,
        } = self;
        let latest = [
            last_sign_in_at,
            last_content_at,
            last_read_at,
            last_acknowledged_at,
            last_registration_at,
            last_note_at,
        ];
        let activity = Activity {
            joined_at: created_at,
            recent: Vec::new(),
            earlier: Vec::new(),
            last_at: latest.into_iter().flatten().max(),
        };
        (organization_id, activity)
    }
}

/// The activity of each of these organizations as of `now`, by organization id.
pub async fn activity(
    db: &Pool,
    ids: &[i64],
    now: Timestamp,
) -> Result<HashMap<i64, Activity>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let (tallies, milestones) = tokio::try_join!(tallies(db, ids, now), milestones(db, ids))?;
    let mut activity: HashMap<i64, Activity> = milestones
        .into_iter()
        .map(MilestoneRow::into_activity)
        .collect();
    for row in tallies {
        let TallyRow {
            organization_id,
            kind,
            recent_count,
            recent_sum_at,
            earlier_count,
            earlier_sum_at,
        } = row;
        if let Some(organization) = activity.get_mut(&organization_id) {
            organization.recent.push((
                kind,
                Tally {
                    count: recent_count,
                    sum_at: recent_sum_at,
                },
            ));
            organization.earlier.push((
                kind,
                Tally {
                    count: earlier_count,
                    sum_at: earlier_sum_at,
                },
            ));
        }
    }
    Ok(activity)
}

/// Every event of both windows, from each table that records one, counted and summed per
/// organization and kind in one pass. Every source is limited to the organizations and to the
/// span of the windows, which its index on (organization, time) serves.
async fn tallies(db: &Pool, ids: &[i64], now: Timestamp) -> Result<Vec<TallyRow>, StoreError> {
    let windows = Windows::at(now);
    let mut sql = Builder::new("");
    let recent_after = sql.bind(windows.recent_after);
    let earlier_until = sql.bind(windows.earlier_until);
    let (after, until) = (sql.bind(windows.earlier_after), sql.bind(now));
    let organizations = sql.bind_list(ids);
    sql.push("SELECT e.organization_id, e.kind, COUNT(CASE WHEN e.at > ")
        .push_param(&recent_after)
        .push(" THEN 1 END) AS recent_count, CAST(COALESCE(SUM(CASE WHEN e.at > ")
        .push_param(&recent_after)
        .push(" THEN e.at END), 0) AS BIGINT) AS recent_sum_at, COUNT(CASE WHEN e.at <= ")
        .push_param(&earlier_until)
        .push(" THEN 1 END) AS earlier_count, CAST(COALESCE(SUM(CASE WHEN e.at <= ")
        .push_param(&earlier_until)
        .push(" THEN e.at END), 0) AS BIGINT) AS earlier_sum_at FROM (");
    for (i, (select, at)) in SOURCES.into_iter().enumerate() {
        sql.push(if i == 0 { "" } else { " UNION ALL " })
            .push(select)
            .push_param(&organizations)
            .push(") AND ")
            .push(at)
            .push(" > ")
            .push_param(&after)
            .push(" AND ")
            .push(at)
            .push(" <= ")
            .push_param(&until);
    }
    sql.push(") e GROUP BY e.organization_id, e.kind");
    Ok(sql.query_as().fetch_all(db).await?)
}

/// Each table that records an event: its query up to the list of organizations, and the column
/// of the event's time.
const SOURCES: [(&str, &str); 6] = [
    (
        "SELECT organization_id, 'sign_in' AS kind, at FROM sign_ins WHERE organization_id IN (",
        "at",
    ),
    (
        "SELECT organization_id, kind, at FROM asset_events WHERE organization_id IN (",
        "at",
    ),
    (
        "SELECT organization_id, 'read', read_at FROM announcement_receipts \
         WHERE organization_id IN (",
        "read_at",
    ),
    (
        "SELECT organization_id, 'acknowledgment', acknowledged_at FROM announcement_receipts \
         WHERE organization_id IN (",
        "acknowledged_at",
    ),
    (
        "SELECT organization_id, 'registration', submitted_at FROM registrations \
         WHERE organization_id IN (",
        "submitted_at",
    ),
    (
        "SELECT p.organization_id, 'note', n.created_at FROM opportunity_notes n \
         JOIN opportunities p ON p.id = n.opportunity_id \
         WHERE n.side = 'partner' AND p.organization_id IN (",
        "n.created_at",
    ),
];

/// For each organization, the latest event of every source, however old: each one is the last
/// entry of an index on (organization, time), except notes and acknowledgments, which are few
/// per organization.
async fn milestones(db: &Pool, ids: &[i64]) -> Result<Vec<MilestoneRow>, StoreError> {
    let mut sql = Builder::new(
        "SELECT o.id AS organization_id, o.created_at, \
         (SELECT MAX(s.at) FROM sign_ins s WHERE s.organization_id = o.id) AS last_sign_in_at, \
         (SELECT MAX(e.at) FROM asset_events e WHERE e.organization_id = o.id) \
         AS last_content_at, \
         (SELECT MAX(r.read_at) FROM announcement_receipts r WHERE r.organization_id = o.id) \
         AS last_read_at, \
         (SELECT MAX(r.acknowledged_at) FROM announcement_receipts r \
         WHERE r.organization_id = o.id) AS last_acknowledged_at, \
         (SELECT MAX(g.submitted_at) FROM registrations g WHERE g.organization_id = o.id) \
         AS last_registration_at, \
         (SELECT MAX(n.created_at) FROM opportunity_notes n \
         JOIN opportunities p ON p.id = n.opportunity_id \
         WHERE p.organization_id = o.id AND n.side = 'partner') AS last_note_at \
         FROM organizations o WHERE o.id IN (",
    );
    sql.push_binds(ids).push(")");
    Ok(sql.query_as().fetch_all(db).await?)
}
