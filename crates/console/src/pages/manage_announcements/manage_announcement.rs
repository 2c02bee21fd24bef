//! `/manage/announcements/{id}`: one announcement: its edit form, who read and who
//! acknowledged it, a reminder to exactly those who have not, and its versions.

use leptos::prelude::*;
use portico_api::announcements::{
    AnnouncementVersion, ManagerAnnouncement, ReceiptCounts, Unacknowledged,
};
use portico_ui::route::Route;

use portico_ui::api;
use portico_ui::components::record_page;
use portico_ui::components::{ActionButton, Paged, PagedList, Time};
use portico_ui::dom::{set_title, spawn};
use portico_ui::session::use_session;

use super::{Status, announcement_form::AnnouncementForm};

#[component]
pub fn ManageAnnouncementPage(id: i64) -> impl IntoView {
    set_title("Announcement");
    record_page(
        move || api::announcement(id),
        "Loading the announcement…",
        |a, reload| view! { <Detail a reload /> }.into_any(),
    )
}

#[component]
fn Detail(a: ManagerAnnouncement, reload: Callback<()>) -> impl IntoView {
    set_title(&a.title);
    let saved = Callback::new(move |_| reload.run(()));
    let published = a.published_at.is_some();
    let waiting = a.requires_ack && published;
    view! {
        <section class="page">
            <p><a href=Route::ManageAnnouncements.href()>"← Announcements"</a></p>
            <h1>{a.title.clone()}</h1>
            <p class="muted"><Status a=a.clone() /> " · version " {a.version}</p>
            <Counts counts=a.counts requires_ack=a.requires_ack />
            <div class="asset-body panel" inner_html=a.body_html.clone()></div>
            {waiting.then(|| view! { <NotAcknowledged id=a.id /> })}
            <section class="panel" aria-labelledby="edit-heading">
                <h2 id="edit-heading" class="section-title">"Edit"</h2>
                {published.then(|| view! {
                    <p class="hint">"It is published: partners see the new text, marked as edited; the audience and acknowledgment stay."</p>
                })}
                <AnnouncementForm existing=Some(a.clone()) saved />
            </section>
            <Versions id=a.id />
        </section>
    }
}

#[component]
fn Counts(counts: ReceiptCounts, requires_ack: bool) -> impl IntoView {
    view! {
        <dl id="receipt-counts" class="stats" aria-live="polite">
            <div><dt>"Reached"</dt><dd id="count-delivered">{counts.delivered}</dd></div>
            <div><dt>"Read"</dt><dd id="count-read">{counts.read}</dd></div>
            {requires_ack.then(|| view! {
                <div><dt>"Acknowledged"</dt><dd id="count-acknowledged">{counts.acknowledged}</dd></div>
            })}
        </dl>
    }
}

/// Reminding changes no count, so the page stays as it is and says what was sent.
#[component]
fn NotAcknowledged(id: i64) -> impl IntoView {
    let session = use_session();
    let list =
        Paged::new(move |cursor| async move { api::unacknowledged(id, cursor.as_deref()).await });
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<Result<String, String>>);
    let run = Callback::new(move |()| {
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let answer = api::remind(&csrf, id).await;
            busy.set(false);
            result.set(Some(match answer {
                Ok(r) if r.reminded == 1 => Ok("One reminder is on its way.".to_owned()),
                Ok(r) => Ok(format!("{} reminders are on their way.", r.reminded)),
                Err(e) => Err(e.message),
            }));
        });
    });
    view! {
        <section class="panel" aria-labelledby="pending-heading">
            <h2 id="pending-heading" class="section-title">"Not acknowledged yet"</h2>
            <PagedList list=list.controls() loading="Loading…" empty="Everyone it reached has acknowledged it.">
                <ul class="plain-list" id="not-acknowledged">
                    {move || list.items.get().into_iter().map(|p| view! { <Person p /> }).collect_view()}
                </ul>
                <ActionButton
                    id="remind"
                    label="E-mail a reminder to them"
                    busy_label="Sending…"
                    busy
                    run
                    question="Send a reminder e-mail to everyone listed?"
                    confirm_label="Yes, send reminders"
                />
            </PagedList>
            <p role="status" aria-live="polite">
                {move || match result.get() {
                    Some(Ok(text)) => view! { <span class="notice notice-success">{text}</span> }.into_any(),
                    Some(Err(text)) => view! { <span class="error-text">{text}</span> }.into_any(),
                    None => ().into_any(),
                }}
            </p>
        </section>
    }
}

#[component]
fn Person(p: Unacknowledged) -> impl IntoView {
    view! {
        <li>
            {p.name} " (" {p.organization.name} ", " {p.email} ") · "
            {match p.read_at {
                Some(at) => view! { "read " <Time value=at /> }.into_any(),
                None => view! { "not read" }.into_any(),
            }}
        </li>
    }
}

/// Read when the page is drawn, so again after each saved edit.
#[component]
fn Versions(id: i64) -> impl IntoView {
    let versions = RwSignal::new(Vec::<AnnouncementVersion>::new());
    let error = RwSignal::new(None::<String>);
    spawn(async move {
        match api::announcement_versions(id).await {
            Ok(list) => versions.set(list),
            Err(e) => error.set(Some(e.message)),
        }
    });
    view! {
        <section class="panel" aria-labelledby="versions-heading">
            <h2 id="versions-heading" class="section-title">"History"</h2>
            <p class="error-text" role="alert">{error}</p>
            <ul class="plain-list">
                {move || versions.get().into_iter().map(|v| view! {
                    <li>
                        <strong>"Version " {v.version}</strong> ": " {v.title} " — " {v.edited_by} ", "
                        <Time value=v.edited_at />
                        <details><summary>"Text"</summary><pre class="version-text">{v.body}</pre></details>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
