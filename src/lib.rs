//! The Portico single-page app: routes, the typed API client, pages and components. It talks
//! to the server only through `/api` with the types of `portico-api`, and holds no secrets: the
//! session lives in an HttpOnly cookie the app never sees.

pub mod api;
pub mod components;
pub mod pages;
pub mod session;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::guard::{admin_only, any_role, vendor_staff};
use components::{Layout, RequireRole};
use pages::{AcceptInvitationPage, HomePage, InvitationsPage, LoginPage, NotFound, UsersPage};
use session::Session;

#[component]
pub fn App() -> impl IntoView {
    Session::provide();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/invite/:token") view=AcceptInvitationPage />
                    <Route
                        path=path!("/")
                        view=|| view! { <RequireRole allow=any_role><HomePage /></RequireRole> }
                    />
                    <Route
                        path=path!("/manage/invitations")
                        view=|| view! { <RequireRole allow=vendor_staff><InvitationsPage /></RequireRole> }
                    />
                    <Route
                        path=path!("/admin/users")
                        view=|| view! { <RequireRole allow=admin_only><UsersPage /></RequireRole> }
                    />
                </Routes>
            </Layout>
        </Router>
    }
}
