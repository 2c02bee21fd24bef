//! The main navigation for each role, and the partners' unread announcements count in it.

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

/// The navigation links for `role`, as `<li>` items for the page frame.
pub fn main_nav(role: Role) -> AnyView {
    view! {
    <li>
        <NavLink to=Route::Home exact=true>
            "Home"
        </NavLink>
    </li>
    {if role.is_vendor() {
        view! {
            <li>
                <NavLink to=Route::ApprovalQueue>"Registrations"</NavLink>
            </li>
            <li>
                <NavLink to=Route::ManagePipeline>"Pipeline"</NavLink>
            </li>
            <li>
                <NavLink to=Route::Partners>"Partners"</NavLink>
            </li>
            <li>
                <NavLink to=Route::Numbers>"Numbers"</NavLink>
            </li>
            <li>
                <NavLink to=Route::Content>"Content"</NavLink>
            </li>
            <li>
                <NavLink to=Route::ContentDesk>"Manage content"</NavLink>
            </li>
            <li>
                <NavLink to=Route::Accounts>"Accounts"</NavLink>
            </li>
            <li>
                <NavLink to=Route::Products>"Products"</NavLink>
            </li>
            <li>
                <NavLink to=Route::Invitations>"Invitations"</NavLink>
            </li>
            <li>
                <NavLink to=Route::Integrations>"Integrations"</NavLink>
            </li>
            <li>
                <NavLink to=Route::ManageAnnouncements>"Announcements"</NavLink>
            </li>
        }
            .into_any()
    } else {
        view! {
            <li>
                <NavLink to=Route::MyRegistrations>"Registrations"</NavLink>
            </li>
            <li>
                <NavLink to=Route::Pipeline>"Pipeline"</NavLink>
            </li>
            <li>
                <NavLink to=Route::Content>"Content"</NavLink>
            </li>
            <li>
                <AnnouncementsLink />
            </li>
        }
            .into_any()
    }}
    {(role == Role::Admin)
        .then(|| {
            view! {
                <li>
                    <NavLink to=Route::Users>"Users"</NavLink>
                </li>
                <li>
                    <NavLink to=Route::Messages>"Messages"</NavLink>
                </li>
                <li>
                    <NavLink to=Route::SecuritySettings>"Security"</NavLink>
                </li>
            }
        })}
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
            "Announcements"
            <span id="unread-badge" class="nav-badge" hidden=move || unread() == 0>
                {unread}
                <span class="visually-hidden">" unread"</span>
            </span>
        </NavLink>
    }
}
