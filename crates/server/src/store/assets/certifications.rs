//! A partner organization's certifications, which decide part of what it sees.

use portico_api::assets::Certification;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Exec};

/// The partner organization's certifications.
pub async fn certifications<'c, E>(
    db: E,
    organization_id: i64,
) -> Result<Vec<Certification>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let names: Vec<String> = sql::query_scalar(
        "SELECT certification FROM organization_certifications WHERE organization_id = $1 \
         ORDER BY certification",
    )
    .bind(organization_id)
    .fetch_all(db)
    .await?;
    Ok(names
        .iter()
        .filter_map(|n| Certification::parse(n))
        .collect())
}

/// Replaces the organization's certifications.
pub async fn set_certifications(
    conn: &mut Conn,
    organization_id: i64,
    held: &[Certification],
    now: Timestamp,
) -> Result<(), StoreError> {
    sql::query("DELETE FROM organization_certifications WHERE organization_id = $1")
        .bind(organization_id)
        .execute(&mut *conn)
        .await?;
    for certification in held {
        sql::query(
            "INSERT INTO organization_certifications (organization_id, certification, granted_at) \
             VALUES ($1, $2, $3)",
        )
        .bind(organization_id)
        .bind(certification.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
