//! Invitations: a person is invited by e-mail to a role (and a partner organization), and
//! accepting makes their account. A link works once, for a week; a new invitation to the same
//! address replaces a pending one. Vendor staff invite anyone; a partner admin invites people
//! to their own organization and never replaces an invitation to anywhere else.

use portico_api::FieldErrors;
use portico_api::invitations::Invitation;
use portico_api::notifications::Category;

use crate::app::unit_of_work::{self, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::domain::membership::Membership;
use crate::domain::{password, token};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::invitations::{self as store, NewInvitation};
use crate::store::outbox::{Message, Recipients};
use crate::store::users::{self, NewUser, UserRow};
use crate::store::{Scope, organizations};

/// An invitation link works for a week.
const VALID_SECS: i64 = 7 * 24 * 60 * 60;
pub const TOKEN_PURPOSE: &str = "invitation";

/// Who invites, as the invitation e-mail names them, and where they may invite to.
pub struct Inviter<'a> {
    pub user_id: i64,
    pub name: &'a str,
    pub scope: Scope,
}

/// Invites the address to the membership and e-mails the link; answers the invitation and the
/// link's path (`/invite/<token>`), which is shown this once.
pub async fn invite(
    state: &AppState,
    inviter: &Inviter<'_>,
    email: &str,
    membership: Membership,
) -> AppResult<(Invitation, String)> {
    let token = token::generate();
    let token_hash = state.tokens.hash(TOKEN_PURPOSE, &token);
    let path = format!("/invite/{token}");
    let invitation = unit_of_work::run(state, async |unit| {
        let now = unit.now();
        if let Some(organization_id) = membership.organization_id()
            && !organizations::exists(unit.tx(), organization_id).await?
        {
            return Err(AppError::field(
                "organization_id",
                "That organization does not exist.",
            ));
        }
        check_invitable(unit, inviter.scope, email).await?;
        let replaced = store::revoke_pending_for(unit.tx(), email, now).await?;
        let new = NewInvitation {
            token_hash: &token_hash,
            email,
            membership,
            invited_by: inviter.user_id,
            expires_at: now + VALID_SECS,
        };
        let id = match store::insert(unit.tx(), &new, now).await {
            Err(e) if e.is_duplicate() => return Err(invited_meanwhile()),
            other => other?,
        };
        let invitation = store::by_id(unit.tx(), id)
            .await?
            .ok_or_else(|| AppError::internal("invitation vanished inside its transaction"))?
            .into_view()?;
        unit.record(AuditEntry {
            organization_id: membership.organization_id(),
            before: audit::state(&serde_json::json!({ "replaced_invitation_ids": replaced })),
            after: audit::state(&invitation),
            ..AuditEntry::new(
                Some(inviter.user_id),
                "invitation.created",
                "invitation",
                Some(id),
            )
        });
        send_invitation(unit, inviter, &invitation, &path);
        Ok(invitation)
    })
    .await?;
    Ok((invitation, path))
}

/// An address with an account cannot be invited. A partner admin learns no more than that the
/// address cannot be invited from their side, whether it has an account anywhere or an open
/// invitation to another team, which their invitation must not replace.
async fn check_invitable(unit: &mut UnitOfWork, scope: Scope, email: &str) -> AppResult<()> {
    let taken = users::email_taken(unit.tx(), email).await?;
    match scope {
        Scope::Vendor if taken => Err(already_a_user()),
        Scope::Vendor => Ok(()),
        Scope::Organization(own) => {
            let now = unit.now();
            let open = store::open_for(unit.tx(), email, now).await?;
            if taken || open.iter().any(|org| *org != Some(own)) {
                Err(not_invitable_here())
            } else {
                Ok(())
            }
        }
    }
}

/// Revokes a pending invitation the scope may see, so its link stops working.
pub async fn revoke(state: &AppState, user_id: i64, scope: Scope, id: i64) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let invitation = store::by_id(unit.tx(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        let now = unit.now();
        if !store::revoke(unit.tx(), id, scope, now).await? {
            return Err(AppError::NotFound);
        }
        unit.record(AuditEntry {
            organization_id: invitation.organization_id,
            before: audit::state(&invitation.into_view()?),
            ..AuditEntry::new(Some(user_id), "invitation.revoked", "invitation", Some(id))
        });
        Ok(())
    })
    .await
}

/// The invitation e-mail, written with the invitation.
fn send_invitation(
    unit: &mut UnitOfWork,
    inviter: &Inviter<'_>,
    invitation: &Invitation,
    path: &str,
) {
    let team = invitation
        .organization
        .as_ref()
        .map_or("the vendor's partner team", |o| o.name.as_str());
    let body = format!(
        "{} invited you to join {team} on the partner portal as {}. Choose your name and \
         password to start.",
        inviter.name,
        invitation.role.label().to_lowercase()
    );
    unit.notify(Message {
        category: Category::Invitation,
        to: Recipients::Address {
            email: invitation.email.clone(),
            user_id: None,
        },
        registration_id: None,
        subject: format!("You are invited to {team} on Portico"),
        body,
        link: Some(path.to_owned()),
    });
}

/// Makes the invited person's account with the name and password they chose; the invitation
/// is used up. Answers the new user; an unknown, used or expired link is not found.
pub async fn accept(
    state: &AppState,
    token: &str,
    name: &str,
    password: String,
) -> AppResult<UserRow> {
    let hash = state.tokens.hash(TOKEN_PURPOSE, token);
    let invitation = store::pending_by_token(state.db.pool(), &hash, state.now())
        .await?
        .ok_or(AppError::NotFound)?;
    let password_hash = tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(AppError::internal)?;
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        if !store::mark_accepted(unit.tx(), invitation.id, now).await? {
            return Err(AppError::NotFound);
        }
        let membership = invitation.membership()?;
        let new = NewUser {
            email: &invitation.email,
            name,
            membership,
            password_hash: &password_hash,
        };
        let user_id = match users::insert(unit.tx(), &new, now).await {
            Err(e) if e.is_duplicate() => return Err(already_a_user()),
            other => other?,
        };
        let user = users::by_id(unit.tx(), user_id)
            .await?
            .ok_or_else(|| AppError::internal("user vanished inside its transaction"))?;
        unit.record(AuditEntry {
            organization_id: membership.organization_id(),
            after: audit::state(&user.clone().into_admin_view()?),
            rationale: Some(format!("accepted invitation {}", invitation.id)),
            ..AuditEntry::new(Some(user_id), "user.joined", "user", Some(user_id))
        });
        Ok(user)
    })
    .await
}

fn not_invitable_here() -> AppError {
    AppError::Conflict(
        "This address cannot be invited from here: it already has an account or an invitation \
         from someone else. Ask your partner manager to add this person."
            .into(),
        FieldErrors::from([(
            "email".to_owned(),
            "Cannot be invited from here.".to_owned(),
        )]),
    )
}

fn invited_meanwhile() -> AppError {
    AppError::Conflict(
        "Someone invited this address at the same moment. Look at the pending invitations, then \
         try again if it is still needed."
            .into(),
        FieldErrors::from([("email".to_owned(), "Invited meanwhile.".to_owned())]),
    )
}

fn already_a_user() -> AppError {
    AppError::Conflict(
        "This e-mail address already has an account.".into(),
        FieldErrors::from([("email".to_owned(), "Already has an account.".to_owned())]),
    )
}
