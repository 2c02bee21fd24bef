//! The partner portal's pages, one per file; the signed-out pages (sign-in, invitations, links
//! from e-mails) are here too, for everyone.

mod accept_invitation;
mod announcements;
mod asset;
mod content;
mod earnings;
mod home;
mod login;
mod opportunity;
mod payee;
mod pipeline;
pub mod register;
mod registration;
mod registrations;
mod sales_report;
mod sales_reports;
mod set_password;
mod sign_in_link;
mod unsubscribe;

pub use accept_invitation::AcceptInvitationPage;
pub use announcements::{AnnouncementPage, FeedPage};
pub use asset::AssetPage;
pub use content::ContentPage;
pub use earnings::EarningsPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use opportunity::OpportunityPage;
pub use payee::PayeePage;
pub use pipeline::PipelinePage;
pub use register::RegisterPage;
pub use registration::MyRegistrationPage;
pub use registrations::MyRegistrationsPage;
pub use sales_report::SalesReportPage;
pub use sales_reports::SalesReportsPage;
pub use set_password::SetPasswordPage;
pub use sign_in_link::SignInLinkPage;
pub use unsubscribe::UnsubscribePage;
