//! Shown for unknown addresses, and for pages the signed-in role may not use.

use leptos::prelude::*;

use crate::dom::set_title;
use crate::location::use_location;
use crate::session::use_session;

#[component]
pub fn NotFound() -> impl IntoView {
    set_title("Page not found");
    let session = use_session();
    let signed_in = move || session.me().is_some();
    let home = use_location().app().home().href();
    view! {
        <section class="page narrow">
            <h1 id="not-found">"Page not found"</h1>
            <p>"There is no page at this address. Check the address, or start again from the home page."</p>
            <p>
                <a class="button" href=home>
                    {move || if signed_in() { "Go to the home page" } else { "Go to sign in" }}
                </a>
            </p>
        </section>
    }
}
