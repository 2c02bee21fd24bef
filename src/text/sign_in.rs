//! The sign-in forms the sign-in pages share: the second factor, and the request for a
//! sign-in link by e-mail.

// --- The second factor
pub const SECOND_FACTOR_ENDED: &str =
    "This sign-in step has ended (it waits 5 minutes). Start again.";
pub const SECOND_FACTOR_HEADING: &str = "Two-factor sign-in";
pub const SECOND_FACTOR_INTRO: &str = "Enter the 6-digit code your authenticator app shows for \
    Portico. Lost your phone? Enter one of your recovery codes instead.";
pub const CODE: &str = "Code";
pub const VERIFY: &str = "Verify and sign in";
pub const CHECKING: &str = "Checking…";
// These two form one sentence: a button, then the note after it.
pub const START_AGAIN: &str = "Start again";
pub const START_AGAIN_AFTER_BUTTON: &str = " (the step waits 5 minutes)";

// --- A sign-in link by e-mail
pub const LINK_HEADING: &str = "No password at hand?";
pub const SEND_LINK: &str = "E-mail me a sign-in link";
