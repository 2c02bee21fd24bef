//! Bearer secrets (session cookies, invitation links) and how they are kept: only a keyed hash
//! is stored, so a copy of the database alone neither reveals nor verifies a token.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// 256 random bits, URL-safe.
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Hashes tokens with the server's secret key.
#[derive(Clone)]
pub struct TokenHasher {
    key: Vec<u8>,
}

impl TokenHasher {
    pub fn new(secret_key: &str) -> Self {
        TokenHasher {
            key: secret_key.as_bytes().to_vec(),
        }
    }

    pub fn hash(&self, purpose: &str, token: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(token.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// Compares secrets in constant time.
pub fn same(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_distinct() {
        let (a, b) = (generate(), generate());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
    }

    #[test]
    fn hashes_depend_on_key_and_purpose() {
        let one = TokenHasher::new("key one");
        let two = TokenHasher::new("key two");
        assert_eq!(one.hash("session", "t"), one.hash("session", "t"));
        assert_ne!(one.hash("session", "t"), two.hash("session", "t"));
        assert_ne!(one.hash("session", "t"), one.hash("invitation", "t"));
    }

    #[test]
    fn same_compares_whole_strings() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }
}
