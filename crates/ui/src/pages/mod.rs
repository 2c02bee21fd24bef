//! The pages both front ends show alike: a person's own settings. One page per file.

mod account_security;
mod notifications;

pub use account_security::AccountSecurityPage;
pub use notifications::NotificationsPage;
