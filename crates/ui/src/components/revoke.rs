//! Revoking a pending invitation, the same in the console's list and a partner admin's team
//! card: asked first, then the list reloads as the server has it.

use leptos::prelude::*;

use crate::api;
use crate::components::ActionButton;
use crate::dom::spawn;
use crate::session::use_session;
use crate::text;

/// The revoke button for invitation `id`; `described_by` names the row it acts on.
#[component]
pub fn RevokeInvitation(id: i64, described_by: String, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let revoke = Callback::new(move |()| {
        let csrf = session.csrf();
        busy.set(true);
        failed.set(None);
        spawn(async move {
            let result = api::revoke_invitation(&csrf, id).await;
            busy.set(false);
            match result {
                Ok(()) => reload.run(()),
                Err(e) => failed.set(Some(e.message)),
            }
        });
    });
    view! {
        <ActionButton
            id=format!("revoke-invitation-{id}")
            label=text::invitations::REVOKE.to_owned()
            busy_label=text::invitations::REVOKING
            busy
            run=revoke
            question=text::invitations::REVOKE_QUESTION.to_owned()
            confirm_label=text::invitations::REVOKE_CONFIRM
            described_by
        />
        {move || failed.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
    }
}
