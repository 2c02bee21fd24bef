//! Words several pages of the portal share.

pub const LOADING: &str = "Loading…";
pub const SENDING: &str = "Sending…";
pub const SAVING: &str = "Saving…";

// --- Signing in
pub const SIGN_IN: &str = "Sign in";
pub const SIGNING_IN: &str = "Signing in…";
pub const SIGN_IN_TO_PORTICO: &str = "Sign in to Portico";
pub const EMAIL_ADDRESS: &str = "E-mail address";
pub const PASSWORD: &str = "Password";
