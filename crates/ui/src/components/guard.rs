//! Route guards: signed-out visitors go to sign in; vendor staff who must set up two-factor
//! sign-in go to do that; vendor staff opening a partner page go to the console's page for the
//! same thing; otherwise a role that may not use a page sees the same "Page not found" as for
//! an address that does not exist.

use leptos::prelude::*;
use portico_api::Role;

use crate::components::NotFound;
use crate::components::{ErrorNotice, Loading};
use crate::location::use_location;
use crate::route::Route;
use crate::session::{Auth, login_path, use_session};
use crate::text;

#[derive(Clone, PartialEq)]
enum Access {
    Loading,
    SignIn { expired: bool },
    SetUpTwoFactor,
    Allowed,
    Elsewhere(Route),
    Hidden,
    Unknown(String),
}

/// Shows `children` only to a signed-in user whose role `allow` accepts.
#[component]
pub fn RequireRole(allow: fn(Role) -> bool, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let access = Memo::new(move |_| match session.auth.get() {
        Auth::Loading => Access::Loading,
        Auth::SignedOut { expired } => Access::SignIn { expired },
        Auth::SignedIn(me)
            if me.two_factor_setup_required
                && location.route() != location.app().account_security() =>
        {
            Access::SetUpTwoFactor
        }
        Auth::SignedIn(me) if allow(me.user.role) => Access::Allowed,
        Auth::SignedIn(me) => match location.route().in_console() {
            Some(route) if me.user.role.is_vendor() => Access::Elsewhere(route),
            _ => Access::Hidden,
        },
        Auth::Unknown(message) => Access::Unknown(message),
    });
    move || match access.get() {
        // Hidden for its first moment (see `.loading-late`): the page would jump under it
        // when the header's navigation arrives.
        Access::Loading => view! {
            <div class="loading-late">
                <Loading label=text::layout::LOADING_ACCOUNT />
            </div>
        }
        .into_any(),
        Access::Allowed => children(),
        Access::Hidden => view! { <NotFound /> }.into_any(),
        Access::SignIn { expired } => {
            let here = location.here();
            // Already on the way to sign in (the session ended mid-request): nothing to do.
            if !here.starts_with("/login") {
                location.replace(&login_path(&here, expired));
            }
            ().into_any()
        }
        Access::SetUpTwoFactor => {
            location.replace(&location.app().account_security().href());
            ().into_any()
        }
        Access::Elsewhere(route) => {
            location.replace(&format!("{}{}", route.href(), location.search()));
            ().into_any()
        }
        Access::Unknown(message) => {
            let retry = Callback::new(move |()| session.load());
            view! { <ErrorNotice message retry /> }.into_any()
        }
    }
}

pub fn any_role(_: Role) -> bool {
    true
}

pub fn partners(role: Role) -> bool {
    !role.is_vendor()
}

pub fn vendor_staff(role: Role) -> bool {
    role.is_vendor()
}

pub fn admin_only(role: Role) -> bool {
    role == Role::Admin
}
