//! Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA-1, six
//! digits, 30-second steps. Written here over `ring`'s HMAC, which the server already uses: the
//! algorithm is a dozen lines, and the RFC's test vectors pin it.

use ring::hmac;

use crate::clock::Timestamp;
use crate::domain::token;

pub const STEP_SECS: i64 = 30;
const DIGITS: u32 = 6;
/// 160 bits, the HMAC-SHA-1 block RFC 4226 recommends.
const SECRET_BYTES: usize = 20;
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A shared TOTP secret. Deliberately without `Debug`, so it cannot end up in a log line.
pub struct Secret(Vec<u8>);

impl Secret {
    pub fn generate() -> Secret {
        let mut bytes = vec![0u8; SECRET_BYTES];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
        Secret(bytes)
    }

    /// The secret as people type it into an app: RFC 4648 base32 without padding.
    pub fn to_base32(&self) -> String {
        let mut out = String::with_capacity(self.0.len().div_ceil(5) * 8);
        let (mut buffer, mut bits) = (0u32, 0u32);
        for byte in &self.0 {
            buffer = (buffer << 8) | u32::from(*byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                out.push(BASE32[((buffer >> bits) & 31) as usize] as char);
            }
        }
        if bits > 0 {
            out.push(BASE32[((buffer << (5 - bits)) & 31) as usize] as char);
        }
        out
    }

    /// Reads base32 in either case, ignoring spaces and padding; `None` for anything else.
    pub fn from_base32(text: &str) -> Option<Secret> {
        let mut bytes = Vec::new();
        let (mut buffer, mut bits) = (0u32, 0u32);
        for c in text.chars().filter(|c| !matches!(c, ' ' | '=')) {
            let value = BASE32
                .iter()
                .position(|b| *b as char == c.to_ascii_uppercase())?;
            buffer = (buffer << 5) | value as u32;
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                bytes.push((buffer >> bits) as u8);
            }
        }
        (!bytes.is_empty()).then_some(Secret(bytes))
    }

    /// The six-digit code for the time step holding `at`.
    pub fn code_at(&self, at: Timestamp) -> String {
        format!("{:06}", hotp(&self.0, step(at) as u64, DIGITS))
    }

    /// The time step whose code `code` is, among the current step and one either side (clocks
    /// drift, people type slowly), provided it is later than `used_up_to`: a code works once.
    pub fn accepts(&self, code: &str, now: Timestamp, used_up_to: Option<i64>) -> Option<i64> {
        let current = step(now);
        (current - 1..=current + 1)
            .filter(|s| used_up_to.is_none_or(|used| *s > used))
            .find(|s| token::same(&format!("{:06}", hotp(&self.0, *s as u64, DIGITS)), code))
    }
}

pub fn step(at: Timestamp) -> i64 {
    at.div_euclid(STEP_SECS)
}

/// RFC 4226's HOTP: the HMAC of the counter, dynamically truncated to `digits` digits.
fn hotp(key: &[u8], counter: u64, digits: u32) -> u32 {
    let key = hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, key);
    let mac = hmac::sign(&key, &counter.to_be_bytes());
    let mac = mac.as_ref();
    let offset = usize::from(mac[mac.len() - 1] & 0x0f);
    let chunk = [
        mac[offset],
        mac[offset + 1],
        mac[offset + 2],
        mac[offset + 3],
    ];
    (u32::from_be_bytes(chunk) & 0x7fff_ffff) % 10u32.pow(digits)
}

/// The `otpauth://` URI that authenticator apps read from a QR code.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &Secret) -> String {
    let issuer = uri_encode(issuer);
    format!(
        "otpauth://totp/{issuer}:{}?secret={}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}\
         &period={STEP_SECS}",
        uri_encode(account),
        secret.to_base32()
    )
}

fn uri_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 rows: the seed "12345678901234567890", eight digits.
    #[test]
    fn matches_the_rfc_6238_test_vectors() {
        let seed = b"12345678901234567890";
        for (at, expected) in [
            (59, 94287082),
            (1111111109, 7081804),
            (1111111111, 14050471),
            (1234567890, 89005924),
            (2000000000, 69279037),
            (20000000000, 65353130),
        ] {
            assert_eq!(hotp(seed, step(at) as u64, 8), expected, "at {at}");
            let six = Secret(seed.to_vec()).code_at(at);
            assert_eq!(six, format!("{:06}", expected % 1_000_000), "at {at}");
        }
    }

    #[test]
    fn base32_round_trips_and_reads_what_people_type() {
        let secret = Secret(b"12345678901234567890".to_vec());
        assert_eq!(secret.to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        let typed = Secret::from_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").unwrap();
        assert_eq!(typed.0, secret.0);
        assert_eq!(Secret::from_base32("MZXW6===").unwrap().0, b"foo");
        assert!(Secret::from_base32("not base32!").is_none());
        assert!(Secret::from_base32("").is_none());
        let fresh = Secret::generate();
        assert_eq!(fresh.to_base32().len(), 32);
        assert_eq!(Secret::from_base32(&fresh.to_base32()).unwrap().0, fresh.0);
    }

    #[test]
    fn accepts_a_step_either_side_and_each_step_once() {
        let secret = Secret(b"12345678901234567890".to_vec());
        let now = 1_000_000_005;
        let current = step(now);
        assert_eq!(
            secret.accepts(&secret.code_at(now), now, None),
            Some(current)
        );
        let earlier = secret.code_at(now - STEP_SECS);
        assert_eq!(secret.accepts(&earlier, now, None), Some(current - 1));
        let later = secret.code_at(now + STEP_SECS);
        assert_eq!(secret.accepts(&later, now, None), Some(current + 1));
        let too_old = secret.code_at(now - 2 * STEP_SECS);
        assert_eq!(secret.accepts(&too_old, now, None), None);
        // Replays: a step at or before the last one used is refused.
        assert_eq!(
            secret.accepts(&secret.code_at(now), now, Some(current)),
            None
        );
        assert_eq!(secret.accepts(&earlier, now, Some(current - 1)), None);
        assert_eq!(
            secret.accepts(&later, now, Some(current)),
            Some(current + 1)
        );
        assert_eq!(secret.accepts("12345", now, None), None);
    }

    #[test]
    fn the_uri_names_the_portal_and_the_account() {
        let secret = Secret(b"12345678901234567890".to_vec());
        assert_eq!(
            otpauth_uri("Portico", "ann@x.example", &secret),
            "otpauth://totp/Portico:ann%40x.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=Portico&algorithm=SHA1&digits=6&period=30"
        );
    }
}
