//! Shown for unknown addresses, and for pages the signed-in role may not use.

use leptos::prelude::*;

use crate::dom::set_title;
use crate::location::use_location;
use crate::session::use_session;
use crate::text;

#[component]
pub fn NotFound() -> impl IntoView {
    set_title(text::layout::NOT_FOUND_TITLE);
    let session = use_session();
    let signed_in = move || session.me().is_some();
    let home = use_location().app().home().href();
    view! {
        <section class="page narrow">
            <h1 id="not-found">{text::layout::NOT_FOUND_TITLE}</h1>
            <p>{text::layout::NOT_FOUND}</p>
            <p>
                <a class="button" href=home>
                    {move || if signed_in() { text::layout::GO_HOME } else { text::layout::GO_SIGN_IN }}
                </a>
            </p>
        </section>
    }
}
