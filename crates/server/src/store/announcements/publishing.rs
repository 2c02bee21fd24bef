//! Publishing at the set time: the organizations an audience covers, and claiming what is due.

use portico_api::announcements::Audience;
use sqlx::types::Json;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Builder, Conn};

/// Writes which organizations `audience` reaches, as a condition on `organizations o`.
fn push_audience(sql: &mut Builder, audience: &Audience) {
    match audience {
        Audience::All => sql.push("1 = 1"),
        Audience::Segments { tiers, motions } => {
            sql.push("1 = 1");
            if !tiers.is_empty() {
                sql.push(" AND o.tier IN (")
                    .push_binds(tiers.iter().map(|t| t.as_str()))
                    .push(")");
            }
            if !motions.is_empty() {
                sql.push(" AND o.motion IN (")
                    .push_binds(motions.iter().map(|m| m.as_str()))
                    .push(")");
            }
            sql
        }
        Audience::Organizations { ids } => sql.push("o.id IN (").push_binds(ids).push(")"),
    };
}

/// An announcement whose time has come, claimed for publishing.
pub struct Due {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub requires_ack: bool,
}

/// Claims every announcement whose time has come and fixes the organizations it reaches. The
/// claiming `UPDATE` makes each one publish once, even with several instances.
pub async fn claim_due(tx: &mut Conn, now: Timestamp) -> Result<Vec<Due>, StoreError> {
    let due: Vec<(i64, String, String, Json<Audience>, bool)> = sql::query_as(
        "UPDATE announcements SET published_at = $1 \
         WHERE published_at IS NULL AND publish_at <= $1 \
         RETURNING id, title, body, audience, requires_ack",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    let mut claimed = Vec::with_capacity(due.len());
    for (id, title, body, Json(audience), requires_ack) in due {
        let mut sql = Builder::new(
            "INSERT INTO announcement_organizations (announcement_id, organization_id) SELECT ",
        );
        sql.push_bind(id).push(", o.id FROM organizations o WHERE ");
        push_audience(&mut sql, &audience);
        sql.query().execute(&mut *tx).await?;
        claimed.push(Due {
            id,
            title,
            body,
            requires_ack,
        });
    }
    Ok(claimed)
}
