//! The Portico single-page app: which page each route shows, the pages, and the components
//! only this app uses. What it shares with other front ends (API client, routes, session,
//! page frame, fields, formatting) comes from `portico-ui`.

pub mod components;
pub mod pages;

use leptos::prelude::*;

use components::nav::{UnreadCount, main_nav};
use pages::register::Channel;
use pages::{
    AcceptInvitationPage, AccountSecurityPage, AccountsPage, AnnouncementPage, ApprovalQueuePage,
    AssetPage, ContentDeskPage, ContentPage, ContentUsagePage, FeedPage, HomePage,
    IntegrationsPage, InvitationsPage, LoginPage, ManageAnnouncementPage, ManageAnnouncementsPage,
    ManageAssetPage, ManageRegistrationPage, MessagesPage, MyRegistrationPage, MyRegistrationsPage,
    NewAnnouncementPage, NewAssetPage, NotificationsPage, NumbersPage, OpportunityPage,
    PartnersPage, PipelinePage, ProductsPage, RegisterPage, SecuritySettingsPage, SetPasswordPage,
    SignInLinkPage, UnsubscribePage, UsersPage, WebhookEndpointPage,
};
use portico_ui::components::guard::{admin_only, any_role, partners, vendor_staff};
use portico_ui::components::{Layout, NotFound, RequireRole};
use portico_ui::location::Location;
use portico_ui::route::Route;
use portico_ui::session::Session;

#[component]
pub fn App() -> impl IntoView {
    let location = Location::provide();
    Session::provide();
    provide_context(UnreadCount(RwSignal::new(None)));
    let route = Memo::new(move |_| location.route());
    view! {
        <Layout nav=main_nav>
            {move || match route.get() {
                Route::Login => view! { <LoginPage /> }.into_any(),
                Route::AcceptInvitation { token } => {
                    view! { <AcceptInvitationPage token /> }.into_any()
                }
                Route::Home => {
                    view! { <RequireRole allow=any_role><HomePage /></RequireRole> }.into_any()
                }
                Route::Invitations => {
                    view! { <RequireRole allow=vendor_staff><InvitationsPage /></RequireRole> }
                        .into_any()
                }
                Route::Users => {
                    view! { <RequireRole allow=admin_only><UsersPage /></RequireRole> }.into_any()
                }
                Route::Register => {
                    view! { <RequireRole allow=partners><RegisterPage /></RequireRole> }.into_any()
                }
                Route::LinkRegistration { token } => {
                    view! { <RegisterPage channel=Channel::Link(token) /> }.into_any()
                }
                Route::Products => {
                    view! { <RequireRole allow=vendor_staff><ProductsPage /></RequireRole> }
                        .into_any()
                }
                Route::Accounts => {
                    view! { <RequireRole allow=vendor_staff><AccountsPage /></RequireRole> }
                        .into_any()
                }
                Route::MyRegistrations => {
                    view! { <RequireRole allow=partners><MyRegistrationsPage /></RequireRole> }
                        .into_any()
                }
                Route::MyRegistration { id } => {
                    view! { <RequireRole allow=partners><MyRegistrationPage id /></RequireRole> }
                        .into_any()
                }
                Route::ApprovalQueue => {
                    view! { <RequireRole allow=vendor_staff><ApprovalQueuePage /></RequireRole> }
                        .into_any()
                }
                Route::ManageRegistration { id } => {
                    view! {
                        <RequireRole allow=vendor_staff><ManageRegistrationPage id /></RequireRole>
                    }
                        .into_any()
                }
                Route::Pipeline => {
                    view! { <RequireRole allow=any_role><PipelinePage manager=false /></RequireRole> }
                        .into_any()
                }
                Route::ManagePipeline => {
                    view! {
                        <RequireRole allow=vendor_staff><PipelinePage manager=true /></RequireRole>
                    }
                        .into_any()
                }
                Route::Opportunity { id } => {
                    view! { <RequireRole allow=any_role><OpportunityPage id /></RequireRole> }
                        .into_any()
                }
                Route::Partners => {
                    view! { <RequireRole allow=vendor_staff><PartnersPage /></RequireRole> }
                        .into_any()
                }
                Route::Numbers => {
                    view! { <RequireRole allow=vendor_staff><NumbersPage /></RequireRole> }
                        .into_any()
                }
                Route::Content => {
                    view! { <RequireRole allow=any_role><ContentPage /></RequireRole> }.into_any()
                }
                Route::Asset { id } => {
                    view! { <RequireRole allow=any_role><AssetPage id /></RequireRole> }.into_any()
                }
                Route::ContentDesk => {
                    view! { <RequireRole allow=vendor_staff><ContentDeskPage /></RequireRole> }
                        .into_any()
                }
                Route::NewAsset => {
                    view! { <RequireRole allow=vendor_staff><NewAssetPage /></RequireRole> }
                        .into_any()
                }
                Route::ManageAsset { id } => {
                    view! { <RequireRole allow=vendor_staff><ManageAssetPage id /></RequireRole> }
                        .into_any()
                }
                Route::ContentUsage => {
                    view! { <RequireRole allow=vendor_staff><ContentUsagePage /></RequireRole> }
                        .into_any()
                }
                Route::Integrations => {
                    view! { <RequireRole allow=vendor_staff><IntegrationsPage /></RequireRole> }
                        .into_any()
                }
                Route::WebhookEndpoint { id } => {
                    view! {
                        <RequireRole allow=vendor_staff><WebhookEndpointPage id /></RequireRole>
                    }
                        .into_any()
                }
                Route::SignInLink { token } => view! { <SignInLinkPage token /> }.into_any(),
                Route::Feed => {
                    view! { <RequireRole allow=partners><FeedPage /></RequireRole> }.into_any()
                }
                Route::Announcement { id } => {
                    view! { <RequireRole allow=partners><AnnouncementPage id /></RequireRole> }
                        .into_any()
                }
                Route::ManageAnnouncements => {
                    view! {
                        <RequireRole allow=vendor_staff><ManageAnnouncementsPage /></RequireRole>
                    }
                        .into_any()
                }
                Route::NewAnnouncement => {
                    view! { <RequireRole allow=vendor_staff><NewAnnouncementPage /></RequireRole> }
                        .into_any()
                }
                Route::ManageAnnouncement { id } => {
                    view! {
                        <RequireRole allow=vendor_staff><ManageAnnouncementPage id /></RequireRole>
                    }
                        .into_any()
                }
                Route::Notifications => {
                    view! { <RequireRole allow=any_role><NotificationsPage /></RequireRole> }
                        .into_any()
                }
                Route::AccountSecurity => {
                    view! { <RequireRole allow=any_role><AccountSecurityPage /></RequireRole> }
                        .into_any()
                }
                Route::SetPassword => view! { <SetPasswordPage /> }.into_any(),
                Route::SecuritySettings => {
                    view! { <RequireRole allow=admin_only><SecuritySettingsPage /></RequireRole> }
                        .into_any()
                }
                Route::Unsubscribe => view! { <UnsubscribePage /> }.into_any(),
                Route::Messages => {
                    view! { <RequireRole allow=admin_only><MessagesPage /></RequireRole> }
                        .into_any()
                }
                Route::NotFound => view! { <NotFound /> }.into_any(),
            }}
        </Layout>
    }
}
