//! `/unsubscribe?user=…&category=…&sig=…`: the link at the foot of an e-mail. It says what
//! stops, and stops it only when the person presses the button, since mail scanners open links
//! too. No sign-in needed: the link is signed.

use leptos::prelude::*;
use portico_api::notifications::Category;
use portico_ui::route::Route;

use crate::text;
use portico_ui::api;
use portico_ui::components::{ActionButton, Loading};
use portico_ui::dom::{focus_soon, set_title, spawn};
use portico_ui::location::{Location, use_location};
use portico_ui::session::{Auth, use_session};

/// What the link names: whose e-mail, which category, and the signature.
#[derive(Clone)]
struct Link {
    user: i64,
    category: Category,
    sig: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Step {
    Asking,
    Done(Category),
    /// The server does not know the link, or it is not whole.
    Invalid,
}

/// The link in the address, if it is whole.
fn link_in(location: Location) -> Option<Link> {
    Some(Link {
        user: location.query("user")?.parse().ok()?,
        category: Category::parse(&location.query("category")?).filter(|c| c.choosable())?,
        sig: location.query("sig").filter(|s| !s.is_empty())?,
    })
}

/// "registration decisions", for the middle of a sentence.
fn in_sentence(category: Category) -> String {
    category.label().to_lowercase()
}

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    set_title(text::unsubscribe::TITLE);
    let session = use_session();
    let location = use_location();
    let link = link_in(location);
    // Someone signed in sends their CSRF token with the request: wait to know who it is.
    let known = Memo::new(move |_| session.auth.with(|a| !matches!(a, Auth::Loading)));
    view! {
        <section class="page narrow">
            {move || match (known.get(), link.clone()) {
                (false, _) => view! { <Loading label=text::common::LOADING /> }.into_any(),
                (true, Some(link)) => view! { <Confirm link /> }.into_any(),
                (true, None) => view! { <InvalidLink /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Confirm(link: Link) -> impl IntoView {
    let session = use_session();
    let category = link.category;
    let link = StoredValue::new(link);
    let step = RwSignal::new(Step::Asking);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let run = Callback::new(move |()| {
        busy.set(true);
        error.set(None);
        let csrf = session.csrf();
        let Link {
            user,
            category,
            sig,
        } = link.get_value();
        spawn(async move {
            let result = api::unsubscribe(&csrf, user, category, &sig).await;
            busy.set(false);
            match result {
                Ok(done) => {
                    step.set(Step::Done(done.category));
                    focus_soon("unsubscribed".to_owned());
                }
                Err(e) if e.is_not_found() => {
                    step.set(Step::Invalid);
                    focus_soon("invalid-link".to_owned());
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    });
    let invalid = Memo::new(move |_| step.get() == Step::Invalid);
    let done = move || match step.get() {
        Step::Done(category) => Some(view! {
            <p id="unsubscribed" class="notice notice-success" tabindex="-1">
                {text::unsubscribe::stopped_before_link(&in_sentence(category))}
                <a href=Route::Notifications.href()>{text::unsubscribe::STOPPED_LINK}</a>
                {text::unsubscribe::STOPPED_AFTER_LINK}
            </p>
        }),
        _ => None,
    };
    move || {
        if invalid.get() {
            return view! { <InvalidLink /> }.into_any();
        }
        view! {
            <h1>{text::unsubscribe::heading(&in_sentence(category))}</h1>
            <div hidden=move || step.get() != Step::Asking>
                <p>{text::unsubscribe::what_stops(&in_sentence(category))}</p>
                <p class="muted">{text::unsubscribe::ALWAYS_SENT}</p>
                <div class="actions">
                    <ActionButton
                        id="unsubscribe"
                        label=text::unsubscribe::STOP
                        busy_label=text::unsubscribe::STOPPING
                        busy
                        run
                        class="primary"
                    />
                </div>
                <p class="error-text" role="alert">{error}</p>
            </div>
            <div role="status">{done}</div>
        }
        .into_any()
    }
}

#[component]
fn InvalidLink() -> impl IntoView {
    view! {
        <h1 id="invalid-link" tabindex="-1">{text::unsubscribe::INVALID_HEADING}</h1>
        <div class="notice notice-error" role="alert">
            <p>
                {text::unsubscribe::INVALID_BEFORE_LINK}
                <a href=Route::Notifications.href()>{text::unsubscribe::INVALID_LINK}</a>
                {text::unsubscribe::INVALID_AFTER_LINK}
            </p>
        </div>
    }
}
