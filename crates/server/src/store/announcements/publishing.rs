//! Publishing at the set time: the organizations an audience covers, and claiming what is due.

use portico_api::announcements::Audience;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Conn};

/// The organizations an audience covers, as a condition on `organizations o`. Built only from
/// the audience's enum names and numbers, never from text a person typed.
fn audience_condition(audience: &Audience) -> String {
    fn list<T>(items: &[T], show: impl Fn(&T) -> String) -> String {
        items.iter().map(show).collect::<Vec<_>>().join(", ")
    }
    match audience {
        Audience::All => "1 = 1".into(),
        Audience::Segments { tiers, motions } => {
            let mut parts = vec!["1 = 1".to_owned()];
            if !tiers.is_empty() {
                parts.push(format!(
                    "o.tier IN ({})",
                    list(tiers, |t| format!("'{}'", t.as_str()))
                ));
            }
            if !motions.is_empty() {
                parts.push(format!(
                    "o.motion IN ({})",
                    list(motions, |m| format!("'{}'", m.as_str()))
                ));
            }
            parts.join(" AND ")
        }
        Audience::Organizations { ids } => format!("o.id IN ({})", list(ids, i64::to_string)),
    }
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
    let due: Vec<(i64, String, String, String, bool)> = sql::query_as(
        "UPDATE announcements SET published_at = $1 \
         WHERE published_at IS NULL AND publish_at <= $1 \
         RETURNING id, title, body, audience, requires_ack",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    let mut claimed = Vec::with_capacity(due.len());
    for (id, title, body, audience, requires_ack) in due {
        let audience: Audience =
            serde_json::from_str(&audience).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        sql::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO announcement_organizations (announcement_id, organization_id) \
             SELECT $1, o.id FROM organizations o WHERE {}",
            audience_condition(&audience)
        )))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        claimed.push(Due {
            id,
            title,
            body,
            requires_ack,
        });
    }
    Ok(claimed)
}
