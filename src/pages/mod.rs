//! One page per file.

mod accept_invitation;
mod accounts;
pub mod announcements;
mod asset;
mod content;
mod content_usage;
mod home;
mod integrations;
mod invitations;
mod login;
mod manage_announcements;
pub mod manage_content;
mod manage_registrations;
mod messages;
mod not_found;
mod notifications;
mod numbers;
mod opportunity;
mod partners;
mod pipeline;
mod products;
pub mod register;
mod registrations;
mod sign_in_link;
mod unsubscribe;
mod users;
mod webhook_endpoint;

pub use accept_invitation::AcceptInvitationPage;
pub use accounts::AccountsPage;
pub use announcements::{AnnouncementPage, FeedPage};
pub use asset::AssetPage;
pub use content::ContentPage;
pub use content_usage::ContentUsagePage;
pub use home::HomePage;
pub use integrations::IntegrationsPage;
pub use invitations::InvitationsPage;
pub use login::LoginPage;
pub use manage_announcements::{
    ManageAnnouncementPage, ManageAnnouncementsPage, NewAnnouncementPage,
};
pub use manage_content::{ContentDeskPage, ManageAssetPage, NewAssetPage};
pub use manage_registrations::{ApprovalQueuePage, ManageRegistrationPage};
pub use messages::MessagesPage;
pub use not_found::NotFound;
pub use notifications::NotificationsPage;
pub use numbers::NumbersPage;
pub use opportunity::OpportunityPage;
pub use partners::PartnersPage;
pub use pipeline::PipelinePage;
pub use products::ProductsPage;
pub use register::RegisterPage;
pub use registrations::{MyRegistrationPage, MyRegistrationsPage};
pub use sign_in_link::SignInLinkPage;
pub use unsubscribe::UnsubscribePage;
pub use users::UsersPage;
pub use webhook_endpoint::WebhookEndpointPage;
