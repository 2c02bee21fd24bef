//! Client-side routing: the address bar as a signal, moves through the browser history, and the
//! typed list of pages.
//!
//! Written by hand rather than taken from `leptos_router`: the app's pages are a short, fixed
//! list of paths, and the general router made up about a tenth of the compressed bundle.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlAnchorElement, MouseEvent};

use crate::url::{decode, query_value};

/// Every page of the app, with what its path carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Login,
    AcceptInvitation { token: String },
    Invitations,
    Users,
    Register,
    LinkRegistration { token: String },
    MyRegistrations,
    MyRegistration { id: i64 },
    ApprovalQueue,
    ManageRegistration { id: i64 },
    Accounts,
    Products,
    Pipeline,
    Opportunity { id: i64 },
    ManagePipeline,
    Partners,
    Numbers,
    Content,
    Asset { id: i64 },
    ContentDesk,
    NewAsset,
    ManageAsset { id: i64 },
    ContentUsage,
    Integrations,
    WebhookEndpoint { id: i64 },
    SignInLink { token: String },
    Feed,
    Announcement { id: i64 },
    ManageAnnouncements,
    NewAnnouncement,
    ManageAnnouncement { id: i64 },
    Notifications,
    AccountSecurity,
    SetPassword,
    SecuritySettings,
    Unsubscribe,
    Messages,
    NotFound,
}

impl Route {
    pub fn parse(path: &str) -> Route {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        match segments.as_slice() {
            [""] => Route::Home,
            ["login"] => Route::Login,
            ["invite", token] if !token.is_empty() => Route::AcceptInvitation {
                token: decode(token),
            },
            ["manage", "invitations"] => Route::Invitations,
            ["registrations"] => Route::MyRegistrations,
            ["r", token] if !token.is_empty() => Route::LinkRegistration {
                token: decode(token),
            },
            ["registrations", "new"] => Route::Register,
            ["registrations", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::MyRegistration { id }),
            ["manage", "registrations"] => Route::ApprovalQueue,
            ["manage", "accounts"] => Route::Accounts,
            ["manage", "products"] => Route::Products,
            ["manage", "registrations", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::ManageRegistration { id }),
            ["admin", "users"] => Route::Users,
            ["pipeline"] => Route::Pipeline,
            ["opportunities", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::Opportunity { id }),
            ["manage", "pipeline"] => Route::ManagePipeline,
            ["manage", "partners"] => Route::Partners,
            ["manage", "numbers"] => Route::Numbers,
            ["content"] => Route::Content,
            ["content", id] => id.parse().map_or(Route::NotFound, |id| Route::Asset { id }),
            ["manage", "content"] => Route::ContentDesk,
            ["manage", "content", "new"] => Route::NewAsset,
            ["manage", "content", "usage"] => Route::ContentUsage,
            ["manage", "content", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::ManageAsset { id }),
            ["manage", "integrations"] => Route::Integrations,
            ["manage", "integrations", "webhooks", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::WebhookEndpoint { id }),
            ["sign-in", token] if !token.is_empty() => Route::SignInLink {
                token: decode(token),
            },
            ["announcements"] => Route::Feed,
            ["announcements", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::Announcement { id }),
            ["manage", "announcements"] => Route::ManageAnnouncements,
            ["manage", "announcements", "new"] => Route::NewAnnouncement,
            ["manage", "announcements", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::ManageAnnouncement { id }),
            ["settings", "notifications"] => Route::Notifications,
            ["settings", "security"] => Route::AccountSecurity,
            ["settings", "password"] => Route::SetPassword,
            ["admin", "security"] => Route::SecuritySettings,
            // The link's user, category and signature are in the query string.
            ["unsubscribe"] => Route::Unsubscribe,
            ["admin", "messages"] => Route::Messages,
            _ => Route::NotFound,
        }
    }
}

/// The address the app shows: path and query string (with its `?`, or empty).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Address {
    path: String,
    search: String,
}

impl Address {
    fn current() -> Address {
        let location = window().location();
        Address {
            path: location.pathname().unwrap_or_else(|_| "/".to_owned()),
            search: location.search().unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Location(RwSignal<Address>);

impl Location {
    /// Creates the location context, follows the back and forward buttons, and turns clicks on
    /// links within the site into moves without a page load.
    pub fn provide() -> Location {
        let location = Location(RwSignal::new(Address::current()));
        provide_context(location);
        // The app lives as long as the page: the listeners are never removed.
        window_event_listener(ev::popstate, move |_| location.0.set(Address::current()));
        window_event_listener(ev::click, move |ev| location.follow_link(&ev));
        location
    }

    /// The path, tracked.
    pub fn path(self) -> String {
        self.0.with(|a| a.path.clone())
    }

    /// The page for the current path, tracked.
    pub fn route(self) -> Route {
        self.0.with(|a| Route::parse(&a.path))
    }

    /// The query string (with its `?`, or empty), tracked.
    pub fn search(self) -> String {
        self.0.with(|a| a.search.clone())
    }

    /// Path and query string, as a `next` to come back to.
    pub fn here(self) -> String {
        self.0.with_untracked(|a| format!("{}{}", a.path, a.search))
    }

    /// A decoded query parameter.
    pub fn query(self, name: &str) -> Option<String> {
        self.0.with_untracked(|a| query_value(&a.search, name))
    }

    /// Goes to a path on this site, as a new history entry.
    pub fn go(self, to: &str) {
        self.move_to(to, false);
    }

    /// Goes to a path on this site, replacing the current history entry.
    pub fn replace(self, to: &str) {
        self.move_to(to, true);
    }

    fn move_to(self, to: &str, replace: bool) {
        let Ok(history) = window().history() else {
            return window().location().set_href(to).unwrap_or_default();
        };
        let moved = if replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(to))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(to))
        };
        if moved.is_ok() {
            self.0.set(Address::current());
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// An unmodified left click on a link to a page of this site.
    fn follow_link(self, ev: &MouseEvent) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(anchor) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|e| e.dyn_into::<HtmlAnchorElement>().ok())
        else {
            return;
        };
        // Files and API answers (downloads, exports) are not pages of the app.
        let elsewhere = anchor.origin() != window().location().origin().unwrap_or_default()
            || anchor.pathname().starts_with("/api/")
            || !matches!(anchor.target().as_str(), "" | "_self")
            || anchor.has_attribute("download")
            || anchor.rel().split_whitespace().any(|r| r == "external");
        if !elsewhere {
            ev.prevent_default();
            self.go(&format!("{}{}", anchor.pathname(), anchor.search()));
        }
    }
}

pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// A navigation link, marked as the current page when the path is `href` (or below it, unless
/// `exact`).
#[component]
pub fn NavLink(
    href: &'static str,
    #[prop(optional)] exact: bool,
    children: Children,
) -> impl IntoView {
    let location = use_location();
    let current = move || {
        let path = location.path();
        let here = path == href || (!exact && path.starts_with(&format!("{href}/")));
        here.then_some("page")
    };
    view! {
        <a href=href aria-current=current>
            {children()}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn paths_name_their_pages() {
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(Route::parse("/login"), Route::Login);
        assert_eq!(Route::parse("/login/"), Route::Login);
        assert_eq!(Route::parse("/manage/invitations"), Route::Invitations);
        assert_eq!(Route::parse("/admin/users"), Route::Users);
        assert_eq!(Route::parse("/admin/messages"), Route::Messages);
        assert_eq!(
            Route::parse("/invite/a%2Bb"),
            Route::AcceptInvitation {
                token: "a+b".to_owned()
            }
        );
        // In a path `+` is itself, not a space.
        assert_eq!(
            Route::parse("/invite/a+b"),
            Route::AcceptInvitation {
                token: "a+b".to_owned()
            }
        );
        assert_eq!(Route::parse("/registrations/new"), Route::Register);
        assert_eq!(
            Route::parse("/r/abc"),
            Route::LinkRegistration {
                token: "abc".to_owned()
            }
        );
        assert_eq!(Route::parse("/manage/accounts"), Route::Accounts);
        assert_eq!(
            Route::parse("/registrations/12"),
            Route::MyRegistration { id: 12 }
        );
        assert_eq!(
            Route::parse("/manage/registrations/3"),
            Route::ManageRegistration { id: 3 }
        );
        assert_eq!(Route::parse("/pipeline"), Route::Pipeline);
        assert_eq!(
            Route::parse("/opportunities/9"),
            Route::Opportunity { id: 9 }
        );
        assert_eq!(Route::parse("/manage/pipeline"), Route::ManagePipeline);
        assert_eq!(Route::parse("/manage/partners"), Route::Partners);
        assert_eq!(Route::parse("/manage/numbers"), Route::Numbers);
        for unknown in [
            "/opportunities/x",
            "/invite",
            "/invite/",
            "/admin",
            "/admin/users/7",
            "/admin/messages/3",
            "/nope",
            "/registrations/x",
        ] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn content_paths_name_their_pages() {
        assert_eq!(Route::parse("/content"), Route::Content);
        assert_eq!(Route::parse("/content/"), Route::Content);
        assert_eq!(Route::parse("/content/42"), Route::Asset { id: 42 });
        assert_eq!(Route::parse("/manage/content"), Route::ContentDesk);
        assert_eq!(Route::parse("/manage/content/new"), Route::NewAsset);
        assert_eq!(Route::parse("/manage/content/usage"), Route::ContentUsage);
        assert_eq!(
            Route::parse("/manage/content/7"),
            Route::ManageAsset { id: 7 }
        );
        for unknown in [
            "/content/x",
            "/content/1/download",
            "/manage/content/x",
            "/manage/content/7/edit",
            "/manage/contents",
        ] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn integration_paths_name_their_pages() {
        assert_eq!(Route::parse("/manage/integrations"), Route::Integrations);
        assert_eq!(
            Route::parse("/manage/integrations/webhooks/4"),
            Route::WebhookEndpoint { id: 4 }
        );
        for unknown in [
            "/manage/integrations/webhooks",
            "/manage/integrations/webhooks/x",
            "/manage/integrations/hubspot",
        ] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn announcement_and_sign_in_link_paths_name_their_pages() {
        assert_eq!(
            Route::parse("/sign-in/abc%2Bd"),
            Route::SignInLink {
                token: "abc+d".into()
            }
        );
        assert_eq!(Route::parse("/announcements"), Route::Feed);
        assert_eq!(
            Route::parse("/announcements/7"),
            Route::Announcement { id: 7 }
        );
        assert_eq!(
            Route::parse("/manage/announcements"),
            Route::ManageAnnouncements
        );
        assert_eq!(
            Route::parse("/manage/announcements/new"),
            Route::NewAnnouncement
        );
        assert_eq!(
            Route::parse("/manage/announcements/3"),
            Route::ManageAnnouncement { id: 3 }
        );
        for unknown in ["/sign-in", "/announcements/x", "/manage/announcements/x"] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn account_security_paths_name_their_pages() {
        assert_eq!(Route::parse("/settings/security"), Route::AccountSecurity);
        assert_eq!(Route::parse("/settings/password"), Route::SetPassword);
        assert_eq!(Route::parse("/admin/security"), Route::SecuritySettings);
        for unknown in ["/settings/security/2fa", "/admin/security/x"] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn notification_paths_name_their_pages() {
        assert_eq!(
            Route::parse("/settings/notifications"),
            Route::Notifications
        );
        assert_eq!(Route::parse("/unsubscribe"), Route::Unsubscribe);
        assert_eq!(Route::parse("/unsubscribe/"), Route::Unsubscribe);
        for unknown in [
            "/settings",
            "/settings/notifications/email",
            "/unsubscribe/7",
        ] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }
}
