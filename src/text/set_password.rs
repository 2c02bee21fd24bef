//! Setting a new password after a forgotten one (`/settings/password`).

pub const TITLE: &str = "Set a new password";
pub const LOADING_ACCOUNT: &str = "Loading your account…";

// --- Signed out
pub const FORGOT: &str = "Forgot your password? We e-mail you a sign-in link. It brings you back \
    here, signed in, to choose a new password within 15 minutes.";
pub const LINK_HEADING: &str = "E-mail me a sign-in link";

// --- Signed in, but not with a sign-in link a moment ago
// These three form one sentence around the link.
pub const UNAVAILABLE_BEFORE_LINK: &str = "A new password can be set without the current one only \
    within 15 minutes of signing in with a sign-in link. Change it with your current password on \
    the ";
pub const UNAVAILABLE_LINK: &str = "Account security";
pub const UNAVAILABLE_AFTER_LINK: &str = " page, or sign out and ask for a sign-in link.";

// --- The form
// These two form one sentence around the time.
pub const UNTIL_BEFORE_TIME: &str =
    "You signed in with a sign-in link. Choose a new password until ";
pub const UNTIL_AFTER_TIME: &str = ".";
pub const NEW_PASSWORD: &str = "New password";
pub const CONFIRM_NEW_PASSWORD: &str = "Confirm new password";
pub const SUBMIT: &str = "Set password";
pub const DONE: &str = "Your new password is set. You were signed out everywhere else.";
pub const GO_HOME: &str = "Go to the start page";
