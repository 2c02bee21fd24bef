//! `/manage/messages`: every e-mail and Slack message on its way, by state (in the address) with
//! replays, and the mailbox that holds the e-mail when no SMTP server is set.

use leptos::prelude::*;
use portico_api::integrations::DeliveryState;
use portico_api::notifications::{MailboxEntry, MailboxMessage, MessageDelivery};
use portico_ui::route::Route;

use crate::components::deliveries::{
    DeliveryTime, Replay, ReplayButton, Replays, StateBadge, StateTabs, empty_text, replayed_text,
    state_in, with_replays,
};
use portico_ui::api;
use portico_ui::components::{
    ActionButton, DataTable, EmailAddress, ErrorNotice, Loading, Paged, PagedList, Time,
};
use portico_ui::components::{Facts, Loaded, record_page};
use portico_ui::dom::{on_click, set_title, spawn};
use portico_ui::location::use_location;
use portico_ui::session::use_session;

use crate::text;

#[component]
pub fn MessagesPage() -> impl IntoView {
    set_title(text::messages::TITLE);
    let location = use_location();
    view! {
        <section class="page">
            <h1>{text::messages::TITLE}</h1>
            <section aria-labelledby="message-deliveries-heading">
                <h2 class="section-title" id="message-deliveries-heading">
                    {text::messages::DELIVERIES}
                </h2>
                <p class="muted">
                    {text::messages::DELIVERIES_INTRO}
                </p>
                // Another state in the address is another list.
                {move || {
                    location.search();
                    let state = state_in(location);
                    view! { <DeliveryList state /> }
                }}
            </section>
            <section aria-labelledby="mailbox-heading">
                <h2 class="section-title" id="mailbox-heading">
                    {text::messages::MAILBOX}
                </h2>
                {record_page(
                    api::mailbox,
                    text::messages::LOADING_MAILBOX,
                    |entries, _| view! { <Mailbox entries /> }.into_any(),
                )}
            </section>
        </section>
    }
}

// Deliveries.

#[component]
fn DeliveryList(state: Option<DeliveryState>) -> impl IntoView {
    let list = Paged::new(move |cursor: Option<String>| async move {
        api::message_deliveries(state, cursor.as_deref())
            .await
            .map(with_replays)
    });
    let announcement = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let replays = Replays::new(Callback::new(move |what: String| {
        announcement.set(Some(what));
        list.reload();
    }));
    view! {
        <div class="results-head">
            <StateTabs path=Route::Messages.href() state />
            <ReplayDead replays error />
        </div>
        <p class="muted status-line" role="status">{announcement}</p>
        <p class="error-text" role="alert">{error}</p>
        <PagedList list=list.controls() loading=text::messages::LOADING empty=empty_text(state)>
            <DataTable id="message-deliveries-table" labelled_by="message-deliveries-heading" headers=&text::messages::HEADERS>
                {move || list.items.get().into_iter().map(|row| delivery_row(row, replays)).collect_view()}
            </DataTable>
        </PagedList>
    }
}

/// Sends every dead delivery again, after asking: people may get e-mail long after the fact.
#[component]
fn ReplayDead(replays: Replays, error: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let replay = Replay {
        busy: RwSignal::new(false),
        error,
    };
    let run = Callback::new(move |()| {
        let csrf = session.csrf();
        replays.run(replay, async move {
            let replayed = api::replay_dead_messages(&csrf).await?.replayed;
            Ok(replayed_text(replayed))
        });
    });
    view! {
        <div class="actions">
            <ActionButton
                id="replay-dead-messages"
                label=text::messages::REPLAY_ALL
                busy_label=text::messages::REPLAYING
                busy=replay.busy
                run
                question=text::messages::REPLAY_ALL_QUESTION
                confirm_label=text::messages::CONFIRM_REPLAY_ALL
                class="primary"
            />
        </div>
    }
}

fn delivery_row((d, replay): (MessageDelivery, Replay), replays: Replays) -> impl IntoView {
    let id = d.id;
    let subject_id = format!("message-{id}-subject");
    let session = use_session();
    let what = text::messages::message_to(&d.subject, &d.recipient);
    let run = Callback::new(move |()| {
        let csrf = session.csrf();
        let what = what.clone();
        replays.run(replay, async move {
            api::replay_message(&csrf, id).await?;
            Ok(text::messages::queued_again(&what))
        });
    });
    view! {
        <tr>
            <th scope="row" id=subject_id.clone()>{d.subject}</th>
            <td><EmailAddress address=d.recipient /></td>
            <td>{d.channel.label()}</td>
            <td>{d.category.label()}</td>
            <td><StateBadge state=d.state /></td>
            <td class="number">{d.attempts}</td>
            <td class="prose">{d.last_error}</td>
            <td><Time value=d.created_at /></td>
            <td><DeliveryTime delivered_at=d.delivered_at next_attempt_at=d.next_attempt_at /></td>
            <td class="row-actions">
                <ReplayButton id=format!("replay-message-{id}") described_by=subject_id state=d.state replay run />
            </td>
        </tr>
    }
}

// The mailbox.

#[component]
fn Mailbox(entries: Vec<MailboxEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! {
            <p class="empty">
                {text::messages::EMPTY_BEFORE}
                {text::messages::WHY_MAILBOX}
                {text::messages::EMPTY_AFTER}
            </p>
        }
        .into_any();
    }
    view! {
        <p class="muted">{text::messages::WHY_MAILBOX} {text::messages::OPEN_ONE}</p>
        <DataTable id="mailbox-table" labelled_by="mailbox-heading" headers=&text::messages::MAILBOX_HEADERS>
            {entries
                .iter()
                .enumerate()
                .map(|(index, entry)| view! { <MailboxRow index entry=entry.clone() /> })
                .collect_view()}
        </DataTable>
    }
    .into_any()
}

/// One e-mail; its subject opens it in place.
#[component]
fn MailboxRow(index: usize, entry: MailboxEntry) -> impl IntoView {
    let open = RwSignal::new(false);
    let detail_id = format!("mail-{index}");
    let name = StoredValue::new(entry.name);
    view! {
        <tr>
            <th scope="row">
                <button
                    type="button"
                    class="link-button"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls=detail_id.clone()
                    on:click=on_click(move |_| open.update(|o| *o = !*o))
                >
                    {entry.subject}
                </button>
            </th>
            <td><EmailAddress address=entry.to /></td>
            <td><Time value=entry.written_at /></td>
        </tr>
        <tr id=detail_id class="mail-detail" hidden=move || !open.get()>
            <td colspan="3">
                {move || open.get().then(|| view! { <MailView name=name.get_value() /> })}
            </td>
        </tr>
    }
}

/// An opened e-mail: who sent it, its text and its links.
#[component]
fn MailView(name: String) -> impl IntoView {
    let name = StoredValue::new(name);
    let state = RwSignal::new(Loaded::Loading);
    let load = move || {
        state.set(Loaded::Loading);
        spawn(async move {
            state.set(match api::mailbox_message(&name.get_value()).await {
                Ok(message) => Loaded::Ready(message),
                Err(e) => Loaded::Failed(e),
            });
        });
    };
    load();
    let retry = Callback::new(move |()| load());
    move || match state.get() {
        Loaded::Loading => view! { <Loading label=text::messages::OPENING /> }.into_any(),
        Loaded::Failed(e) if e.is_not_found() => {
            view! { <p class="error-text" role="alert">{text::messages::GONE}</p> }.into_any()
        }
        Loaded::Failed(e) => view! { <ErrorNotice message=e.message retry /> }.into_any(),
        Loaded::Ready(message) => view! { <Mail message /> }.into_any(),
    }
}

#[component]
fn Mail(message: MailboxMessage) -> impl IntoView {
    let MailboxMessage {
        entry,
        from,
        text,
        links,
    } = message;
    view! {
        <Facts facts=vec![(text::messages::FROM, from), (text::messages::TO, entry.to)] />
        <pre class="mail-text">{text}</pre>
        {(!links.is_empty()).then(|| view! {
            <p class="mail-links-title">{text::messages::LINKS}</p>
            <ul class="mail-links">
                {links
                    .into_iter()
                    .map(|href| {
                        let text = href.clone();
                        view! { <li><a href=href class="break-anywhere">{text}</a></li> }
                    })
                    .collect_view()}
            </ul>
        })}
    }
}
