//! The CRM integrations' settings: the origins allowed to frame the card, the CRM app's
//! secret, and the integration secret that signs card links and CRM events. Every change is
//! audited; secrets are kept sealed.

use portico_api::integrations::{CrmSystem, ValidSettings};

use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::clock::Timestamp;
use crate::domain::token;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::integrations::{self as store, IntegrationRow};

const SUBJECT: &str = "integration";

/// Saves the settings; the first save makes the integration with a new integration secret.
/// Answers the integration as it now is.
pub async fn save(
    state: &AppState,
    manager: i64,
    system: CrmSystem,
    valid: &ValidSettings,
) -> AppResult<Option<IntegrationRow>> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let before = store::get(unit.tx(), system).await?;
        // The first save makes the integration's secret; later ones keep it.
        let secret_sealed = match &before {
            Some(row) => row.secret_sealed.clone(),
            None => state.sealer.seal(&token::generate()),
        };
        store::save_origins(unit.tx(), system, &valid.frame_origins, &secret_sealed, now).await?;
        if let Some(change) = &valid.app_secret {
            let sealed = change.as_deref().map(|s| state.sealer.seal(s));
            store::set_app_secret(unit.tx(), system, sealed.as_deref(), now).await?;
        }
        unit.record(AuditEntry {
            before: before.as_ref().and_then(|b| {
                audit::state(&serde_json::json!({
                    "system": system, "frame_origins": b.frame_origins,
                    "has_app_secret": b.app_secret_sealed.is_some(),
                }))
            }),
            after: audit::state(&serde_json::json!({
                "system": system, "frame_origins": valid.frame_origins.join(" "),
                "app_secret": match &valid.app_secret {
                    None => "kept", Some(None) => "removed", Some(Some(_)) => "replaced",
                },
            })),
            ..AuditEntry::new(Some(manager), "integration.saved", SUBJECT, None)
        });
        Ok(store::get(unit.tx(), system).await?)
    })
    .await
}

/// A new integration secret, in place of the old one at once; answers it (shown this once)
/// and when it was made.
pub async fn new_secret(
    state: &AppState,
    manager: i64,
    system: CrmSystem,
) -> AppResult<(String, Timestamp)> {
    let secret = token::generate();
    let sealed = state.sealer.seal(&secret);
    let made = unit_of_work::run(state, async |unit| {
        let now = unit.now();
        store::get(unit.tx(), system)
            .await?
            .ok_or(AppError::NotFound)?;
        store::set_secret(unit.tx(), system, &sealed, now).await?;
        unit.record(AuditEntry {
            after: audit::state(&serde_json::json!({ "system": system })),
            ..AuditEntry::new(Some(manager), "integration.secret_rotated", SUBJECT, None)
        });
        Ok(now)
    })
    .await?;
    Ok((secret, made))
}
