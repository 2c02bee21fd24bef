//! The Portico partner portal: the single-page app partners use, and every signed-out page
//! (sign-in, invitations, links from e-mails). Which page each route shows, the pages, and the
//! components only the portal uses; what it shares with the manager console comes from
//! `portico-ui`. Vendor staff opening a partner page are sent to the console's page for it.

pub mod components;
pub mod pages;
pub mod text;

use leptos::prelude::*;

use components::nav::{UnreadCount, main_nav};
use pages::register::Channel;
use pages::{
    AcceptInvitationPage, AnnouncementPage, AssetPage, ContentPage, EarningsPage, FeedPage,
    HomePage, LoginPage, MyRegistrationPage, MyRegistrationsPage, OpportunityPage, PayeePage,
    PipelinePage, RegisterPage, SalesReportPage, SalesReportsPage, SetPasswordPage, SignInLinkPage,
    UnsubscribePage,
};
use portico_ui::components::guard::partners;
use portico_ui::components::{Layout, NotFound, RequireRole};
use portico_ui::lazy::lazy_page;
use portico_ui::lazy_pages;
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
        Route::AcceptInvitation { token } => lazy_page(accept_invitation(token)),
        Route::LinkRegistration { token } => lazy_page(register(Channel::Link(token))),
        Route::SignInLink { token } => lazy_page(sign_in_link(token)),
        Route::SetPassword => lazy_page(set_password()),
        Route::Unsubscribe => lazy_page(unsubscribe()),
        Route::NotFound => view! { <NotFound /> }.into_any(),
        _ => return None,
    })
}

/// The signed-in partner's page for `route`; the console's routes name no page here.
fn partner_page(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <HomePage /> }.into_any(),
        Route::Register => lazy_page(register(Channel::Portal)),
        Route::MyRegistrations => lazy_page(my_registrations()),
        Route::MyRegistration { id } => lazy_page(my_registration(id)),
        Route::Pipeline => lazy_page(pipeline()),
        Route::Opportunity { id } => lazy_page(opportunity(id)),
        Route::Content => lazy_page(content()),
        Route::Asset { id } => lazy_page(asset(id)),
        Route::Earnings => lazy_page(earnings()),
        Route::Payee => lazy_page(payee()),
        Route::SalesReports => lazy_page(sales_reports()),
        Route::SalesReport { id } => lazy_page(sales_report(id)),
        Route::Feed => lazy_page(feed()),
        Route::Announcement { id } => lazy_page(announcement(id)),
        Route::Notifications => lazy_page(notifications()),
        Route::AccountSecurity => lazy_page(account_security()),
        _ => view! { <NotFound /> }.into_any(),
    }
}

// Every page but the two people land on (sign-in and home) and "Page not found" is loaded when
// first opened.
lazy_pages! {
    accept_invitation(token: String) => view! { <AcceptInvitationPage token /> };
    register(channel: Channel) => view! { <RegisterPage channel /> };
    sign_in_link(token: String) => view! { <SignInLinkPage token /> };
    set_password() => view! { <SetPasswordPage /> };
    unsubscribe() => view! { <UnsubscribePage /> };
    my_registrations() => view! { <MyRegistrationsPage /> };
    my_registration(id: i64) => view! { <MyRegistrationPage id /> };
    pipeline() => view! { <PipelinePage /> };
    opportunity(id: i64) => view! { <OpportunityPage id /> };
    content() => view! { <ContentPage /> };
    asset(id: i64) => view! { <AssetPage id /> };
    earnings() => view! { <EarningsPage /> };
    payee() => view! { <PayeePage /> };
    sales_reports() => view! { <SalesReportsPage /> };
    sales_report(id: i64) => view! { <SalesReportPage id /> };
    feed() => view! { <FeedPage /> };
    announcement(id: i64) => view! { <AnnouncementPage id /> };
    notifications() => view! { <NotificationsPage /> };
    account_security() => view! { <AccountSecurityPage /> };
}
