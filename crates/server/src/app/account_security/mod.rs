//! The security of a person's account: its password and two-factor sign-in, the guesses at
//! either (`attempts`), and the record every change leaves: an audit entry and an e-mail to
//! the person, so a change they did not make does not go unnoticed.

pub mod attempts;

use portico_api::notifications::Category;

use crate::app::unit_of_work::{self, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::domain::password;
use crate::state::AppState;
use crate::store::audit::AuditEntry;
use crate::store::outbox::{Message, Recipients};
use crate::store::users::{self, UserRow};
use crate::store::{sessions, two_factor};

/// What recovery codes are hashed for.
pub const RECOVERY_CODE_PURPOSE: &str = "recovery-code";

/// Whose account changed.
pub struct Account<'a> {
    pub id: i64,
    pub email: &'a str,
    pub organization_id: Option<i64>,
}

impl<'a> From<&'a UserRow> for Account<'a> {
    fn from(user: &'a UserRow) -> Self {
        Account {
            id: user.id,
            email: &user.email,
            organization_id: user.organization_id,
        }
    }
}

/// A change to an account's security: its audit action and the e-mail that tells the person.
pub struct Change {
    pub action: &'static str,
    pub subject: &'static str,
    pub body: &'static str,
}

pub const PASSWORD_CHANGED: Change = Change {
    action: "user.password_changed",
    subject: "Your Portico password was changed",
    body: "The password of your Portico account was just changed, and your other sessions \
           were signed out.",
};
pub const PASSWORD_SET: Change = Change {
    action: "user.password_set",
    subject: "A new Portico password was set",
    body: "A new password was just set for your Portico account after signing in with a \
           sign-in link, and your other sessions were signed out.",
};
pub const TWO_FACTOR_ENABLED: Change = Change {
    action: "two_factor.enabled",
    subject: "Two-factor sign-in is on for your Portico account",
    body: "Signing in to your Portico account now also asks for a code from your \
           authenticator app, or one of your recovery codes.",
};
pub const TWO_FACTOR_DISABLED: Change = Change {
    action: "two_factor.disabled",
    subject: "Two-factor sign-in is off for your Portico account",
    body: "Signing in to your Portico account no longer asks for a code from an \
           authenticator app.",
};
pub const RECOVERY_CODE_USED: Change = Change {
    action: "two_factor.recovery_code_used",
    subject: "A recovery code was used to sign in to Portico",
    body: "One of your recovery codes was just used to sign in to your Portico account; it \
           cannot be used again. If your authenticator app is lost, turn two-factor sign-in \
           off and on again to get a new app set up and new recovery codes.",
};

/// Audits the change and e-mails the person about it, with the change.
fn record(unit: &mut UnitOfWork, account: &Account<'_>, change: &Change) {
    unit.record(AuditEntry {
        organization_id: account.organization_id,
        ..AuditEntry::new(Some(account.id), change.action, "user", Some(account.id))
    });
    unit.notify(Message {
        category: Category::AccountSecurity,
        to: Recipients::Address {
            email: account.email.to_owned(),
            user_id: Some(account.id),
        },
        registration_id: None,
        subject: change.subject.to_owned(),
        body: change.body.to_owned(),
        link: Some("/settings/security".to_owned()),
    });
}

/// Sets a new password and ends the person's other sessions (all but the one whose token hash
/// is `keep_session`).
pub async fn replace_password(
    state: &AppState,
    account: &Account<'_>,
    keep_session: &str,
    new_password: String,
    change: &Change,
) -> AppResult<()> {
    let hash = tokio::task::spawn_blocking(move || password::hash(&new_password))
        .await
        .map_err(AppError::internal)?;
    unit_of_work::run(state, async |unit| {
        users::set_password_hash(unit.tx(), account.id, &hash).await?;
        sessions::delete_others(unit.tx(), account.id, keep_session).await?;
        record(unit, account, change);
        Ok(())
    })
    .await
}

/// Keeps a new, sealed two-factor secret that counts once confirmed; `false` when two-factor
/// sign-in is already on.
pub async fn start_two_factor(
    state: &AppState,
    account: &Account<'_>,
    sealed_secret: &str,
) -> AppResult<bool> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        if !two_factor::begin(unit.tx(), account.id, sealed_secret, now).await? {
            return Ok(false);
        }
        unit.record(AuditEntry {
            organization_id: account.organization_id,
            ..AuditEntry::new(
                Some(account.id),
                "two_factor.setup_started",
                "user",
                Some(account.id),
            )
        });
        Ok(true)
    })
    .await
}

/// Turns two-factor sign-in on from the confirmed time step, with the recovery codes' hashes;
/// `false` when it already was.
pub async fn enable_two_factor(
    state: &AppState,
    account: &Account<'_>,
    step: i64,
    recovery_code_hashes: &[String],
) -> AppResult<bool> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        if !two_factor::enable(unit.tx(), account.id, step, now).await? {
            return Ok(false);
        }
        two_factor::add_recovery_codes(unit.tx(), account.id, recovery_code_hashes).await?;
        record(unit, account, &TWO_FACTOR_ENABLED);
        Ok(true)
    })
    .await
}

/// Turns two-factor sign-in off.
pub async fn disable_two_factor(state: &AppState, account: &Account<'_>) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        two_factor::remove(unit.tx(), account.id).await?;
        record(unit, account, &TWO_FACTOR_DISABLED);
        Ok(())
    })
    .await
}
