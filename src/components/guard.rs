//! Route guards: signed-out visitors go to sign in; a role that may not use a page sees the
//! same "Page not found" as for an address that does not exist.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use portico_api::Role;

use crate::components::{ErrorNotice, Loading};
use crate::pages::NotFound;
use crate::session::{Auth, current_path, login_path, use_session};

#[derive(Clone, PartialEq)]
enum Access {
    Loading,
    SignIn { expired: bool },
    Allowed,
    Hidden,
    Unknown(String),
}

/// Shows `children` only to a signed-in user whose role `allow` accepts.
#[component]
pub fn RequireRole(allow: fn(Role) -> bool, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let access = Memo::new(move |_| match session.auth.get() {
        Auth::Loading => Access::Loading,
        Auth::SignedOut { expired } => Access::SignIn { expired },
        Auth::SignedIn(me) if allow(me.user.role) => Access::Allowed,
        Auth::SignedIn(_) => Access::Hidden,
        Auth::Unknown(message) => Access::Unknown(message),
    });
    move || match access.get() {
        Access::Loading => view! { <Loading label="Loading your account…" /> }.into_any(),
        Access::Allowed => children(),
        Access::Hidden => view! { <NotFound /> }.into_any(),
        Access::SignIn { expired } => {
            let here = current_path(
                &location.pathname.get_untracked(),
                &location.search.get_untracked(),
            );
            // Already on the way to sign in (the session ended mid-request): nothing to do.
            if !here.starts_with("/login") {
                let options = NavigateOptions {
                    replace: true,
                    ..Default::default()
                };
                navigate(&login_path(&here, expired), options);
            }
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

pub fn vendor_staff(role: Role) -> bool {
    role.is_vendor()
}

pub fn admin_only(role: Role) -> bool {
    role == Role::Admin
}
