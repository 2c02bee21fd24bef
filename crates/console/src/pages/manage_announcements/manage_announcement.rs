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
use crate::text;

#[component]
pub fn ManageAnnouncementPage(id: i64) -> impl IntoView {
    set_title(text::announcements::ONE_TITLE);
    record_page(
        move || api::announcement(id),
        text::announcements::LOADING,
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
            <p>
                <a href=Route::ManageAnnouncements.href()>{text::announcements::BACK}</a>
            </p>
            <h1>{a.title.clone()}</h1>
            <p class="muted">
                <Status a=a.clone() />
                {text::announcements::VERSION_AFTER_STATE}
                {a.version}
            </p>
            <Counts counts=a.counts requires_ack=a.requires_ack />
            <div class="asset-body panel" inner_html=a.body_html.clone()></div>
            {waiting.then(|| view! { <NotAcknowledged id=a.id /> })}
            <section class="panel" aria-labelledby="edit-heading">
                <h2 id="edit-heading" class="section-title">{text::announcements::EDIT}</h2>
                {published.then(|| view! {
                    <p class="hint">{text::announcements::EDIT_PUBLISHED}</p>
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
            <div><dt>{text::announcements::REACHED}</dt><dd id="count-delivered">{counts.delivered}</dd></div>
            <div><dt>{text::announcements::READ}</dt><dd id="count-read">{counts.read}</dd></div>
            {requires_ack.then(|| view! {
                <div><dt>{text::announcements::ACKNOWLEDGED}</dt><dd id="count-acknowledged">{counts.acknowledged}</dd></div>
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
                Ok(r) => Ok(text::announcements::reminders_sent(r.reminded)),
                Err(e) => Err(e.message),
            }));
        });
    });
    view! {
        <section class="panel" aria-labelledby="pending-heading">
            <h2 id="pending-heading" class="section-title">
                {text::announcements::NOT_ACKNOWLEDGED}
            </h2>
            <PagedList
                list=list.controls()
                loading=text::announcements::LOADING_PEOPLE
                empty=text::announcements::ALL_ACKNOWLEDGED
            >
                <ul class="plain-list" id="not-acknowledged">
                    {move || list.items.get().into_iter().map(|p| view! { <Person p /> }).collect_view()}
                </ul>
                <ActionButton
                    id="remind"
                    label=text::announcements::REMIND
                    busy_label=text::announcements::SENDING
                    busy
                    run
                    question=text::announcements::REMIND_QUESTION
                    confirm_label=text::announcements::CONFIRM_REMIND
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
                Some(at) => view! { {text::announcements::READ_AT} <Time value=at /> }.into_any(),
                None => view! { {text::announcements::NOT_READ} }.into_any(),
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
            <h2 id="versions-heading" class="section-title">{text::announcements::HISTORY}</h2>
            <p class="error-text" role="alert">{error}</p>
            <ul class="plain-list">
                {move || versions.get().into_iter().map(|v| view! {
                    <li>
                        <strong>{text::announcements::version(v.version)}</strong> ": " {v.title} " — " {v.edited_by} ", "
                        <Time value=v.edited_at />
                        <details><summary>{text::announcements::VERSION_TEXT}</summary><pre class="version-text">{v.body}</pre></details>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
