//! Accepting an invitation (`/invite/:token`).

pub const TITLE: &str = "Accept your invitation";
pub const CHECKING: &str = "Checking your invitation…";

// --- A link that does not work
pub const GONE_HEADING: &str = "This invitation link does not work";
pub const GONE_EXPLANATION: &str = "It may have expired, been used already, or been replaced by a \
    newer invitation. Ask the person who invited you to send a new link.";
// These two form one sentence.
pub const HAVE_ACCOUNT_BEFORE_LINK: &str = "Already have an account? ";
pub const HAVE_ACCOUNT_LINK: &str = "Sign in";

// --- The form
pub const ENTER_PASSWORD_AGAIN: &str = "Enter the password again.";
pub const PASSWORDS_DIFFER: &str = "The two passwords are not the same.";
/// The organization of an invitation for the vendor's own staff.
pub const VENDOR_STAFF: &str = "Vendor staff";
pub const HEADING: &str = "Join Portico";
pub const INTRO: &str =
    "You have been invited to Portico. Choose your name and a password to create your account.";
pub const EMAIL: &str = "E-mail";
pub const ORGANIZATION: &str = "Organization";
pub const ROLE: &str = "Role";
pub const VALID_UNTIL: &str = "Link valid until";

pub fn signed_in_as(email: &str) -> String {
    format!(
        "You are signed in as {email}. Creating this account signs you in as the new account instead."
    )
}

pub const YOUR_NAME: &str = "Your name";
pub const PASSWORD_HINT: &str = "At least 12 characters. A few unrelated words make a strong one.";
pub const CONFIRM_PASSWORD: &str = "Confirm password";
pub const CREATE_ACCOUNT: &str = "Create account";
pub const CREATING_ACCOUNT: &str = "Creating your account…";
