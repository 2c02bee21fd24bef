//! `/announcements` and `/announcements/{id}`: the program news that reached the partner's
//! organization. Opening one records the read; "I acknowledge" records the acknowledgment.

use leptos::prelude::*;
use portico_api::announcements::FeedAnnouncement;
use portico_ui::route::Route;

use crate::components::nav::refresh_unread;
use crate::text;
use portico_ui::api;
use portico_ui::components::record_page;
use portico_ui::components::{ActionButton, Paged, PagedList, Time};
use portico_ui::dom::{set_title, spawn};
use portico_ui::session::use_session;

#[component]
pub fn FeedPage() -> impl IntoView {
    set_title(text::announcements::TITLE);
    let list = Paged::new(|cursor| async move { api::feed(cursor.as_deref()).await });
    view! {
        <section class="page">
            <h1 id="feed-heading">{text::announcements::TITLE}</h1>
            <PagedList
                list=list.controls()
                loading=text::announcements::LOADING
                empty=text::announcements::EMPTY
            >
                <ul class="feed" aria-labelledby="feed-heading">
                    {move || list.items.get().into_iter().map(|item| view! { <FeedItem item /> }).collect_view()}
                </ul>
            </PagedList>
        </section>
    }
}

#[component]
fn FeedItem(item: FeedAnnouncement) -> impl IntoView {
    let unread = item.read_at.is_none();
    let to_acknowledge = item.requires_ack && item.acknowledged_at.is_none();
    view! {
        <li class="feed-item" class:unread=unread>
            <a href=Route::Announcement { id: item.id }.href()>{item.title}</a>
            {unread.then(|| view! { <span class="badge badge-new">{text::announcements::UNREAD}</span> })}
            {to_acknowledge.then(|| view! { <span class="badge badge-late">{text::announcements::PLEASE_ACKNOWLEDGE}</span> })}
            <span class="muted">" · " <Time value=item.published_at /></span>
        </li>
    }
}

#[component]
pub fn AnnouncementPage(id: i64) -> impl IntoView {
    set_title(text::announcements::ONE_TITLE);
    let session = use_session();
    // Opening the page is reading it: the answer is the announcement with the receipt.
    record_page(
        move || {
            let csrf = session.csrf();
            async move {
                let item = api::mark_read(&csrf, id).await;
                refresh_unread();
                item
            }
        },
        text::announcements::LOADING_ONE,
        |item, _| view! { <Announcement item /> }.into_any(),
    )
}

#[component]
fn Announcement(item: FeedAnnouncement) -> impl IntoView {
    set_title(&item.title);
    let acknowledged = RwSignal::new(item.acknowledged_at.clone());
    view! {
        <article class="page narrow announcement">
            <p><a href=Route::Feed.href()>{text::announcements::BACK}</a></p>
            <h1>{item.title}</h1>
            <p class="muted">
                {text::announcements::PUBLISHED_BEFORE_TIME}
                <Time value=item.published_at />
                {item.edited_at.map(|at| view! { {text::announcements::EDITED_BEFORE_TIME} <Time value=at /> })}
            </p>
            <div id="announcement-body" class="asset-body" inner_html=item.body_html></div>
            {item.requires_ack.then(|| view! { <Acknowledgment id=item.id acknowledged /> })}
        </article>
    }
}

#[component]
fn Acknowledgment(id: i64, acknowledged: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let run = Callback::new(move |()| {
        busy.set(true);
        error.set(None);
        let csrf = session.csrf();
        spawn(async move {
            let result = api::acknowledge(&csrf, id).await;
            busy.set(false);
            match result {
                Ok(item) => {
                    acknowledged.set(item.acknowledged_at);
                    refresh_unread();
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    });
    view! {
        <section class="panel acknowledgment" aria-live="polite">
            {move || match acknowledged.get() {
                Some(at) => view! {
                    <p id="acknowledged" class="notice notice-success">
                        {text::announcements::ACKNOWLEDGED_BEFORE_TIME}
                        <Time value=at />
                        {text::announcements::ACKNOWLEDGED_AFTER_TIME}
                    </p>
                }
                .into_any(),
                None => view! {
                    <p>{text::announcements::ASKS_TO_ACKNOWLEDGE}</p>
                    <ActionButton
                        id="acknowledge"
                        label=text::announcements::ACKNOWLEDGE
                        busy_label=text::announcements::RECORDING
                        busy
                        run
                        class="primary"
                    />
                }
                .into_any(),
            }}
            <p class="error-text" role="alert">{error}</p>
        </section>
    }
}
