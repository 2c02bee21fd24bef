//! The organization's registration link: one secret link at a time, for sellers without a
//! portal account.

use crate::app::AppResult;
use crate::app::unit_of_work;
use crate::clock::Timestamp;
use crate::domain::token;
use crate::state::AppState;
use crate::store::audit::AuditEntry;
use crate::store::registration_links as store;

pub const TOKEN_PURPOSE: &str = "registration-link";

/// Makes a new link for the organization, ending the previous one; answers its token, which
/// is kept only as a hash, and when it was made.
pub async fn rotate(
    state: &AppState,
    partner_admin: i64,
    organization_id: i64,
) -> AppResult<(String, Timestamp)> {
    let token = token::generate();
    let hash = state.tokens.hash(TOKEN_PURPOSE, &token);
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        store::replace(unit.tx(), organization_id, &hash, partner_admin, now).await?;
        unit.record(AuditEntry {
            organization_id: Some(organization_id),
            ..AuditEntry::new(
                Some(partner_admin),
                "registration_link.rotated",
                "organization",
                Some(organization_id),
            )
        });
        Ok(now)
    })
    .await
    .map(|made| (token, made))
}

/// The organization a link's token belongs to, if it is the current link.
pub async fn organization_of(state: &AppState, token: &str) -> AppResult<Option<i64>> {
    let hash = state.tokens.hash(TOKEN_PURPOSE, token);
    Ok(store::organization_of(state.db.pool(), &hash).await?)
}
