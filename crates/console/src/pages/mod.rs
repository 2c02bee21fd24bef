//! The console's pages, one per file.

mod accounts;
mod approval_queue;
mod certifications;
mod channel_data;
mod content_usage;
mod home;
mod incentives;
mod integrations;
mod invitations;
mod ledger;
mod manage_announcements;
mod manage_content;
mod manage_opportunity;
mod manage_pipeline;
mod manage_registrations;
mod messages;
mod numbers;
mod onboarding;
mod partners;
mod payouts;
mod products;
mod security_settings;
mod tiers;
mod users;
mod webhook_endpoint;

pub use accounts::AccountsPage;
pub use approval_queue::ApprovalQueuePage;
pub use certifications::CertificationsPage;
pub use channel_data::{
    ChannelDataPage, ChannelImportPage, ChannelReviewPage, ChannelTransactionsPage,
};
pub use content_usage::ContentUsagePage;
pub use home::HomePage;
pub use incentives::IncentivesPage;
pub use integrations::IntegrationsPage;
pub use invitations::InvitationsPage;
pub use ledger::LedgerPage;
pub use manage_announcements::{
    ManageAnnouncementPage, ManageAnnouncementsPage, NewAnnouncementPage,
};
pub use manage_content::{ContentDeskPage, ManageAssetPage, NewAssetPage};
pub use manage_opportunity::ManageOpportunityPage;
pub use manage_pipeline::ManagePipelinePage;
pub use manage_registrations::ManageRegistrationPage;
pub use messages::MessagesPage;
pub use numbers::NumbersPage;
pub use onboarding::OnboardingPage;
pub use partners::PartnersPage;
pub use payouts::{PayoutBatchPage, PayoutsPage};
pub use products::ProductsPage;
pub use security_settings::SecuritySettingsPage;
pub use tiers::TiersPage;
pub use users::UsersPage;
pub use webhook_endpoint::WebhookEndpointPage;
