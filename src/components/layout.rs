//! The frame around every page: skip link, header with navigation by role, and the main area.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portico_api::Role;

use crate::api;
use crate::components::{focus_by_id, on_click};
use crate::pages::announcements::UnreadCount;
use crate::router::{NavLink, use_location};
use crate::session::{use_session, watch_for_expiry};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    watch_for_expiry();
    focus_main_on_navigation();
    provide_context(UnreadCount(RwSignal::new(None)));
    let session = use_session();
    // Who is signed in: the header is rebuilt when that changes.
    let who = Memo::new(move |_| session.me().map(|me| (me.user.role, me.user.name)));
    view! {
        <a class="skip-link" href="#main" rel="external" on:click=on_click(skip_to_main)>
            "Skip to main content"
        </a>
        <header class="site-header">
            <div class="bar">
                <a class="brand" href="/">
                    <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                        <rect width="32" height="32" rx="7" fill="#1f4fd1"></rect>
                        <path
                            d="M16 5 5 11h22zM6 12.5h20v2H6zM8 15.5h3v9H8zM14.5 15.5h3v9h-3zM21 15.5h3v9h-3zM6 25h20v2.5H6z"
                            fill="#fff"
                        ></path>
                    </svg>
                    "Portico"
                </a>
                {move || who.get().map(|(role, name)| view! { <SignedInHeader role name /> })}
            </div>
        </header>
        <main id="main" tabindex="-1">
            {children()}
        </main>
    }
}

fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_by_id("main");
}

/// After a client-side navigation, focus moves to the new page's content, as it would after a
/// full page load for assistive technology.
fn focus_main_on_navigation() {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.path();
        if previous.is_some_and(|p| p != path) {
            focus_by_id("main");
        }
        path
    });
}

/// Navigation for the role, the user's name, their notification and account security settings
/// and the sign-out button.
#[component]
fn SignedInHeader(role: Role, name: String) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let sign_out = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let csrf = session.csrf();
        spawn_local(async move {
            match api::logout(&csrf).await {
                // A 401 means the session had already ended: signed out either way.
                Err(e) if e.status != 401 => {
                    busy.set(false);
                    error.set(Some(format!("Could not sign out: {}", e.message)));
                }
                _ => {
                    location.go("/login");
                    session.signed_out(false);
                }
            }
        });
    };
    let label = Signal::derive(move || {
        if busy.get() {
            "Signing out…"
        } else {
            "Sign out"
        }
    });
    view! {
        <nav id="main-nav" aria-label="Main">
            <ul>
                <li>
                    <NavLink href="/" exact=true>
                        "Home"
                    </NavLink>
                </li>
                {if role.is_vendor() {
                    view! {
                        <li>
                            <NavLink href="/manage/registrations">"Registrations"</NavLink>
                        </li>
                        <li>
                            <NavLink href="/manage/pipeline">"Pipeline"</NavLink>
                        </li>
                        <li>
                            <NavLink href="/manage/partners">"Partners"</NavLink>
                        </li>
                        <li>
                            <NavLink href="/manage/numbers">"Numbers"</NavLink>
                        </li>
                        <li>
                            <NavLink href="/content">"Content"</NavLink>
                        </li>
                        <li>
                            <NavLink href="/manage/content">"Manage content"</NavLink>
                        </li>
                        <li>
                            <NavLink href="/manage/accounts">"Accounts"</NavLink>
                        </li>
                        <li>
                            <NavLink href="/manage/products">"Products"</NavLink>
                        </li>
                        <li>
                            <NavLink href="/manage/invitations">"Invitations"</NavLink>
                        </li>
                        <li>
                            <NavLink href="/manage/integrations">"Integrations"</NavLink>
                        </li>
                        <li>
                            <NavLink href="/manage/announcements">"Announcements"</NavLink>
                        </li>
                    }
                        .into_any()
                } else {
                    view! {
                        <li>
                            <NavLink href="/registrations">"Registrations"</NavLink>
                        </li>
                        <li>
                            <NavLink href="/pipeline">"Pipeline"</NavLink>
                        </li>
                        <li>
                            <NavLink href="/content">"Content"</NavLink>
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
                                <NavLink href="/admin/users">"Users"</NavLink>
                            </li>
                            <li>
                                <NavLink href="/admin/messages">"Messages"</NavLink>
                            </li>
                            <li>
                                <NavLink href="/admin/security">"Security"</NavLink>
                            </li>
                        }
                    })}
            </ul>
        </nav>
        <div class="account">
            <span class="visually-hidden">"Signed in as "</span>
            <span id="current-user" class="current-user">
                {name}
            </span>
            <NavLink href="/settings/notifications">"Notifications"</NavLink>
            <NavLink href="/settings/security">"Account security"</NavLink>
            <button
                id="sign-out"
                type="button"
                class="secondary small"
                aria-disabled=Signal::derive(move || busy.get().then_some("true"))
                on:click=on_click(sign_out)
            >
                {label}
            </button>
            <p class="account-error" role="alert">
                {error}
            </p>
        </div>
    }
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
        <NavLink href="/announcements">
            "Announcements"
            <span id="unread-badge" class="nav-badge" hidden=move || unread() == 0>
                {unread}
                <span class="visually-hidden">" unread"</span>
            </span>
        </NavLink>
    }
}
