//! The signatures that let other systems talk to Portico without a session, and Portico to
//! them: signed card URLs, HubSpot's request signature v3, Salesforce Canvas signed requests,
//! and Standard Webhooks (outgoing webhooks and incoming CRM events).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::domain::token::same;

/// How far a signed request's timestamp may be from now, either way.
pub const TOLERANCE_SECS: i64 = 5 * 60;
const WEBHOOK_SECRET_PREFIX: &str = "whsec_";

fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

/// What a card URL's `sig` covers: the path, `exp` and, on links Portico records, `lid`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardUrl<'a> {
    pub path: &'a str,
    /// Unix seconds.
    pub exp: i64,
    /// The recorded link's id. Links made before links were recorded have none, and neither
    /// do the hour-long ones HubSpot's card opens.
    pub lid: Option<i64>,
}

impl CardUrl<'_> {
    /// `path?exp=…` or `path?exp=…&lid=…`: the URL up to the signature, as it is sent.
    fn signed_text(&self) -> String {
        match self.lid {
            Some(lid) => format!("{}?exp={}&lid={lid}", self.path, self.exp),
            None => format!("{}?exp={}", self.path, self.exp),
        }
    }

    /// `sig`: hex HMAC-SHA256 of the signed text with the integration secret.
    pub fn signature(&self, secret: &str) -> String {
        hex::encode(hmac(secret.as_bytes(), &[self.signed_text().as_bytes()]))
    }

    /// The URL's query: `exp` (and `lid`) as signed, then `sig`.
    pub fn query(&self, secret: &str) -> String {
        let signed = self.signed_text();
        let query = &signed[self.path.len() + 1..];
        format!("{query}&sig={}", self.signature(secret))
    }

    pub fn check(&self, secret: &str, sig: &str, now: i64) -> Result<(), CardUrlError> {
        if !same(&self.signature(secret), &sig.to_ascii_lowercase()) {
            return Err(CardUrlError::BadSignature);
        }
        if self.exp < now {
            return Err(CardUrlError::Expired);
        }
        Ok(())
    }
}

/// Why a card URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardUrlError {
    Expired,
    BadSignature,
}

/// HubSpot's request signature v3: base64 HMAC-SHA256, with the app's client secret, of the
/// method, the full request URI (a few percent-escapes decoded, as HubSpot does), the body and
/// the timestamp header (milliseconds).
pub fn hubspot_v3(
    client_secret: &str,
    method: &str,
    uri: &str,
    body: &[u8],
    timestamp: &str,
) -> String {
    let uri = hubspot_decode(uri);
    STANDARD.encode(hmac(
        client_secret.as_bytes(),
        &[
            method.as_bytes(),
            uri.as_bytes(),
            body,
            timestamp.as_bytes(),
        ],
    ))
}

/// HubSpot signs the URI with these escapes decoded (and only these).
fn hubspot_decode(uri: &str) -> String {
    const DECODED: [(&str, &str); 12] = [
        ("%3A", ":"),
        ("%2F", "/"),
        ("%3F", "?"),
        ("%40", "@"),
        ("%21", "!"),
        ("%24", "$"),
        ("%27", "'"),
        ("%28", "("),
        ("%29", ")"),
        ("%2A", "*"),
        ("%2C", ","),
        ("%3B", ";"),
    ];
    let mut out = String::with_capacity(uri.len());
    let mut rest = uri;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let escape = rest.get(at..at + 3).unwrap_or(&rest[at..]);
        match DECODED.iter().find(|(e, _)| e.eq_ignore_ascii_case(escape)) {
            Some((_, plain)) => out.push_str(plain),
            None => out.push_str(escape),
        }
        rest = &rest[at + escape.len()..];
    }
    out.push_str(rest);
    out
}

/// Checks a HubSpot v3 signature and its timestamp (milliseconds, at most 5 minutes old).
pub fn check_hubspot_v3(
    client_secret: &str,
    request: &SignedRequest<'_>,
    signature: &str,
    now_ms: i64,
) -> bool {
    let fresh = request
        .timestamp
        .parse::<i64>()
        .is_ok_and(|ts| (now_ms - ts).abs() <= TOLERANCE_SECS * 1000);
    let expected = hubspot_v3(
        client_secret,
        request.method,
        request.uri,
        request.body,
        request.timestamp,
    );
    fresh && same(&expected, signature.trim())
}

/// What HubSpot signs about a request.
pub struct SignedRequest<'a> {
    pub method: &'a str,
    /// `https://host/path?query` as HubSpot called it.
    pub uri: &'a str,
    pub body: &'a [u8],
    pub timestamp: &'a str,
}

/// The JSON context of a Salesforce Canvas `signed_request`
/// (`base64(HMAC-SHA256(consumer secret, encoded context)) + "." + encoded context`), if the
/// signature holds.
///
/// Its `issuedAt` is not a clock, so no freshness window is built on it: Salesforce documents
/// the field as "for internal use only", and real requests carry values such as -1882588807, or
/// 1294299664 (January 2011) in a request of API version 54.0 (2022). Read as Unix time, every
/// real request would be refused.
pub fn open_salesforce_request(
    consumer_secret: &str,
    signed_request: &str,
) -> Option<serde_json::Value> {
    let (signature, context) = signed_request.trim().split_once('.')?;
    let expected = STANDARD.encode(hmac(consumer_secret.as_bytes(), &[context.as_bytes()]));
    if !same(&expected, signature) {
        return None;
    }
    let json = STANDARD.decode(context).ok()?;
    serde_json::from_slice(&json).ok()
}

/// A new Standard Webhooks secret: `whsec_` and 32 random bytes in base64.
pub fn new_webhook_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{WEBHOOK_SECRET_PREFIX}{}", STANDARD.encode(bytes))
}

/// The HMAC key of a Standard Webhooks secret; a secret without the prefix is used as it is.
fn webhook_key(secret: &str) -> Vec<u8> {
    secret
        .strip_prefix(WEBHOOK_SECRET_PREFIX)
        .and_then(|b64| STANDARD.decode(b64).ok())
        .unwrap_or_else(|| secret.as_bytes().to_vec())
}

/// The `webhook-signature` header: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`.
pub fn webhook_signature(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> String {
    let ts = timestamp.to_string();
    let mac = hmac(
        &webhook_key(secret),
        &[id.as_bytes(), b".", ts.as_bytes(), b".", body],
    );
    format!("v1,{}", STANDARD.encode(mac))
}

/// Checks Standard Webhooks headers: any one of the space-separated `v1,` signatures may
/// match (senders list several while rotating secrets), and the timestamp must be fresh.
pub fn check_webhook(secret: &str, headers: &WebhookHeaders<'_>, body: &[u8], now: i64) -> bool {
    let Ok(timestamp) = headers.timestamp.parse::<i64>() else {
        return false;
    };
    let expected = webhook_signature(secret, headers.id, timestamp, body);
    (now - timestamp).abs() <= TOLERANCE_SECS
        && headers
            .signature
            .split_whitespace()
            .any(|given| same(&expected, given))
}

pub struct WebhookHeaders<'a> {
    pub id: &'a str,
    pub timestamp: &'a str,
    pub signature: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_urls_check_signature_then_expiry() {
        let url = CardUrl {
            path: "/embed/deals/7",
            exp: 1_000,
            lid: None,
        };
        let sig = url.signature("s3cret");
        assert_eq!(sig.len(), 64);
        assert_eq!(url.check("s3cret", &sig, 999), Ok(()));
        assert_eq!(url.check("s3cret", &sig.to_uppercase(), 999), Ok(()));
        assert_eq!(url.check("s3cret", &sig, 1_001), Err(CardUrlError::Expired));
        let moved = CardUrl {
            path: "/embed/deals/8",
            ..url
        };
        let later = CardUrl { exp: 2_000, ..url };
        for tampered in [moved, later] {
            assert_eq!(
                tampered.check("s3cret", &sig, 999),
                Err(CardUrlError::BadSignature)
            );
        }
        assert_eq!(
            url.check("other", &sig, 999),
            Err(CardUrlError::BadSignature)
        );
    }

    #[test]
    fn link_ids_are_signed() {
        let old = CardUrl {
            path: "/embed/deals/7",
            exp: 1_000,
            lid: None,
        };
        let recorded = CardUrl {
            lid: Some(12),
            ..old
        };
        // An unrecorded link signs what it always did, so links made before ids still open.
        assert_eq!(
            old.signature("s3cret"),
            hex::encode(hmac(b"s3cret", &[b"/embed/deals/7?exp=1000"]))
        );
        assert_eq!(
            recorded.signature("s3cret"),
            hex::encode(hmac(b"s3cret", &[b"/embed/deals/7?exp=1000&lid=12"]))
        );
        let sig = recorded.signature("s3cret");
        assert_eq!(recorded.check("s3cret", &sig, 999), Ok(()));
        let other_link = CardUrl {
            lid: Some(13),
            ..old
        };
        for tampered in [old, other_link] {
            assert_eq!(
                tampered.check("s3cret", &sig, 999),
                Err(CardUrlError::BadSignature)
            );
        }
        assert_eq!(
            recorded.query("s3cret"),
            format!("exp=1000&lid=12&sig={sig}")
        );
        assert_eq!(
            old.query("s3cret"),
            format!("exp=1000&sig={}", old.signature("s3cret"))
        );
    }

    #[test]
    fn hubspot_decodes_only_its_escapes() {
        assert_eq!(
            hubspot_decode("https://x.io/a%3Ab%2fc?q=%40me%20you%2C%"),
            "https://x.io/a:b/c?q=@me%20you,%"
        );
    }

    #[test]
    fn hubspot_v3_matches_a_vector_computed_elsewhere() {
        // Python's hmac over the decoded URI: the escapes %3A and %2C are signed as ':' and ','.
        let signature = hubspot_v3(
            "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
            "POST",
            "https://portal.example/api/integrations/hubspot/card?name=a%3Ab%2Cc",
            br#"{"eventId":1}"#,
            "1700000000000",
        );
        assert_eq!(signature, "PnYWuKtiRwZFyDB6e7enIUNzrK7C4t9Qrk1N2wkFYU0=");
    }

    #[test]
    fn hubspot_v3_needs_a_fresh_timestamp() {
        let now_ms = 1_700_000_000_000;
        let ts = now_ms.to_string();
        let request = SignedRequest {
            method: "GET",
            uri: "https://portal.example/api/integrations/hubspot/card?associatedObjectId=1",
            body: b"",
            timestamp: &ts,
        };
        let sig = hubspot_v3("secret", request.method, request.uri, request.body, &ts);
        assert!(check_hubspot_v3("secret", &request, &sig, now_ms + 1_000));
        assert!(!check_hubspot_v3(
            "secret",
            &request,
            &sig,
            now_ms + 301_000
        ));
        assert!(!check_hubspot_v3("wrong", &request, &sig, now_ms));
    }

    #[test]
    fn salesforce_requests_open_only_with_the_secret() {
        // Shaped as Salesforce sends it, with an `issuedAt` taken from a real request.
        let context = STANDARD.encode(
            br#"{"algorithm":"HMACSHA256","issuedAt":-1882588807,"userId":"005i0000001P83xAAC",
                "context":{"environment":{"record":{"Id":"006A"}}}}"#,
        );
        let sig = STANDARD.encode(hmac(b"consumer", &[context.as_bytes()]));
        let signed = format!("{sig}.{context}");
        let json = open_salesforce_request("consumer", &signed).unwrap();
        assert_eq!(json["context"]["environment"]["record"]["Id"], "006A");
        assert!(open_salesforce_request("other", &signed).is_none());
        assert!(open_salesforce_request("consumer", &format!("{sig}.{context}x")).is_none());
        assert!(open_salesforce_request("consumer", "no-dot").is_none());
    }

    #[test]
    fn webhook_signatures_follow_the_standard() {
        // The example of the Standard Webhooks specification.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            webhook_signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
        let headers = WebhookHeaders {
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            timestamp: "1614265330",
            signature: "v1,bm90IGl0 v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        };
        assert!(check_webhook(secret, &headers, body, 1_614_265_330 + 60));
        assert!(!check_webhook(secret, &headers, body, 1_614_265_330 + 600));
        assert!(!check_webhook(secret, &headers, b"{}", 1_614_265_330));
    }

    #[test]
    fn new_webhook_secrets_are_prefixed_and_random() {
        let (a, b) = (new_webhook_secret(), new_webhook_secret());
        assert!(a.starts_with("whsec_"));
        assert_eq!(webhook_key(&a).len(), 32);
        assert_ne!(a, b);
    }
}
