//! The page a sign-in e-mail links to (`/sign-in/:token`).

pub const LINK_GONE: &str =
    "This sign-in link has been used or has expired. Ask for a new one on the sign-in page.";
pub const READY: &str = "Your sign-in link is ready. It works once.";
pub const GO_TO_SIGN_IN: &str = "Go to the sign-in page";
