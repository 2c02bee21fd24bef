//! `/manage/invitations`: invite a person, copy the one-time link, and follow pending invitations.

use leptos::prelude::*;
use portico_api::invitations::{CreateInvitation, CreatedInvitation, Invitation};
use portico_api::organizations::OrganizationSummary;
use portico_api::{Role, validate};

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error, show_field_errors};
use portico_ui::components::{
    CopyText, DataTable, ErrorNotice, FieldState, FormError, Loading, Paged, PagedList,
    RevokeInvitation, SelectField, SubmitButton, TextField, Time,
};
use portico_ui::dom::{on_submit, set_title, spawn};
use portico_ui::session::use_session;

use crate::text;

#[component]
pub fn InvitationsPage() -> impl IntoView {
    set_title(text::invitations::TITLE);
    let pending =
        Paged::new(
            |cursor: Option<String>| async move { api::invitations(cursor.as_deref()).await },
        );
    view! {
        <section class="page">
            <h1>{text::invitations::TITLE}</h1>
            <InviteForm reload=Callback::new(move |()| pending.reload()) />
            <h2 class="section-title" id="pending-heading">
                {text::invitations::PENDING}
            </h2>
            <PagedList
                list=pending.controls()
                loading=text::invitations::LOADING
                empty=text::invitations::EMPTY
            >
                <PendingTable items=pending.items reload=Callback::new(move |()| pending.reload()) />
            </PagedList>
        </section>
    }
}

/// (value, label) choices for the roles the signed-in user may invite: managers only partner
/// roles, admins any.
fn invitable_roles(me: Role) -> Vec<(String, String)> {
    Role::ALL
        .into_iter()
        .filter(|r| me.may_invite(*r))
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect()
}

#[derive(Clone)]
enum Organizations {
    Loading,
    Ready(Vec<OrganizationSummary>),
    Failed(String),
}

#[component]
fn InviteForm(reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let my_role = session.role().unwrap_or(Role::PartnerUser);

    let email = FieldState::new("invite-email", |v| {
        validate::email(v).err().map(str::to_owned)
    });
    let role = FieldState::plain("invite-role", Role::PartnerUser.as_str());
    let vendor_role = Memo::new(move |_| {
        role.value
            .with(|r| Role::parse(r).is_some_and(Role::is_vendor))
    });
    // The chosen organization's id ("" for none yet).
    let org = FieldState::new("invite-org", move |v| {
        (!vendor_role.get_untracked() && v.is_empty())
            .then(|| text::invitations::CHOOSE_ORGANIZATION_ERROR.to_owned())
    });
    role.revalidates(org);
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let created = RwSignal::new(None::<CreatedInvitation>);

    let organizations = RwSignal::new(Organizations::Loading);
    let load_organizations = move || {
        organizations.set(Organizations::Loading);
        spawn(async move {
            organizations.set(match api::all_organizations().await {
                Ok(list) => Organizations::Ready(list),
                Err(e) => Organizations::Failed(e.message),
            });
        });
    };
    load_organizations();
    let retry = Callback::new(move |()| load_organizations());

    let fields = [email, role, org];
    let names = [("email", email), ("role", role), ("organization_id", org)];
    let submit = move || {
        created.set(None);
        if !begin_submit(busy, form_error, &fields) {
            return;
        }
        let role = Role::parse(&role.get()).unwrap_or(Role::PartnerUser);
        let request = CreateInvitation {
            email: email.get().trim().to_owned(),
            role,
            organization_id: if role.is_vendor() {
                None
            } else {
                org.get().parse().ok()
            },
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
                Ok(invitation) => {
                    created.set(Some(invitation));
                    email.value.set(String::new());
                    reload.run(());
                }
                Err(e) => show_error(e, &names, form_error),
            }
        });
    };

    let explanation = if my_role == Role::Admin {
        text::invitations::ADMIN_EXPLANATION
    } else {
        text::invitations::MANAGER_EXPLANATION
    };
    view! {
        <section class="panel" aria-labelledby="invite-heading">
            <h2 id="invite-heading" class="section-title">
                {text::invitations::INVITE}
            </h2>
            <p class="muted">{explanation}</p>
            <FormError error=form_error />
            <form class="form form-grid" novalidate on:submit=on_submit(submit)>
                <TextField field=email label=text::invitations::EMAIL kind="email" autocomplete="off" />
                <SelectField field=role label=text::invitations::ROLE options=invitable_roles(my_role) />
                {move || {
                    if vendor_role.get() {
                        return ().into_any();
                    }
                    match organizations.get() {
                        Organizations::Loading => {
                            view! {
                                <div class="field">
                                    <span class="label">{text::invitations::ORGANIZATION}</span>
                                    <Loading label=text::invitations::LOADING_ORGANIZATIONS />
                                </div>
                            }
                                .into_any()
                        }
                        Organizations::Failed(message) => {
                            view! {
                                <div class="field">
                                    <span class="label">{text::invitations::ORGANIZATION}</span>
                                    <ErrorNotice message retry />
                                </div>
                            }
                                .into_any()
                        }
                        Organizations::Ready(list) => {
                            let options = list
                                .into_iter()
                                .map(|o| (o.id.to_string(), o.name))
                                .collect();
                            view! {
                                <SelectField
                                    field=org
                                    label=text::invitations::ORGANIZATION
                                    options
                                    placeholder=text::invitations::CHOOSE_ORGANIZATION
                                />
                            }
                                .into_any()
                        }
                    }
                }}
                <SubmitButton
                    id="invite-submit"
                    label=text::invitations::CREATE
                    busy_label=text::invitations::CREATING
                    busy
                />
            </form>
            <div aria-live="polite">{move || created.get().map(|created| view! { <CreatedLink created /> })}</div>
        </section>
    }
}

/// The one-time link with a copy button.
#[component]
fn CreatedLink(created: CreatedInvitation) -> impl IntoView {
    let CreatedInvitation { invitation, link } = created;
    let whom = match &invitation.organization {
        Some(org) => {
            text::invitations::invitee_at(&invitation.email, invitation.role.label(), &org.name)
        }
        None => format!("{} ({})", invitation.email, invitation.role.label()),
    };
    view! {
        <div class="notice notice-success">
            <p>
                <strong>{text::invitations::created_for(&whom)}</strong>
                {text::invitations::SEND_LINK}
                <Time value=invitation.expires_at />
                {text::invitations::SEND_LINK_END}
            </p>
            <CopyText id="invite-link" text=link label=text::invitations::COPY_LINK />
        </div>
    }
}

#[component]
fn PendingTable(items: RwSignal<Vec<Invitation>>, reload: Callback<()>) -> impl IntoView {
    view! {
        <DataTable labelled_by="pending-heading" headers=&text::invitations::HEADERS>
            {move || {
                items
                    .get()
                    .into_iter()
                    .map(|invitation| {
                        let id = invitation.id;
                        let row = format!("invitation-{id}");
                        view! {
                            <tr>
                                <td id=row.clone()>{invitation.email}</td>
                                <td>{invitation.role.label()}</td>
                                <td>
                                    {invitation
                                        .organization
                                        .map_or_else(|| text::invitations::VENDOR_STAFF.to_owned(), |o| o.name)}
                                </td>
                                <td>{invitation.invited_by}</td>
                                <td>
                                    <Time value=invitation.expires_at />
                                </td>
                                <td class="row-actions">
                                    <RevokeInvitation id described_by=row reload />
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()
            }}
        </DataTable>
    }
}
