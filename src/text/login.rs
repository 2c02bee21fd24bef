//! The sign-in page (`/login`); its shared words are in `common` and `sign_in`.

pub const SESSION_ENDED: &str = "Your session has ended. Sign in again to continue.";
pub const ENTER_PASSWORD: &str = "Enter your password.";
pub const FORGOT_PASSWORD: &str = "Forgot your password?";
pub const NEW_HERE: &str =
    "New here? Accounts are created from an invitation link: ask your partner manager for one.";
