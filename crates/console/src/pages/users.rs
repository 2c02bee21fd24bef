//! `/manage/users`: every account, with role changes and deactivation for administrators.

use leptos::prelude::*;
use portico_api::Role;
use portico_api::users::{UpdateUser, UserAdminView};

use portico_ui::api;
use portico_ui::components::{DataTable, FieldState, Paged, PagedList, SelectField, Time};
use portico_ui::dom::{focus_soon, on_click, set_title, spawn};
use portico_ui::session::use_session;

use crate::text;

/// One table row: the user as the server last described them, and the row's own controls.
#[derive(Clone, Copy)]
struct Row {
    id: i64,
    user: RwSignal<UserAdminView>,
    role: FieldState,
    confirming: RwSignal<bool>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
}

impl Row {
    fn new(user: UserAdminView) -> Row {
        Row {
            id: user.id,
            role: FieldState::plain(format!("user-{}-role", user.id), user.role.as_str()),
            user: RwSignal::new(user),
            confirming: RwSignal::new(false),
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }
}

/// What every row shares: the page's announcement line, and the page's owner so that a change
/// in flight survives the table being redrawn (e.g. by "Load more").
#[derive(Clone, Copy)]
struct Shared {
    announcement: RwSignal<String>,
    owner: StoredValue<Owner>,
}

#[component]
pub fn UsersPage() -> impl IntoView {
    set_title(text::users::TITLE);
    let users = Paged::new(|cursor: Option<String>| async move {
        let page = api::users(cursor.as_deref()).await?;
        Ok(portico_api::Page {
            items: page.items.into_iter().map(Row::new).collect(),
            next_cursor: page.next_cursor,
        })
    });
    // The outcome of the latest change, for screen readers.
    let announcement = RwSignal::new(String::new());
    let shared = Shared {
        announcement,
        owner: StoredValue::new(Owner::current().expect("a component has an owner")),
    };
    view! {
        <section class="page">
            <h1 id="users-heading">{text::users::TITLE}</h1>
            <p class="muted">
                {text::users::INTRO}
            </p>
            <p class="visually-hidden" role="status">
                {announcement}
            </p>
            <PagedList list=users.controls() loading=text::users::LOADING empty=text::users::EMPTY>
                <UsersTable rows=users.items shared />
            </PagedList>
        </section>
    }
}

#[component]
fn UsersTable(rows: RwSignal<Vec<Row>>, shared: Shared) -> impl IntoView {
    let me = use_session().me().map_or(0, |me| me.user.id);
    view! {
        <DataTable labelled_by="users-heading" headers=&text::users::HEADERS id="users-table">
            {move || {
                rows.get()
                    .into_iter()
                    .map(|row| view! { <UserRow row is_me=row.id == me shared /> })
                    .collect_view()
            }}
        </DataTable>
    }
}

/// Roles a user can move to: those on the same side as now.
fn same_side(role: Role) -> Vec<(String, String)> {
    let roles = if role.is_vendor() {
        [Role::Manager, Role::Admin]
    } else {
        [Role::PartnerUser, Role::PartnerAdmin]
    };
    roles
        .into_iter()
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect()
}

/// Sends a change for one row; `done` is what to announce when it worked.
fn save(row: Row, update: UpdateUser, done: String, shared: Shared) {
    if row.busy.get_untracked() {
        return;
    }
    row.busy.set(true);
    row.error.set(None);
    let csrf = use_session().csrf();
    let announcement = shared.announcement;
    // Owned by the page, not the row: a row redrawn meanwhile must not cancel the change.
    let owner = shared.owner.get_value();
    owner.with(|| {
        spawn(async move {
            let result = api::update_user(&csrf, row.id, &update).await;
            row.busy.set(false);
            match result {
                Ok(updated) => {
                    let toggled = row.confirming.get_untracked();
                    row.role.value.set(updated.role.as_str().to_owned());
                    row.user.set(updated);
                    row.confirming.set(false);
                    announcement.set(done);
                    if toggled {
                        focus_soon(format!("user-{}-toggle", row.id));
                    }
                }
                Err(e) => {
                    row.role
                        .value
                        .set(row.user.with_untracked(|u| u.role.as_str().to_owned()));
                    row.error.set(Some(e.message));
                }
            }
        })
    });
}

#[component]
fn UserRow(row: Row, is_me: bool, shared: Shared) -> impl IntoView {
    let Row {
        id,
        user,
        role,
        confirming,
        busy,
        error,
    } = row;
    let UserAdminView {
        name,
        email,
        role: current_role,
        organization,
        last_sign_in_at,
        ..
    } = user.get_untracked();
    let active = Signal::derive(move || user.with(|u| u.active));
    let role_changed = Signal::derive(move || {
        role.value
            .with(|r| r.as_str() != user.with(|u| u.role.as_str()))
    });
    let aria_busy = Signal::derive(move || busy.get().then_some("true"));

    let save_role = {
        let name = name.clone();
        move |_| {
            let Some(new_role) = Role::parse(&role.get()) else {
                return;
            };
            let update = UpdateUser {
                role: Some(new_role),
                active: None,
            };
            save(
                row,
                update,
                text::users::now_role(&name, new_role.label()),
                shared,
            );
        }
    };
    let toggle = {
        let name = name.clone();
        move |_| {
            let now_active = user.with_untracked(|u| u.active);
            let update = UpdateUser {
                role: None,
                active: Some(!now_active),
            };
            let done = if now_active {
                text::users::deactivated(&name)
            } else {
                text::users::reactivated(&name)
            };
            save(row, update, done, shared);
        }
    };
    let ask = move |_| {
        error.set(None);
        confirming.set(true);
        focus_soon(format!("user-{id}-confirm"));
    };
    let cancel = move |_| {
        confirming.set(false);
        focus_soon(format!("user-{id}-toggle"));
    };
    let question = {
        let name = name.clone();
        Signal::derive(move || {
            if active.get() {
                text::users::deactivate_question(&name)
            } else {
                text::users::reactivate_question(&name)
            }
        })
    };
    let toggle_label = Signal::derive(move || {
        if active.get() {
            text::users::DEACTIVATE
        } else {
            text::users::REACTIVATE
        }
    });
    let confirm_label = Signal::derive(move || match (busy.get(), active.get()) {
        (true, _) => text::users::SAVING,
        (false, true) => text::users::CONFIRM_DEACTIVATE,
        (false, false) => text::users::CONFIRM_REACTIVATE,
    });
    let status = Signal::derive(move || {
        if active.get() {
            text::users::ACTIVE
        } else {
            text::users::DEACTIVATED
        }
    });
    let inactive = Signal::derive(move || !active.get());
    view! {
        <tr class:inactive=inactive>
            <th scope="row">
                {name.clone()} {is_me.then_some(text::users::YOU)}
            </th>
            <td>{email}</td>
            <td>
                <div class="inline-form">
                    <SelectField
                        field=role
                        label=text::users::role_for(&name)
                        options=same_side(current_role)
                        hide_label=true
                        disabled=is_me
                    />
                    <button
                        type="button"
                        class="secondary small"
                        hidden=Signal::derive(move || !role_changed.get())
                        aria-disabled=aria_busy
                        on:click=on_click(save_role)
                    >
                        {text::users::SAVE_ROLE}
                    </button>
                </div>
            </td>
            <td>{organization.map_or_else(|| text::users::VENDOR_STAFF.to_owned(), |o| o.name)}</td>
            <td>
                <span class="status" class:status-inactive=inactive>
                    {status}
                </span>
            </td>
            <td>
                {match last_sign_in_at {
                    Some(at) => view! { <Time value=at /> }.into_any(),
                    None => view! { <span class="muted">{text::users::NEVER}</span> }.into_any(),
                }}
            </td>
            <td class="row-actions">
                <button
                    id=format!("user-{id}-toggle")
                    type="button"
                    class="secondary small"
                    hidden=confirming
                    disabled=is_me
                    on:click=on_click(ask)
                >
                    {toggle_label}
                </button>
                <div
                    class="confirm"
                    role="group"
                    aria-label=text::users::confirm_for(&name)
                    hidden=not(confirming)
                >
                    <span>{question}</span>
                    <button
                        id=format!("user-{id}-confirm")
                        type="button"
                        class="danger small"
                        aria-disabled=aria_busy
                        on:click=on_click(toggle)
                    >
                        {confirm_label}
                    </button>
                    <button type="button" class="secondary small" on:click=on_click(cancel)>
                        {text::users::CANCEL}
                    </button>
                </div>
                <p class="error-text" role="alert">
                    {error}
                </p>
            </td>
        </tr>
    }
}

fn not(flag: RwSignal<bool>) -> Signal<bool> {
    Signal::derive(move || !flag.get())
}
