//! The pages both front ends show alike: a person's own settings, and one report import. One
//! page per file.

mod account_security;
mod notifications;
mod report_import;

pub use account_security::AccountSecurityPage;
pub use notifications::NotificationsPage;
pub use report_import::ReportImportPage;
