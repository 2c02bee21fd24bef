//! Password hashing with Argon2id (the crate's defaults follow the OWASP recommendation), and
//! what a new password must be.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use portico_api::validate;

use crate::domain::common_passwords;

/// A new password: the length rules the forms share, then not one attackers try first.
pub fn check_new(password: &str) -> Result<(), &'static str> {
    validate::new_password(password)?;
    common_passwords::check(password)
}

pub fn hash(password: &str) -> String {
    let mut bytes = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    let salt = SaltString::encode_b64(&bytes).expect("16 bytes is a valid salt length");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2 accepts any password with a generated salt")
        .to_string()
}

/// False for a wrong password and for a stored hash that cannot be read.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Spends the same work as a real check, so an unknown e-mail address takes as long to refuse
/// as a wrong password and timing does not reveal which addresses have accounts.
pub fn verify_against_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("not a real password"));
    let _ = verify(password, dummy);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_only_the_right_password() {
        let stored = hash("portico-demo");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("portico-demo", &stored));
        assert!(!verify("portico-demo ", &stored));
        assert!(!verify("portico-demo", "garbage"));
    }

    #[test]
    fn new_passwords_are_long_and_uncommon() {
        assert_eq!(check_new("short"), Err("Use at least 12 characters."));
        assert!(check_new("Password1234").is_err());
        assert_eq!(check_new("portico-demo"), Ok(()));
    }
}
