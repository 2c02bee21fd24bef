//! People's accounts as administrators manage them: role and whether it is active.

use portico_api::Role;
use portico_api::users::{UpdateUser, UserAdminView};

use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::{sessions, users};

/// Changes a person's role or deactivates (ending their sessions) or reactivates them; an
/// administrator cannot lock themselves out. Answers the person as they now are.
pub async fn update(
    state: &AppState,
    admin: i64,
    id: i64,
    request: &UpdateUser,
) -> AppResult<UserAdminView> {
    if id == admin
        && (request.active == Some(false) || request.role.is_some_and(|r| r != Role::Admin))
    {
        return Err(AppError::Unprocessable(
            "You cannot deactivate yourself or give up your own administrator role: ask another administrator.".into(),
        ));
    }
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let before = users::by_id(unit.tx(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        if let Some(role) = request.role {
            let membership = before
                .membership()?
                .with_role(role)
                .map_err(|e| AppError::field("role", &e.to_string()))?;
            users::set_role(unit.tx(), id, membership.role()).await?;
        }
        match request.active {
            Some(false) if before.deactivated_at.is_none() => {
                users::set_deactivated_at(unit.tx(), id, Some(now)).await?;
                sessions::delete_for_user(unit.tx(), id).await?;
            }
            Some(true) => users::set_deactivated_at(unit.tx(), id, None).await?,
            _ => {}
        }
        let after = users::by_id(unit.tx(), id)
            .await?
            .ok_or_else(|| AppError::internal("user vanished inside its transaction"))?
            .into_admin_view()?;
        let organization_id = before.organization_id;
        let before = before.into_admin_view()?;
        if before != after {
            unit.record(AuditEntry {
                organization_id,
                before: audit::state(&before),
                after: audit::state(&after),
                ..AuditEntry::new(Some(admin), "user.updated", "user", Some(id))
            });
        }
        Ok(after)
    })
    .await
}
