//! One page per file.

mod accept_invitation;
mod home;
mod invitations;
mod login;
mod not_found;
mod users;

pub use accept_invitation::AcceptInvitationPage;
pub use home::HomePage;
pub use invitations::InvitationsPage;
pub use login::LoginPage;
pub use not_found::NotFound;
pub use users::UsersPage;
