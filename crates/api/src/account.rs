//! The signed-in person's own account security: their password, two-factor sign-in with an
//! authenticator app (TOTP) and recovery codes, and the portal's setting that requires it of
//! vendor staff. No response here carries a secret the server already holds, except the
//! setup answer and the recovery codes, each shown once.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::validate::{self, Fields};

/// Recovery codes are this many letters and digits (RFC 4648 base32), shown as two groups of
/// five: `abcde-23456`.
pub const RECOVERY_CODE_LEN: usize = 10;

/// `POST /api/account/password`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    pub current_password: String,
    pub new_password: String,
}

impl ChangePassword {
    /// The server also refuses the most common passwords, a list too large to ship here.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        if self.current_password.is_empty() {
            f.add("current_password", "Enter your current password.");
        }
        f.check("new_password", validate::new_password(&self.new_password));
        if !self.new_password.is_empty() && self.new_password == self.current_password {
            f.add(
                "new_password",
                "Choose a password different from the current one.",
            );
        }
        f.finish()
    }
}

/// `POST /api/account/password/set`: a new password without the current one, allowed only
/// shortly after signing in with a sign-in link (the way back from a forgotten password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPassword {
    pub new_password: String,
}

impl SetPassword {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        f.check("new_password", validate::new_password(&self.new_password));
        f.finish()
    }
}

/// `GET /api/account/security`: where the signed-in person stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountSecurity {
    pub two_factor_enabled: bool,
    /// Unused recovery codes; 0 while two-factor sign-in is off.
    pub recovery_codes_left: u32,
    /// The portal requires two-factor sign-in of this vendor staff member, who has not set it
    /// up yet: until they do, setting it up and signing out are all they can do.
    pub two_factor_setup_required: bool,
    /// Until when (RFC 3339) this session, started by a sign-in link, may set a password
    /// without the current one; absent otherwise.
    pub set_password_until: Option<String>,
}

/// `POST /api/account/two-factor/setup`: a new secret, used only once a code from it is
/// confirmed. Shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorSetup {
    /// Base32, for typing into an authenticator app.
    pub secret: String,
    pub otpauth_uri: String,
    /// The URI as a QR code: an SVG image in a `data:` URI.
    pub qr_code: String,
}

/// `POST /api/account/two-factor/confirm`: a code from the app proves it holds the secret;
/// the password proves the person at the keyboard owns the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConfirmTwoFactor {
    pub code: String,
    pub password: String,
}

impl ConfirmTwoFactor {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        f.check("code", totp_code(&self.code));
        if self.password.is_empty() {
            f.add("password", "Enter your password.");
        }
        f.finish()
    }
}

/// The recovery codes, shown once: each signs in once instead of a code from the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// `POST /api/account/two-factor/disable`: with the password or a current code from the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DisableTwoFactor {
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
}

impl DisableTwoFactor {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        match (self.password.as_deref(), self.code.as_deref()) {
            (Some(p), _) if !p.is_empty() => {}
            (_, Some(code)) if !code.trim().is_empty() => f.check("code", totp_code(code)),
            _ => f.add("password", "Enter your password or a code from your app."),
        }
        f.finish()
    }
}

/// `GET` and `PUT /api/settings/security`: portal-wide, for administrators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SecuritySettings {
    /// Managers and administrators must sign in with two factors.
    pub vendor_two_factor_required: bool,
}

/// What someone typed at the second step of signing in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInCode {
    /// Six digits from the authenticator app.
    App(String),
    /// A recovery code, lower-case, without its dash.
    Recovery(String),
}

impl SignInCode {
    /// Reads either kind, ignoring spaces, dashes and case.
    pub fn parse(input: &str) -> Result<SignInCode, &'static str> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_lowercase();
        if compact.is_empty() {
            return Err("Enter the code from your app or a recovery code.");
        }
        if compact.len() == 6 && compact.chars().all(|c| c.is_ascii_digit()) {
            return Ok(SignInCode::App(compact));
        }
        let base32 = |c: char| c.is_ascii_lowercase() || ('2'..='7').contains(&c);
        if compact.len() == RECOVERY_CODE_LEN && compact.chars().all(base32) {
            return Ok(SignInCode::Recovery(compact));
        }
        Err("Enter the 6-digit code from your app, or a recovery code like abcde-23456.")
    }
}

/// Six digits from an authenticator app, spaces ignored.
pub fn totp_code(input: &str) -> Result<String, &'static str> {
    match SignInCode::parse(input) {
        Ok(SignInCode::App(code)) => Ok(code),
        _ => Err("Enter the 6-digit code your authenticator app shows."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_however_they_are_typed() {
        assert_eq!(
            SignInCode::parse(" 123 456 "),
            Ok(SignInCode::App("123456".into()))
        );
        assert_eq!(
            SignInCode::parse("ABCDE-23456"),
            Ok(SignInCode::Recovery("abcde23456".into()))
        );
        for bad in [
            "",
            "12345",
            "1234567",
            "abcde-2345",
            "abcde-23458",
            "12345a",
        ] {
            assert!(SignInCode::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(totp_code("654 321"), Ok("654321".into()));
        assert!(totp_code("abcde-23456").is_err());
    }

    #[test]
    fn a_new_password_differs_from_the_current_one() {
        let same = ChangePassword {
            current_password: "long enough words".into(),
            new_password: "long enough words".into(),
        };
        assert!(same.validate().unwrap_err().contains_key("new_password"));
        let missing = ChangePassword {
            current_password: String::new(),
            new_password: "short".into(),
        };
        let errors = missing.validate().unwrap_err();
        assert!(errors.contains_key("current_password") && errors.contains_key("new_password"));
    }

    #[test]
    fn turning_off_needs_one_proof() {
        let none = DisableTwoFactor {
            password: None,
            code: Some(" ".into()),
        };
        assert!(none.validate().unwrap_err().contains_key("password"));
        let code = DisableTwoFactor {
            password: None,
            code: Some("12".into()),
        };
        assert!(code.validate().unwrap_err().contains_key("code"));
        let password = DisableTwoFactor {
            password: Some("x".into()),
            code: None,
        };
        assert_eq!(password.validate(), Ok(()));
    }
}
