//! Copying text, and the secrets the server shows once.

pub const COPIED: &str = "Copied.";
pub const COPY_REFUSED: &str = "Copying was not allowed: select the text and copy it by hand.";

// --- A secret shown once

/// `what` names the secret, e.g. "The new signing secret".
pub fn shown_only_once(what: &str) -> String {
    format!("{what} is shown only this once.")
}

pub const COPY_IT_NOW: &str =
    " Copy it now and keep it somewhere safe: it will not be shown again.";
pub const COPY_SECRET: &str = "Copy secret";
pub const COPIED_IT: &str = "I have copied it";
pub const CONFIRM_NEW_SECRET: &str = "Yes, make a new secret";
