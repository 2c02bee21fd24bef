//! Who is signed in: the current [`Me`] in a context signal, loaded once at start and replaced
//! on sign-in, sign-out and when the server reports the session gone.

use leptos::prelude::*;
use leptos::task::spawn_local;
pub use portico_api::auth::safe_next;
use portico_api::{Me, Role};

use crate::api;
use crate::location::use_location;
use crate::url::encode;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// `GET /api/me` has not answered yet.
    Loading,
    /// Nobody is signed in; `expired` when a session just ended under the person's feet.
    SignedOut {
        expired: bool,
    },
    SignedIn(Me),
    /// The server could not tell who is signed in (network or server error).
    Unknown(String),
}

#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub auth: RwSignal<Auth>,
}

impl Session {
    /// Creates the session context and finds out who is signed in.
    pub fn provide() -> Session {
        let session = Session {
            auth: RwSignal::new(Auth::Loading),
        };
        provide_context(session);
        session.load();
        session
    }

    /// Asks the server who is signed in, unless this browser has not signed in through the app
    /// since it last signed out: then nobody is, and not asking spares the visitor the 401 the
    /// browser would log as an error.
    pub fn load(self) {
        if !signed_in_here() {
            self.auth.set(Auth::SignedOut { expired: false });
            return;
        }
        self.auth.set(Auth::Loading);
        spawn_local(async move {
            let auth = match api::me().await {
                Ok(me) => Auth::SignedIn(me),
                Err(e) if e.status == 401 => Auth::SignedOut { expired: false },
                Err(e) => Auth::Unknown(e.message),
            };
            remember_sign_in(matches!(auth, Auth::SignedIn(_)));
            self.auth.set(auth);
        });
    }

    /// The signed-in user, tracked.
    pub fn me(self) -> Option<Me> {
        self.auth.with(|auth| match auth {
            Auth::SignedIn(me) => Some(me.clone()),
            _ => None,
        })
    }

    pub fn role(self) -> Option<Role> {
        self.auth.with(|auth| match auth {
            Auth::SignedIn(me) => Some(me.user.role),
            _ => None,
        })
    }

    /// The CSRF token to send with a state-changing request; empty when signed out.
    pub fn csrf(self) -> String {
        self.auth.with_untracked(|auth| match auth {
            Auth::SignedIn(me) => me.csrf_token.clone(),
            _ => String::new(),
        })
    }

    pub fn signed_in(self, me: Me) {
        remember_sign_in(true);
        self.auth.set(Auth::SignedIn(me));
    }

    pub fn signed_out(self, expired: bool) {
        remember_sign_in(false);
        self.auth.set(Auth::SignedOut { expired });
    }
}

/// Marks in local storage that this browser signed in (the session cookie itself is HttpOnly,
/// out of the app's sight). It is a hint, not a credential: the server still decides. The
/// loader script in each app's `index.html` reads it too, to ask `GET /api/me` early.
const SIGNED_IN_KEY: &str = "portico.signed-in";

fn signed_in_here() -> bool {
    // Without storage (disabled by the browser) the server is asked, as before.
    window()
        .local_storage()
        .ok()
        .flatten()
        .is_none_or(|storage| storage.get_item(SIGNED_IN_KEY).ok().flatten().is_some())
}

fn remember_sign_in(signed_in: bool) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = if signed_in {
            storage.set_item(SIGNED_IN_KEY, "1")
        } else {
            storage.remove_item(SIGNED_IN_KEY)
        };
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Sends the person to sign in when any request finds the session gone, remembering where they
/// were; and reads who is signed in again when the portal turns out to require two-factor
/// sign-in first, so the guards send them to set it up. Call once.
pub fn watch_for_expiry() {
    let session = use_session();
    let location = use_location();
    api::on_session_expired(move || {
        let here = location.here();
        if !here.starts_with("/login") {
            location.go(&login_path(&here, true));
        }
        session.signed_out(true);
    });
    api::on_two_factor_required(move || session.load());
}

/// `/login?next=…`, plus `&expired=1` when a session just ended.
pub fn login_path(next: &str, expired: bool) -> String {
    let mut path = String::from("/login");
    if safe_next(next).is_some_and(|n| n != "/") {
        path.push_str("?next=");
        path.push_str(&encode(next, true));
        if expired {
            path.push_str("&expired=1");
        }
    } else if expired {
        path.push_str("?expired=1");
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_paths_carry_where_to_return() {
        assert_eq!(login_path("/", false), "/login");
        assert_eq!(login_path("/", true), "/login?expired=1");
        assert_eq!(
            login_path("/manage/invitations", true),
            "/login?next=/manage/invitations&expired=1"
        );
        assert_eq!(
            login_path("/admin/users", false),
            "/login?next=/admin/users"
        );
        assert_eq!(login_path("//evil.example", false), "/login");
    }
}
