//! The partner's main navigation, and the unread announcements count in it.

use crate::text;
use leptos::prelude::*;
use portico_api::Role;
use portico_ui::api;
use portico_ui::dom::spawn;
use portico_ui::location::{NavLink, use_location};
use portico_ui::route::Route;

/// The unread count in the navigation; pages that change it ask for it again.
#[derive(Clone, Copy)]
pub struct UnreadCount(pub RwSignal<Option<portico_api::announcements::Unread>>);

impl UnreadCount {
    pub fn refresh(self) {
        spawn(async move {
            if let Ok(unread) = api::unread().await {
                self.0.set(Some(unread));
            }
        });
    }
}

pub fn refresh_unread() {
    if let Some(count) = use_context::<UnreadCount>() {
        count.refresh();
    }
}

/// The partner's navigation links, as `<li>` items for the page frame.
pub fn main_nav(_: Role) -> AnyView {
    view! {
        <li>
            <NavLink to=Route::Home exact=true>{text::nav::HOME}</NavLink>
        </li>
        <li>
            <NavLink to=Route::MyRegistrations>{text::nav::REGISTRATIONS}</NavLink>
        </li>
        <li>
            <NavLink to=Route::Pipeline>{text::nav::PIPELINE}</NavLink>
        </li>
        <li>
            <NavLink to=Route::Content>{text::nav::CONTENT}</NavLink>
        </li>
        <li>
            <NavLink to=Route::Earnings>{text::nav::EARNINGS}</NavLink>
        </li>
        <li>
            <AnnouncementsLink />
        </li>
    }
    .into_any()
}

/// The partners' link to their announcements, with the unread count as a badge. The count is
/// read at sign-in, on every move between pages, and when a page changes it.
#[component]
fn AnnouncementsLink() -> impl IntoView {
    let count = expect_context::<UnreadCount>();
    let location = use_location();
    Effect::new(move |_| {
        location.path();
        count.refresh();
    });
    let unread = move || count.0.get().map_or(0, |u| u.unread);
    view! {
        <NavLink to=Route::Feed>
            {text::nav::ANNOUNCEMENTS}
            <span id="unread-badge" class="nav-badge" hidden=move || unread() == 0>
                {unread}
                <span class="visually-hidden">{text::nav::UNREAD_AFTER_COUNT}</span>
            </span>
        </NavLink>
    }
}
