//! A partner admin's team card: invite colleagues to the organization, follow (and revoke) the
//! invitations still waiting, and find the registration link for sellers without an account.

use leptos::prelude::*;
use portico_api::invitations::{CreateInvitation, Invitation};
use portico_api::{Role, validate};

use crate::text;
use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error, show_field_errors};
use portico_ui::components::{
    FieldState, FormError, Glyph, HomeCard, Paged, PagedList, RevokeInvitation, SelectField,
    SubmitButton, TextField, Time,
};
use portico_ui::dom::{on_submit, spawn};
use portico_ui::route::Route;
use portico_ui::session::use_session;

#[component]
pub fn Team() -> impl IntoView {
    let pending =
        Paged::new(
            |cursor: Option<String>| async move { api::invitations(cursor.as_deref()).await },
        );
    let reload = Callback::new(move |()| pending.reload());
    let link = format!("{}#link-heading", Route::MyRegistrations.href());
    view! {
        <HomeCard id="home-team" glyph=Glyph::People title=text::team::TITLE>
            <p>
                {text::team::LINK_BEFORE}
                <a href=link>{text::team::LINK}</a>
                {text::team::LINK_AFTER}
            </p>
            <InviteForm reload />
            <h3 id="team-pending-heading" class="card-subtitle">{text::team::PENDING}</h3>
            <PagedList list=pending.controls() loading=text::team::PENDING_LOADING empty=text::team::PENDING_EMPTY>
                <PendingList items=pending.items reload />
            </PagedList>
        </HomeCard>
    }
}

/// Partner users or admins, to the admin's own organization; the server checks both again.
#[component]
fn InviteForm(reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let organization_id = untrack(|| session.me()).and_then(|me| me.organization.map(|o| o.id));
    let email = FieldState::new("team-email", |v| {
        validate::email(v).err().map(str::to_owned)
    });
    let role = FieldState::plain("team-role", Role::PartnerUser.as_str());
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(None::<Invitation>);
    let names = [("email", email), ("role", role)];
    let submit = move || {
        sent.set(None);
        if !begin_submit(busy, form_error, &[email, role]) {
            return;
        }
        let request = CreateInvitation {
            email: email.get().trim().to_owned(),
            role: Role::parse(&role.get()).unwrap_or(Role::PartnerUser),
            organization_id,
        };
        if let Err(errors) = request.validate() {
            show_field_errors(&errors, &names);
            return;
        }
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::create_invitation(&csrf, &request).await;
            busy.set(false);
            match result {
                Ok(created) => {
                    sent.set(Some(created.invitation));
                    email.value.set(String::new());
                    reload.run(());
                }
                Err(e) => show_error(e, &names, form_error),
            }
        });
    };
    let roles = [Role::PartnerUser, Role::PartnerAdmin]
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .to_vec();
    view! {
        <form class="form" id="team-invite" aria-label=text::team::INVITE novalidate on:submit=on_submit(submit)>
            <FormError error=form_error />
            <TextField field=email label=text::team::EMAIL kind="email" autocomplete="off" />
            <SelectField field=role label=text::team::ROLE options=roles />
            <SubmitButton id="team-invite-submit" label=text::team::INVITE busy_label=text::team::INVITING busy />
        </form>
        <div aria-live="polite">
            {move || sent.get().map(|invitation| view! {
                <p class="notice notice-success" id="team-sent">
                    {text::team::sent(&invitation.email)}
                    <Time value=invitation.expires_at />
                    {text::team::SENT_AFTER_DATE}
                </p>
            })}
        </div>
    }
}

#[component]
fn PendingList(items: RwSignal<Vec<Invitation>>, reload: Callback<()>) -> impl IntoView {
    view! {
        <ul class="plain-list" id="team-pending" aria-labelledby="team-pending-heading">
            {move || {
                items.get().into_iter().map(|invitation| view! { <PendingRow invitation reload /> }).collect_view()
            }}
        </ul>
    }
}

#[component]
fn PendingRow(invitation: Invitation, reload: Callback<()>) -> impl IntoView {
    let id = invitation.id;
    let row_id = format!("team-invitation-{id}");
    view! {
        <li class="team-invitation">
            <span id=row_id.clone()>
                <strong>{invitation.email}</strong>
                " · "
                {invitation.role.label()}
                " · "
                {text::team::EXPIRES}
                <Time value=invitation.expires_at />
            </span>
            <RevokeInvitation id described_by=row_id reload />
        </li>
    }
}
