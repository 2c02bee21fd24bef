//! Secrets the server must read back to use (CRM app secrets, integration and webhook signing
//! secrets), kept encrypted with a key derived from the server's secret key: a copy of the
//! database alone reveals none of them.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use sha2::Sha256;

#[derive(Clone)]
pub struct Sealer {
    key: std::sync::Arc<LessSafeKey>,
}

impl Sealer {
    pub fn new(secret_key: &str) -> Sealer {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()).expect("HMAC takes any key");
        mac.update(b"portico sealed secrets v1");
        let derived = mac.finalize().into_bytes();
        let key = UnboundKey::new(&AES_256_GCM, &derived).expect("32 bytes is an AES-256 key");
        Sealer {
            key: std::sync::Arc::new(LessSafeKey::new(key)),
        }
    }

    /// A random nonce, then the ciphertext and tag, in base64.
    pub fn seal(&self, plaintext: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let mut sealed = plaintext.as_bytes().to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::empty(),
                &mut sealed,
            )
            .expect("AES-GCM seals any message under 64 GiB");
        let mut out = nonce.to_vec();
        out.extend(sealed);
        STANDARD.encode(out)
    }

    /// `None` when the text was not sealed with this key (e.g. the secret key changed).
    pub fn open(&self, sealed: &str) -> Option<String> {
        let bytes = STANDARD.decode(sealed).ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, rest) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut rest = rest.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::empty(), &mut rest)
            .ok()?;
        String::from_utf8(plain.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_what_it_sealed_and_nothing_else() {
        let sealer = Sealer::new("a server key of at least thirty-two chars");
        let sealed = sealer.seal("whsec_abc");
        assert!(!sealed.contains("whsec"));
        assert_ne!(sealed, sealer.seal("whsec_abc"), "a fresh nonce every time");
        assert_eq!(sealer.open(&sealed).as_deref(), Some("whsec_abc"));
        let other = Sealer::new("another server key of thirty-two chars!");
        assert_eq!(other.open(&sealed), None);
        let mut tampered = STANDARD.decode(&sealed).unwrap();
        *tampered.last_mut().unwrap() ^= 1;
        assert_eq!(sealer.open(&STANDARD.encode(tampered)), None);
        assert_eq!(sealer.open("not base64!"), None);
    }
}
