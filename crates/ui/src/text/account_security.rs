//! `/settings/security`: the person's password and two-factor sign-in.

pub const TITLE: &str = "Account security";
pub const LOADING: &str = "Loading your account security…";
pub const TWO_FACTOR_REQUIRED: &str = "Your portal requires two-factor sign-in for managers and \
                                       administrators. Set it up below to go on using Portico.";

// These pieces form one sentence, with a time and a link in it: "You signed in with a sign-in
// link, so until <time> you can <set a new password> without the current one."
pub const SIGN_IN_LINK_UNTIL: &str = "You signed in with a sign-in link, so until ";
pub const SIGN_IN_LINK_YOU_CAN: &str = " you can ";
pub const SIGN_IN_LINK_LINK: &str = "set a new password";
pub const SIGN_IN_LINK_AFTER_LINK: &str = " without the current one.";

// --- Two-factor sign-in

pub const TWO_FACTOR: &str = "Two-factor sign-in";
pub const SAVE_CODES_NOW: &str = "Save these recovery codes now.";
pub const CODES_SHOWN_ONCE: &str = " If you lose your phone, each of them signs you in once \
                                    instead of a code. They are shown only this once: copy them \
                                    to a password manager or print them.";
pub const COPY_CODES: &str = "Copy codes";
pub const SAVED_CODES: &str = "I have saved them";

pub const ENTER_PASSWORD_OR_CODE: &str = "Enter your password or a code from your app.";
pub const TWO_FACTOR_ON: &str =
    "Two-factor sign-in is on: signing in asks for a code from your authenticator app. ";

pub fn recovery_codes_left(left: u32) -> String {
    format!("{left} of 10 recovery codes left.")
}

pub const PASSWORD_OR_CODE: &str = "Your password, or a code from your app";
pub const TURN_OFF: &str = "Turn off two-factor sign-in";
pub const TURNING_OFF: &str = "Turning off…";

pub const START_AGAIN: &str = "Start again with a new key";
pub const SET_UP: &str = "Set up two-factor sign-in";
pub const TWO_FACTOR_OFF: &str = "Two-factor sign-in is off. With it on, signing in also asks \
                                  for a code from an authenticator app on your phone (such as \
                                  Google Authenticator, Microsoft Authenticator or 1Password), so \
                                  a stolen password alone is not enough.";
pub const PREPARING: &str = "Preparing…";

pub const ENTER_PASSWORD: &str = "Enter your password.";
pub const SCAN_QR: &str = "Scan this QR code with your authenticator app:";
pub const QR_ALT: &str = "QR code that adds Portico to an authenticator app";
pub const TYPE_KEY: &str = "Or type this key into the app:";
pub const COPY_KEY: &str = "Copy key";
pub const ENTER_CODE: &str = "Enter the code the app shows, and your password, to turn it on.";
pub const CODE: &str = "Code from the app";
pub const YOUR_PASSWORD: &str = "Your password";
pub const TURN_ON: &str = "Turn on two-factor sign-in";
pub const TURNING_ON: &str = "Turning on…";

// --- Password

pub const PASSWORD: &str = "Password";
pub const ENTER_CURRENT_PASSWORD: &str = "Enter your current password.";
pub const PASSWORD_CHANGED: &str = "Your password is changed. You were signed out everywhere else.";
pub const CURRENT_PASSWORD: &str = "Current password";
pub const NEW_PASSWORD: &str = "New password";
pub const CONFIRM_NEW_PASSWORD: &str = "Confirm new password";
pub const CHANGE_PASSWORD: &str = "Change password";
pub const CHANGING: &str = "Changing…";

// These three form one sentence: "Forgot it? <Set a new one with a sign-in link>."
pub const FORGOT_BEFORE_LINK: &str = "Forgot it? ";
pub const FORGOT_LINK: &str = "Set a new one with a sign-in link";
pub const FORGOT_AFTER_LINK: &str = ".";
