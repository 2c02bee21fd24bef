//! Portal-wide settings administrators change, stored by name.

use crate::store::StoreError;
use crate::store::sql::{self, Conn, Exec};

/// Whether managers and administrators must sign in with two factors: `true` or absent.
pub const VENDOR_TWO_FACTOR: &str = "vendor_two_factor_required";

pub async fn vendor_two_factor_required<'c, E>(db: E) -> Result<bool, StoreError>
where
    E: Into<Exec<'c>>,
{
    let value: Option<String> =
        sql::query_scalar("SELECT value FROM portal_settings WHERE name = $1")
            .bind(VENDOR_TWO_FACTOR)
            .fetch_optional(db)
            .await?;
    Ok(value.as_deref() == Some("true"))
}

pub async fn set_vendor_two_factor_required(
    tx: &mut Conn,
    required: bool,
) -> Result<(), StoreError> {
    sql::query(
        "INSERT INTO portal_settings (name, value) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .bind(VENDOR_TWO_FACTOR)
    .bind(if required { "true" } else { "false" })
    .execute(tx)
    .await?;
    Ok(())
}
