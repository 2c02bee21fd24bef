//! The Portico partner portal: the single-page app partners use, and every signed-out page
//! (sign-in, invitations, links from e-mails). Which page each route shows, the pages, and the
//! components only the portal uses; what it shares with the manager console comes from
//! `portico-ui`. Vendor staff opening a partner page are sent to the console's page for it.

pub mod components;
pub mod pages;

use leptos::prelude::*;

use components::nav::{UnreadCount, main_nav};
use pages::register::Channel;
use pages::{
    AcceptInvitationPage, AnnouncementPage, AssetPage, ContentPage, FeedPage, HomePage, LoginPage,
    MyRegistrationPage, MyRegistrationsPage, OpportunityPage, PipelinePage, RegisterPage,
    SetPasswordPage, SignInLinkPage, UnsubscribePage,
};
use portico_ui::components::guard::partners;
use portico_ui::components::{Layout, NotFound, RequireRole};
use portico_ui::location::Location;
use portico_ui::pages::{AccountSecurityPage, NotificationsPage};
use portico_ui::route::{App as Front, Route};
use portico_ui::session::Session;

#[component]
pub fn App() -> impl IntoView {
    let location = Location::provide(Front::Portal);
    Session::provide();
    provide_context(UnreadCount(RwSignal::new(None)));
    let route = Memo::new(move |_| location.route());
    view! {
        <Layout nav=main_nav>
            {move || {
                let route = route.get();
                match open_page(&route) {
                    Some(page) => page,
                    None => view! { <RequireRole allow=partners>{partner_page(route.clone())}</RequireRole> }
                        .into_any(),
                }
            }}
        </Layout>
    }
}

/// The pages anyone may open, signed in or not: signing in, links from e-mails, and the
/// answer for an address that names no page.
fn open_page(route: &Route) -> Option<AnyView> {
    Some(match route.clone() {
        Route::Login => view! { <LoginPage /> }.into_any(),
        Route::AcceptInvitation { token } => view! { <AcceptInvitationPage token /> }.into_any(),
        Route::LinkRegistration { token } => {
            view! { <RegisterPage channel=Channel::Link(token) /> }.into_any()
        }
        Route::SignInLink { token } => view! { <SignInLinkPage token /> }.into_any(),
        Route::SetPassword => view! { <SetPasswordPage /> }.into_any(),
        Route::Unsubscribe => view! { <UnsubscribePage /> }.into_any(),
        Route::NotFound => view! { <NotFound /> }.into_any(),
        _ => return None,
    })
}

/// The signed-in partner's page for `route`; the console's routes name no page here.
fn partner_page(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <HomePage /> }.into_any(),
        Route::Register => view! { <RegisterPage /> }.into_any(),
        Route::MyRegistrations => view! { <MyRegistrationsPage /> }.into_any(),
        Route::MyRegistration { id } => view! { <MyRegistrationPage id /> }.into_any(),
        Route::Pipeline => view! { <PipelinePage /> }.into_any(),
        Route::Opportunity { id } => view! { <OpportunityPage id /> }.into_any(),
        Route::Content => view! { <ContentPage /> }.into_any(),
        Route::Asset { id } => view! { <AssetPage id /> }.into_any(),
        Route::Feed => view! { <FeedPage /> }.into_any(),
        Route::Announcement { id } => view! { <AnnouncementPage id /> }.into_any(),
        Route::Notifications => view! { <NotificationsPage /> }.into_any(),
        Route::AccountSecurity => view! { <AccountSecurityPage /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}
