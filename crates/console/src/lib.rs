//! The Portico manager console: the single-page app vendor staff use, under `/manage`. Which
//! page each route shows, the pages, and the components only the console uses; what it shares
//! with the partner portal comes from `portico-ui`. A route of the portal is a page load away.

pub mod components;
pub mod pages;

use leptos::prelude::*;

use components::nav::main_nav;
use pages::{
    AccountsPage, ApprovalQueuePage, ContentDeskPage, ContentUsagePage, HomePage, IntegrationsPage,
    InvitationsPage, ManageAnnouncementPage, ManageAnnouncementsPage, ManageAssetPage,
    ManageOpportunityPage, ManagePipelinePage, ManageRegistrationPage, MessagesPage,
    NewAnnouncementPage, NewAssetPage, NumbersPage, PartnersPage, ProductsPage,
    SecuritySettingsPage, UsersPage, WebhookEndpointPage,
};
use portico_ui::components::guard::{admin_only, vendor_staff};
use portico_ui::components::{Layout, NotFound, RequireRole};
use portico_ui::location::Location;
use portico_ui::pages::{AccountSecurityPage, NotificationsPage};
use portico_ui::route::{App as Front, Route};
use portico_ui::session::Session;

#[component]
pub fn App() -> impl IntoView {
    let location = Location::provide(Front::Console);
    Session::provide();
    let route = Memo::new(move |_| location.route());
    view! {
        <Layout nav=main_nav>
            {move || {
                let route = route.get();
                let allow = if matches!(
                    route,
                    Route::Users | Route::Messages | Route::SecuritySettings
                ) {
                    admin_only
                } else {
                    vendor_staff
                };
                view! { <RequireRole allow>{page(route.clone())}</RequireRole> }
            }}
        </Layout>
    }
}

/// The console's page for `route`; the portal's routes name no page here.
fn page(route: Route) -> AnyView {
    match route {
        Route::ManageHome => view! { <HomePage /> }.into_any(),
        Route::Invitations => view! { <InvitationsPage /> }.into_any(),
        Route::Users => view! { <UsersPage /> }.into_any(),
        Route::Products => view! { <ProductsPage /> }.into_any(),
        Route::Accounts => view! { <AccountsPage /> }.into_any(),
        Route::ApprovalQueue => view! { <ApprovalQueuePage /> }.into_any(),
        Route::ManageRegistration { id } => view! { <ManageRegistrationPage id /> }.into_any(),
        Route::ManagePipeline => view! { <ManagePipelinePage /> }.into_any(),
        Route::ManageOpportunity { id } => view! { <ManageOpportunityPage id /> }.into_any(),
        Route::Partners => view! { <PartnersPage /> }.into_any(),
        Route::Numbers => view! { <NumbersPage /> }.into_any(),
        Route::ContentDesk => view! { <ContentDeskPage /> }.into_any(),
        Route::NewAsset => view! { <NewAssetPage /> }.into_any(),
        Route::ManageAsset { id } => view! { <ManageAssetPage id /> }.into_any(),
        Route::ContentUsage => view! { <ContentUsagePage /> }.into_any(),
        Route::Integrations => view! { <IntegrationsPage /> }.into_any(),
        Route::WebhookEndpoint { id } => view! { <WebhookEndpointPage id /> }.into_any(),
        Route::ManageAnnouncements => view! { <ManageAnnouncementsPage /> }.into_any(),
        Route::NewAnnouncement => view! { <NewAnnouncementPage /> }.into_any(),
        Route::ManageAnnouncement { id } => view! { <ManageAnnouncementPage id /> }.into_any(),
        Route::ManageNotifications => view! { <NotificationsPage /> }.into_any(),
        Route::ManageAccountSecurity => view! { <AccountSecurityPage /> }.into_any(),
        Route::SecuritySettings => view! { <SecuritySettingsPage /> }.into_any(),
        Route::Messages => view! { <MessagesPage /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}
