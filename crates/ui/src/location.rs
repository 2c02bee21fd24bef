//! Client-side routing: the address bar as a signal, moves through the browser history, and
//! navigation links.
//!
//! Written by hand rather than taken from `leptos_router`: the app's pages are a short, fixed
//! list of paths, and the general router made up about a tenth of the compressed bundle.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlAnchorElement, MouseEvent};

use crate::route::{App, Route};
use crate::url::query_value;

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
pub struct Location {
    address: RwSignal<Address>,
    /// The front end running on this page: moves to the other one load it.
    app: App,
}

impl Location {
    /// Creates the location context, follows the back and forward buttons, and turns clicks on
    /// links within the site into moves without a page load.
    pub fn provide(app: App) -> Location {
        let location = Location {
            address: RwSignal::new(Address::current()),
            app,
        };
        provide_context(location);
        // The app lives as long as the page: the listeners are never removed.
        window_event_listener(ev::popstate, move |_| {
            location.address.set(Address::current())
        });
        window_event_listener(ev::click, move |ev| location.follow_link(&ev));
        location
    }

    pub fn app(self) -> App {
        self.app
    }

    /// The path, tracked.
    pub fn path(self) -> String {
        self.address.with(|a| a.path.clone())
    }

    /// The page for the current path, tracked.
    pub fn route(self) -> Route {
        self.address.with(|a| Route::parse(&a.path))
    }

    /// The query string (with its `?`, or empty), tracked.
    pub fn search(self) -> String {
        self.address.with(|a| a.search.clone())
    }

    /// Path and query string, as a `next` to come back to.
    pub fn here(self) -> String {
        self.address
            .with_untracked(|a| format!("{}{}", a.path, a.search))
    }

    /// A decoded query parameter.
    pub fn query(self, name: &str) -> Option<String> {
        self.address
            .with_untracked(|a| query_value(&a.search, name))
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
        let path = to.split(['?', '#']).next().unwrap_or_default();
        let history = window().history().ok();
        let Some(history) = history.filter(|_| App::of_path(path) == self.app) else {
            return load(to, replace);
        };
        let moved = if replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(to))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(to))
        };
        if moved.is_ok() {
            self.address.set(Address::current());
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

/// A page load: the way into the other front end.
fn load(to: &str, replace: bool) {
    let location = window().location();
    let _ = if replace {
        location.replace(to)
    } else {
        location.set_href(to)
    };
}

pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// A navigation link, marked as the current page when the path is the route's (or below it,
/// unless `exact`).
#[component]
pub fn NavLink(to: Route, #[prop(optional)] exact: bool, children: Children) -> impl IntoView {
    let location = use_location();
    let href = to.href();
    let current = {
        let href = href.clone();
        move || {
            let path = location.path();
            let here = path == href || (!exact && path.starts_with(&format!("{href}/")));
            here.then_some("page")
        }
    };
    view! {
        <a href=href aria-current=current>
            {children()}
        </a>
    }
}
