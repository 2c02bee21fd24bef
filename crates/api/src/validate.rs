//! Field rules shared by the forms (as the user types) and the server (on submit).
//! Hand-written on purpose: a regex engine would weigh more than the whole app.

use crate::error::FieldErrors;

pub const EMAIL_MAX: usize = 254;
pub const NAME_MAX: usize = 100;
pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;

/// Collects per-field messages, keeping the first one for each field.
#[derive(Debug, Default)]
pub struct Fields(FieldErrors);

impl Fields {
    pub fn add(&mut self, field: &str, message: &str) {
        self.0
            .entry(field.to_owned())
            .or_insert_with(|| message.to_owned());
    }

    pub fn check<T>(&mut self, field: &str, result: Result<T, &'static str>) {
        if let Err(message) = result {
            self.add(field, message);
        }
    }

    /// Records the error of `result`, if any, and passes its value on.
    pub fn take<T>(&mut self, field: &str, result: Result<T, &'static str>) -> Option<T> {
        result.map_err(|message| self.add(field, message)).ok()
    }

    pub fn finish(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// A plausible address, returned trimmed and lower-cased so lookups match however it was typed.
pub fn email(input: &str) -> Result<String, &'static str> {
    let email = input.trim();
    if email.is_empty() {
        return Err("Enter an e-mail address.");
    }
    if email.len() > EMAIL_MAX {
        return Err("That e-mail address is too long.");
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return Err("Enter an e-mail address like name@company.com.");
    };
    let labels_ok = domain.split('.').count() >= 2
        && domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    if !(local_ok && labels_ok) {
        return Err("Enter an e-mail address like name@company.com.");
    }
    Ok(email.to_lowercase())
}

/// A company's domain from whatever people paste: `https://www.Acme.com/about` → `acme.com`.
pub fn company_domain(input: &str) -> Result<String, &'static str> {
    const HINT: &str = "Enter the company's website or domain, like acme.com.";
    let text = input.trim().to_lowercase();
    if text.is_empty() {
        return Err(HINT);
    }
    let without_scheme = text
        .split_once("://")
        .map_or(text.as_str(), |(_, rest)| rest);
    let authority = without_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = host.split_once(':').map_or(host, |(host, _)| host);
    let host = host.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let top_ok = labels
        .last()
        .is_some_and(|tld| tld.starts_with("xn--") || tld.chars().all(char::is_alphabetic));
    if labels.len() < 2 || host.len() > 253 || !labels.iter().all(label_ok) || !top_ok {
        return Err(HINT);
    }
    Ok(host.to_owned())
}

/// A display name: trimmed, non-empty, no control characters.
pub fn person_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    if name.is_empty() {
        return Err("Enter your name.");
    }
    if name.chars().count() > NAME_MAX {
        return Err("Use at most 100 characters.");
    }
    if name.chars().any(char::is_control) {
        return Err("Use letters, spaces and punctuation only.");
    }
    Ok(name.to_owned())
}

/// A new password: long enough to resist guessing, short enough to hash cheaply.
pub fn new_password(input: &str) -> Result<(), &'static str> {
    let length = input.chars().count();
    if length < PASSWORD_MIN {
        return Err("Use at least 12 characters.");
    }
    if length > PASSWORD_MAX {
        return Err("Use at most 128 characters.");
    }
    if input.trim().is_empty() {
        return Err("A password cannot be only spaces.");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalized() {
        assert_eq!(
            email("  Alice@Northwind.Example ").unwrap(),
            "alice@northwind.example"
        );
    }

    #[test]
    fn email_rejects_malformed() {
        for bad in [
            "",
            "alice",
            "alice@",
            "@x.com",
            "a@b",
            "a b@x.com",
            "a@x..com",
            "a@-x.com",
            ".a@x.com",
        ] {
            assert!(email(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn email_accepts_common_forms() {
        for good in ["a@x.co", "first.last+tag@sub.example.org", "o'neil@x.ie"] {
            assert!(email(good).is_ok(), "{good:?} should be accepted");
        }
    }

    #[test]
    fn company_domains_are_taken_in_any_common_form() {
        for (input, domain) in [
            ("https://www.Acme.com/about", "acme.com"),
            ("acme.com", "acme.com"),
            ("WWW.ACME.CO.UK.", "acme.co.uk"),
            ("http://user@shop.acme.com:8080/x?y#z", "shop.acme.com"),
            ("  münchen.de ", "münchen.de"),
        ] {
            assert_eq!(company_domain(input).unwrap(), domain, "{input}");
        }
        for bad in [
            "",
            "acme",
            "acme .com",
            "http://",
            "acme.c0m",
            "-acme.com",
            "192.168.0.1",
        ] {
            assert!(company_domain(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(person_name("  Ada Lovelace ").unwrap(), "Ada Lovelace");
        assert!(person_name("   ").is_err());
        assert!(person_name(&"x".repeat(101)).is_err());
        assert!(person_name("a\u{7}b").is_err());
    }

    #[test]
    fn passwords_need_twelve_characters() {
        assert!(new_password("short").is_err());
        assert!(new_password("portico-demo").is_ok());
        assert!(new_password(&" ".repeat(12)).is_err());
        assert!(new_password(&"x".repeat(129)).is_err());
    }
}
