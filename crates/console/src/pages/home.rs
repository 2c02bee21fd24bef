//! The console's home page: who you are, and what you can do next with your role.

use leptos::prelude::*;
use portico_api::Role;
use portico_ui::route::Route;

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
    let invite = {
        let text = if role == Role::Admin {
            "Invite partner users, partner admins and vendor staff, and follow pending invitations."
        } else {
            "Invite partner users and partner admins to their organization, and follow pending invitations."
        };
        view! {
            <li class="card">
                <h3>
                    <a href=Route::Invitations.href()>"Invite people"</a>
                </h3>
                <p>{text}</p>
            </li>
        }
    };
    let users = (role == Role::Admin).then(|| {
        view! {
            <li class="card">
                <h3>
                    <a href=Route::Users.href()>"Manage users"</a>
                </h3>
                <p>"Change roles, and deactivate or reactivate accounts."</p>
            </li>
        }
    });
    let note = if role == Role::Admin {
        "You can change the role and status of every account except your own."
    } else {
        "Administrators can change your role or invite more vendor staff."
    };
    view! {
        <section class="page">
            <h1 id="welcome">"Welcome, " {me.user.name}</h1>
            <p class="lead">
                <span id="home-role" class="badge">
                    {role.label()}
                </span>
                <span class="org">"Vendor staff"</span>
            </p>
            <h2 class="section-title">"What you can do"</h2>
            <ul class="cards">
                {invite}
                {users}
                <li class="card">
                    <h3>"Your account"</h3>
                    <p>"You sign in as " <strong>{me.user.email}</strong> "."</p>
                    <p class="muted">{note}</p>
                </li>
            </ul>
        </section>
    }
    .into_any()
}
