//! The Portico manager console: the single-page app vendor staff use, under `/manage`. Which
//! page each route shows, the pages, and the components only the console uses; what it shares
//! with the partner portal comes from `portico-ui`. A route of the portal is a page load away.

pub mod components;
pub mod pages;
pub mod text;

use leptos::prelude::*;

use components::nav::main_nav;
use pages::{
    AccountsPage, ApprovalQueuePage, CertificationsPage, ChannelDataPage, ChannelImportPage,
    ChannelReviewPage, ChannelTransactionsPage, ContentDeskPage, ContentUsagePage, HomePage,
    IncentivesPage, IntegrationsPage, InvitationsPage, LedgerPage, ManageAnnouncementPage,
    ManageAnnouncementsPage, ManageAssetPage, ManageOpportunityPage, ManagePipelinePage,
    ManageRegistrationPage, MessagesPage, NewAnnouncementPage, NewAssetPage, NumbersPage,
    OnboardingPage, PartnersPage, PayoutBatchPage, PayoutsPage, ProductsPage, SecuritySettingsPage,
    TiersPage, UsersPage, WebhookEndpointPage,
};
use portico_ui::components::guard::{admin_only, vendor_staff};
use portico_ui::components::{Layout, NotFound, RequireRole};
use portico_ui::lazy::lazy_page;
use portico_ui::lazy_pages;
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
        Route::Invitations => lazy_page(invitations()),
        Route::Users => lazy_page(users()),
        Route::Products => lazy_page(products()),
        Route::Accounts => lazy_page(accounts()),
        Route::ApprovalQueue => lazy_page(approval_queue()),
        Route::ManageRegistration { id } => lazy_page(manage_registration(id)),
        Route::ManagePipeline => lazy_page(manage_pipeline()),
        Route::ManageOpportunity { id } => lazy_page(manage_opportunity(id)),
        Route::Partners => lazy_page(partners()),
        Route::Tiers => lazy_page(tiers()),
        Route::Certifications => lazy_page(certifications()),
        Route::Onboarding => lazy_page(onboarding()),
        Route::Numbers => lazy_page(numbers()),
        Route::Incentives => lazy_page(incentives()),
        Route::Ledger => lazy_page(ledger()),
        Route::Payouts => lazy_page(payouts()),
        Route::PayoutBatch { id } => lazy_page(payout_batch(id)),
        Route::ChannelData => lazy_page(channel_data()),
        Route::ChannelImport { id } => lazy_page(channel_import(id)),
        Route::ChannelReview => lazy_page(channel_review()),
        Route::ChannelTransactions => lazy_page(channel_transactions()),
        Route::ContentDesk => lazy_page(content_desk()),
        Route::NewAsset => lazy_page(new_asset()),
        Route::ManageAsset { id } => lazy_page(manage_asset(id)),
        Route::ContentUsage => lazy_page(content_usage()),
        Route::Integrations => lazy_page(integrations()),
        Route::WebhookEndpoint { id } => lazy_page(webhook_endpoint(id)),
        Route::ManageAnnouncements => lazy_page(manage_announcements()),
        Route::NewAnnouncement => lazy_page(new_announcement()),
        Route::ManageAnnouncement { id } => lazy_page(manage_announcement(id)),
        Route::ManageNotifications => lazy_page(notifications()),
        Route::ManageAccountSecurity => lazy_page(account_security()),
        Route::SecuritySettings => lazy_page(security_settings()),
        Route::Messages => lazy_page(messages()),
        _ => view! { <NotFound /> }.into_any(),
    }
}

// Every page but the home page, where vendor staff land, is loaded when first opened.
lazy_pages! {
    invitations() => view! { <InvitationsPage /> };
    users() => view! { <UsersPage /> };
    products() => view! { <ProductsPage /> };
    accounts() => view! { <AccountsPage /> };
    approval_queue() => view! { <ApprovalQueuePage /> };
    manage_registration(id: i64) => view! { <ManageRegistrationPage id /> };
    manage_pipeline() => view! { <ManagePipelinePage /> };
    manage_opportunity(id: i64) => view! { <ManageOpportunityPage id /> };
    partners() => view! { <PartnersPage /> };
    tiers() => view! { <TiersPage /> };
    certifications() => view! { <CertificationsPage /> };
    onboarding() => view! { <OnboardingPage /> };
    numbers() => view! { <NumbersPage /> };
    incentives() => view! { <IncentivesPage /> };
    ledger() => view! { <LedgerPage /> };
    payouts() => view! { <PayoutsPage /> };
    payout_batch(id: i64) => view! { <PayoutBatchPage id /> };
    channel_data() => view! { <ChannelDataPage /> };
    channel_import(id: i64) => view! { <ChannelImportPage id /> };
    channel_review() => view! { <ChannelReviewPage /> };
    channel_transactions() => view! { <ChannelTransactionsPage /> };
    content_desk() => view! { <ContentDeskPage /> };
    new_asset() => view! { <NewAssetPage /> };
    manage_asset(id: i64) => view! { <ManageAssetPage id /> };
    content_usage() => view! { <ContentUsagePage /> };
    integrations() => view! { <IntegrationsPage /> };
    webhook_endpoint(id: i64) => view! { <WebhookEndpointPage id /> };
    manage_announcements() => view! { <ManageAnnouncementsPage /> };
    new_announcement() => view! { <NewAnnouncementPage /> };
    manage_announcement(id: i64) => view! { <ManageAnnouncementPage id /> };
    notifications() => view! { <NotificationsPage /> };
    account_security() => view! { <AccountSecurityPage /> };
    security_settings() => view! { <SecuritySettingsPage /> };
    messages() => view! { <MessagesPage /> };
}
