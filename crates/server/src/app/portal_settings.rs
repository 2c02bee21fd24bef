//! Settings of the whole portal, changed by administrators.

use portico_api::account::SecuritySettings;

use crate::app::AppResult;
use crate::app::unit_of_work;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::portal_settings;

/// Requires two-factor sign-in of vendor staff, or stops requiring it; a change is audited.
pub async fn save_security(
    state: &AppState,
    admin: i64,
    settings: &SecuritySettings,
) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let before = SecuritySettings {
            vendor_two_factor_required: portal_settings::vendor_two_factor_required(unit.tx())
                .await?,
        };
        if before == *settings {
            return Ok(());
        }
        let required = settings.vendor_two_factor_required;
        portal_settings::set_vendor_two_factor_required(unit.tx(), required).await?;
        unit.record(AuditEntry {
            before: audit::state(&before),
            after: audit::state(settings),
            ..AuditEntry::new(
                Some(admin),
                "portal_settings.updated",
                "portal_settings",
                None,
            )
        });
        Ok(())
    })
    .await
}
