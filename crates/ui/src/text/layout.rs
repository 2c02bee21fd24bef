//! The frame around every page: the header, the account links, the guards' and the lazy
//! pages' waiting lines, and "Page not found".

pub const SKIP_TO_MAIN: &str = "Skip to main content";
pub const MENU: &str = "Menu";
pub const MAIN_NAV: &str = "Main";
pub const SIGNED_IN_AS: &str = "Signed in as ";
pub const NOTIFICATIONS: &str = "Notifications";
pub const ACCOUNT_SECURITY: &str = "Account security";
pub const SIGN_OUT: &str = "Sign out";
pub const SIGNING_OUT: &str = "Signing out…";

pub fn could_not_sign_out(reason: &str) -> String {
    format!("Could not sign out: {reason}")
}

pub const LOADING_ACCOUNT: &str = "Loading your account…";

// --- A page whose code is downloaded when first opened

pub const LOADING_PAGE: &str = "Loading the page…";
pub const UNLOADED_TITLE: &str = "This page could not be loaded";
pub const UNLOADED: &str =
    "Its code did not download. Check your connection, then reload the page.";

// --- Page not found

pub const NOT_FOUND_TITLE: &str = "Page not found";
pub const NOT_FOUND: &str =
    "There is no page at this address. Check the address, or start again from the home page.";
pub const GO_HOME: &str = "Go to the home page";
pub const GO_SIGN_IN: &str = "Go to sign in";
