//! The frame around every page: skip link, header with the app's navigation for the signed-in
//! role and the account links, and the main area.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portico_api::Role;

use crate::route::Route;

use crate::api;
use crate::dom::{focus_by_id, on_click};
use crate::location::{NavLink, use_location};
use crate::session::{use_session, watch_for_expiry};
use crate::text;

#[component]
pub fn Layout(
    /// The navigation links for a signed-in role, as `<li>` items.
    nav: fn(Role) -> AnyView,
    children: Children,
) -> impl IntoView {
    watch_for_expiry();
    focus_main_on_navigation();
    let session = use_session();
    // Who is signed in: the header is rebuilt when that changes.
    let who = Memo::new(move |_| session.me().map(|me| (me.user.role, me.user.name)));
    view! {
        <a class="skip-link" href="#main" rel="external" on:click=on_click(skip_to_main)>
            {text::layout::SKIP_TO_MAIN}
        </a>
        <header class="site-header">
            <div class="bar">
                <a class="brand" href=use_location().app().home().href()>
                    <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                        <rect width="32" height="32" rx="7" fill="#1f4fd1"></rect>
                        <path
                            d="M16 5 5 11h22zM6 12.5h20v2H6zM8 15.5h3v9H8zM14.5 15.5h3v9h-3zM21 15.5h3v9h-3zM6 25h20v2.5H6z"
                            fill="#fff"
                        ></path>
                    </svg>
                    {text::common::BRAND}
                </a>
                {move || who.get().map(|(role, name)| view! { <SignedInHeader role name nav /> })}
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
fn SignedInHeader(role: Role, name: String, nav: fn(Role) -> AnyView) -> impl IntoView {
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
                    error.set(Some(text::layout::could_not_sign_out(&e.message)));
                }
                _ => {
                    location.go(&Route::Login.href());
                    session.signed_out(false);
                }
            }
        });
    };
    let label = Signal::derive(move || {
        if busy.get() {
            text::layout::SIGNING_OUT
        } else {
            text::layout::SIGN_OUT
        }
    });
    // Below 48rem the navigation and account links fold behind a menu button, so the header
    // keeps one row's height on a phone too; a move to another page folds them again.
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        location.path();
        open.set(false);
    });
    let expanded = move || if open.get() { "true" } else { "false" };
    view! {
        <button
            type="button"
            id="menu-toggle"
            class="menu-toggle secondary small"
            aria-expanded=expanded
            aria-controls="site-menu"
            on:click=on_click(move |_| open.update(|o| *o = !*o))
        >
            {text::layout::MENU}
        </button>
        <div id="site-menu" class="site-menu" class:open=open>
            <nav id="main-nav" aria-label=text::layout::MAIN_NAV>
                <ul>
                    {nav(role)}
                </ul>
            </nav>
            <div class="account">
                <span class="visually-hidden">{text::layout::SIGNED_IN_AS}</span>
                <span id="current-user" class="current-user">
                    {name}
                </span>
                <NavLink to=location.app().notifications()>{text::layout::NOTIFICATIONS}</NavLink>
                <NavLink to=location.app().account_security()>
                    {text::layout::ACCOUNT_SECURITY}
                </NavLink>
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
        </div>
    }
}
