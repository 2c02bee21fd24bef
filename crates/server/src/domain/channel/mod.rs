//! Channel data normalization: reading report files (`reader`), the values people write
//! (`parse`), which column holds what (`mapping`), one row into a transaction's values
//! (`row`), and what tells two reports of one sale apart from two sales.

pub mod mapping;
pub mod parse;
pub mod reader;
pub mod row;

use sha2::{Digest, Sha256};

/// A product name or alias as lookups compare it: ASCII lower case, words single-spaced, so
/// "CX-100 Pro" and "cx-100  pro" are one name.
pub fn product_key(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What one sale is, whoever reports it: the day, the customer (its account when it has one,
/// else its name key), the product, the amount and the currency. Two sources reporting the
/// same sale give the same fingerprint. 64 bits of a SHA-256: a number indexes and compares
/// faster than text, and two different sales among a billion share one with odds of about
/// 1 in 30 billion.
pub fn fingerprint(
    day: &str,
    customer: (Option<i64>, &str),
    product_id: i64,
    (amount, currency): (i64, &str),
) -> i64 {
    let customer = match customer {
        (Some(account), _) => format!("account:{account}"),
        (None, key) => format!("name:{key}"),
    };
    let text = format!("{day}\u{1f}{customer}\u{1f}{product_id}\u{1f}{amount}\u{1f}{currency}");
    let digest = Sha256::digest(text.as_bytes());
    let mut first = [0_u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sale_has_one_fingerprint_whoever_reports_it() {
        let one = fingerprint("2026-12-01", (Some(7), "contoso"), 3, (1_000, "EUR"));
        assert_eq!(
            one,
            fingerprint("2026-12-01", (Some(7), "contoso ltd"), 3, (1_000, "EUR"))
        );
        assert_ne!(
            one,
            fingerprint("2026-12-02", (Some(7), "contoso"), 3, (1_000, "EUR"))
        );
        assert_ne!(
            one,
            fingerprint("2026-12-01", (None, "contoso"), 3, (1_000, "EUR"))
        );
        assert_ne!(
            one,
            fingerprint("2026-12-01", (Some(7), "contoso"), 3, (1_000, "USD"))
        );
        assert_eq!(product_key("  CX-100   Pro "), "cx-100 pro");
    }
}
