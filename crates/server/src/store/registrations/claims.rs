//! The live claims the conflict check compares a filing with, and the findings it stores.

use std::collections::HashMap;

use portico_api::registrations::{MatchStrength, RegistrationStatus};
use sqlx::FromRow;

use super::open_statuses;
use crate::clock::Timestamp;
use crate::domain::conflict::Finding;
use crate::store::StoreError;
use crate::store::blocks::{Holder, Probe};
use crate::store::sql::{self, Bind as _, Builder, Conn, Exec, Pool};

/// A live claim on a customer: undecided, or approved and still protected.
#[derive(Debug, Clone, FromRow)]
pub struct ClaimRow {
    pub id: i64,
    pub organization_name: String,
    pub name_key: String,
    pub domain_key: Option<String>,
    pub status: RegistrationStatus,
    pub submitted_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

/// The id of the newest registration, 0 when there is none.
pub async fn newest_id(conn: &mut Conn) -> Result<i64, StoreError> {
    Ok(
        sql::query_scalar("SELECT COALESCE(MAX(id), 0) FROM registrations")
            .fetch_one(conn)
            .await?,
    )
}

/// Which registrations the conflict check reads.
pub enum ClaimScope<'a> {
    /// Those that share a blocking key or the domain with the probed customer.
    Probe(&'a Probe),
    /// Those filed after this id: the few since a probe was read.
    After(i64),
}

/// The pending and protected registrations in `scope`.
pub async fn live_claims(
    conn: &mut Conn,
    now: Timestamp,
    scope: ClaimScope<'_>,
) -> Result<Vec<ClaimRow>, StoreError> {
    let mut sql = Builder::new(
        "SELECT r.id, o.name AS organization_name, r.name_key, r.domain_key, r.status, \
         r.submitted_at, r.decided_at FROM registrations r \
         JOIN organizations o ON o.id = r.organization_id WHERE r.id ",
    );
    match scope {
        ClaimScope::Probe(probe) => {
            sql.push("IN (");
            probe.push_candidates(&mut sql, Holder::Registration);
            sql.push(")")
        }
        ClaimScope::After(id) => sql.push("> ").push_bind(id),
    };
    // Liveness is one CASE expression, which no index serves: the planner then starts from
    // the few candidate ids rather than from the index on status and its 200,000 live rows.
    sql.push(" AND CASE WHEN r.status IN ")
        .push(open_statuses())
        .push(" THEN 1 WHEN r.status = 'approved' AND r.protection_ends_at > ")
        .push_bind(now)
        .push(" THEN 1 ELSE 0 END = 1 ORDER BY r.id");
    Ok(sql.query_as().fetch_all(conn).await?)
}

/// What a finding matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matched {
    Registration(i64),
    Account(i64),
}

/// Findings per statement: a short name can be the short form of many accounts, and a
/// statement holds only so many parameters.
const FINDINGS_PER_INSERT: usize = 100;

/// Stores what a registration matched, each with its finding, in their order.
pub async fn insert_findings(
    conn: &mut Conn,
    registration_id: i64,
    findings: &[(Matched, Finding)],
) -> Result<(), StoreError> {
    for chunk in findings.chunks(FINDINGS_PER_INSERT) {
        let mut sql = Builder::new(
            "INSERT INTO registration_findings (registration_id, matched_registration_id, \
             matched_account_id, strength, score) VALUES ",
        );
        sql.push_tuples(chunk, |(matched, finding)| {
            let (registration, account) = match *matched {
                Matched::Registration(id) => (Some(id), None),
                Matched::Account(id) => (None, Some(id)),
            };
            [
                registration_id.value(),
                registration.value(),
                account.value(),
                finding.strength.as_str().value(),
                i64::from(finding.score).value(),
            ]
        });
        sql.query().execute(&mut *conn).await?;
    }
    Ok(())
}

/// What one registration matched at submission, best first.
pub async fn findings_of(
    db: &Pool,
    registration_id: i64,
) -> Result<Vec<(Matched, Finding)>, StoreError> {
    let rows: Vec<(Option<i64>, Option<i64>, MatchStrength, i64)> = sql::query_as(
        "SELECT matched_registration_id, matched_account_id, strength, score \
         FROM registration_findings WHERE registration_id = $1 ORDER BY score DESC, id",
    )
    .bind(registration_id)
    .fetch_all(db)
    .await?;
    let mut findings = Vec::with_capacity(rows.len());
    for (registration, account, strength, score) in rows {
        let finding = Finding {
            strength,
            score: u8::try_from(score).map_err(StoreError::unreadable)?,
        };
        match (registration, account) {
            (Some(id), _) => findings.push((Matched::Registration(id), finding)),
            (None, Some(id)) => findings.push((Matched::Account(id), finding)),
            (None, None) => {}
        }
    }
    Ok(findings)
}

/// For each of these registrations, the other registrations it competes with: those its
/// conflict check named, and those filed later whose check named it, in id order.
pub async fn competing<'c>(
    db: impl Into<Exec<'c>>,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<i64>>, StoreError> {
    let mut by_id: HashMap<i64, Vec<i64>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_id);
    }
    let mut sql = Builder::new(
        "SELECT registration_id, matched_registration_id FROM registration_findings \
         WHERE matched_registration_id IN (",
    );
    sql.push_binds(ids)
        .push(
            ") UNION SELECT registration_id, matched_registration_id FROM registration_findings \
               WHERE matched_registration_id IS NOT NULL AND registration_id IN (",
        )
        .push_binds(ids)
        .push(")");
    let pairs: Vec<(i64, i64)> = sql.query_as().fetch_all(db).await?;
    for (finder, matched) in pairs {
        for (one, other) in [(finder, matched), (matched, finder)] {
            if ids.contains(&one) {
                by_id.entry(one).or_default().push(other);
            }
        }
    }
    for others in by_id.values_mut() {
        others.sort_unstable();
        others.dedup();
    }
    Ok(by_id)
}
