//! One-time recovery codes, for when the authenticator app is lost: ten per user, shown once,
//! each signing in once instead of a code from the app.

use portico_api::account::RECOVERY_CODE_LEN;

pub const COUNT: usize = 10;
const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// Fresh codes as people see them, `abcde-23456`: 50 random bits each.
pub fn generate() -> Vec<String> {
    (0..COUNT).map(|_| one()).collect()
}

fn one() -> String {
    let mut bytes = [0u8; RECOVERY_CODE_LEN];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    let letters: String = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(b & 31)] as char)
        .collect();
    format!("{}-{}", &letters[..5], &letters[5..])
}

#[cfg(test)]
mod tests {
    use portico_api::account::SignInCode;

    use super::*;

    #[test]
    fn codes_are_distinct_and_read_back_as_recovery_codes() {
        let codes = generate();
        assert_eq!(codes.len(), COUNT);
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), COUNT);
        for code in &codes {
            assert_eq!(code.len(), 11, "{code}");
            let compact = code.replace('-', "");
            assert_eq!(SignInCode::parse(code), Ok(SignInCode::Recovery(compact)));
        }
    }
}
