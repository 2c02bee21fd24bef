//! The partner's home page: who you are and your organization.

use leptos::prelude::*;

use portico_ui::dom::set_title;
use portico_ui::session::use_session;

#[component]
pub fn HomePage() -> impl IntoView {
    set_title("Home");
    // The guard shows this page only to a signed-in user.
    let Some(me) = untrack(|| use_session().me()) else {
        return ().into_any();
    };
    let role = me.user.role;
    let organization = me
        .organization
        .map(|org| view! { <span id="home-org" class="org">{org.name}</span> });
    view! {
        <section class="page">
            <h1 id="welcome">"Welcome, " {me.user.name}</h1>
            <p class="lead">
                <span id="home-role" class="badge">
                    {role.label()}
                </span>
                {organization}
            </p>
            <h2 class="section-title">"What you can do"</h2>
            <ul class="cards">
                <li class="card">
                    <h3>"Your account"</h3>
                    <p>"You sign in as " <strong>{me.user.email}</strong> "."</p>
                    <p class="muted">
                        "To add a colleague to your organization, ask your partner manager for an invitation."
                    </p>
                </li>
            </ul>
        </section>
    }
    .into_any()
}
