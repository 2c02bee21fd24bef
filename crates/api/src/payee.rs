//! Where a partner organization is paid: the account holder and an IBAN with its BIC (for SEPA
//! transfers), or another account reference. IBANs and BICs are checked here, as the form types
//! and on the server; the server keeps the account sealed and shows it masked.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::validate::Fields;

/// `PUT /api/organizations/{id}/payee` (the organization's partner admins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PayeeInput {
    pub account_holder: String,
    #[serde(default)]
    pub iban: Option<String>,
    #[serde(default)]
    pub bic: Option<String>,
    /// For accounts without an IBAN: what finance needs to pay it.
    #[serde(default)]
    pub other_reference: Option<String>,
}

/// A valid payee, normalized (upper case, no spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPayee {
    pub account_holder: String,
    pub account: Account,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Account {
    Sepa { iban: String, bic: String },
    Other(String),
}

impl PayeeInput {
    pub fn validate(&self) -> Result<ValidPayee, FieldErrors> {
        let mut f = Fields::default();
        let holder = self.account_holder.trim();
        if holder.is_empty() || holder.chars().count() > 70 {
            f.add(
                "account_holder",
                "Name the account holder in 1 to 70 characters.",
            );
        }
        let account = match (
            filled(&self.iban),
            filled(&self.bic),
            filled(&self.other_reference),
        ) {
            (Some(iban), bic, None) => {
                let iban = f.take("iban", self::iban(iban));
                let bic = f.take("bic", self::bic(bic.unwrap_or_default()));
                iban.zip(bic).map(|(iban, bic)| Account::Sepa { iban, bic })
            }
            (None, None, Some(other)) if other.chars().count() <= 140 => {
                Some(Account::Other(other.to_owned()))
            }
            (None, None, Some(_)) => {
                f.add("other_reference", "Keep the reference to 140 characters.");
                None
            }
            _ => {
                f.add(
                    "iban",
                    "Give an IBAN and BIC, or another account reference, not both.",
                );
                None
            }
        };
        f.finish()?;
        Ok(ValidPayee {
            account_holder: holder.to_owned(),
            account: account.expect("checked by finish()"),
        })
    }
}

/// The trimmed text, when there is any.
fn filled(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Lengths of the IBANs of the SEPA countries Portico's partners are most often in; any other
/// country's IBAN is held to the general rules (15 to 34 characters and the check digits).
const LENGTHS: [(&str, usize); 20] = [
    ("AT", 20),
    ("BE", 16),
    ("CH", 21),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("IE", 22),
    ("IT", 27),
    ("LU", 20),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
];

/// An IBAN, without spaces and in upper case, whose check digits hold (ISO 13616, mod 97).
pub fn iban(input: &str) -> Result<String, &'static str> {
    let iban: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let shaped = (15..=34).contains(&iban.len())
        && part(&iban, 0, 2, char::is_ascii_uppercase)
        && part(&iban, 2, 4, char::is_ascii_digit)
        && iban.chars().all(|c| c.is_ascii_alphanumeric());
    if !shaped {
        return Err(
            "Enter an IBAN: a country code, two check digits and the account, like DE89 3704 0044 0532 0130 00.",
        );
    }
    if let Some((_, length)) = LENGTHS
        .iter()
        .find(|(country, _)| iban.starts_with(country))
        && iban.len() != *length
    {
        return Err("That IBAN has the wrong length for its country.");
    }
    let rearranged = iban[4..].chars().chain(iban[..4].chars());
    let remainder = rearranged.fold(0u32, |acc, c| {
        let value = c.to_digit(36).unwrap_or(0);
        if value >= 10 {
            (acc * 100 + value) % 97
        } else {
            (acc * 10 + value) % 97
        }
    });
    if remainder != 1 {
        return Err("That IBAN's check digits do not match: check it for a typo.");
    }
    Ok(iban)
}

/// A BIC (ISO 9362): 8 or 11 characters, the bank, its country and its location, maybe a branch.
pub fn bic(input: &str) -> Result<String, &'static str> {
    let bic: String = input.trim().to_ascii_uppercase();
    let valid = matches!(bic.len(), 8 | 11)
        && part(&bic, 0, 6, char::is_ascii_uppercase)
        && bic.chars().all(|c| c.is_ascii_alphanumeric());
    if valid {
        Ok(bic)
    } else {
        Err("Enter the bank's BIC: 8 or 11 letters and digits, like COBADEFFXXX.")
    }
}

/// Whether the characters `from..to` of `text` exist and all pass `test`.
fn part(text: &str, from: usize, to: usize, test: fn(&char) -> bool) -> bool {
    text.get(from..to)
        .is_some_and(|p| p.chars().all(|c| test(&c)))
}

/// "DE•• •••• •••• •••• ••30 00": the country and the last four characters.
pub fn mask(account: &str) -> String {
    let chars: Vec<char> = account.chars().collect();
    let shown = chars.len().saturating_sub(4);
    let masked: String = chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < 2 || i >= shown { *c } else { '•' })
        .collect();
    masked
        .chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `GET /api/organizations/{id}/payee`: the payee, its account masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payee {
    pub account_holder: String,
    /// E.g. "DE•• •••• •••• •••• ••30 00".
    pub account: String,
    pub bic: Option<String>,
    /// RFC 3339.
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_are_checked_by_their_digits_and_length() {
        assert_eq!(
            iban("de89 3704 0044 0532 0130 00"),
            Ok("DE89370400440532013000".into())
        );
        assert_eq!(
            iban("GB29 NWBK 6016 1331 9268 19"),
            Ok("GB29NWBK60161331926819".into())
        );
        assert!(
            iban("DE89 3704 0044 0532 0130 01")
                .unwrap_err()
                .contains("check digits")
        );
        assert!(
            iban("DE89 3704 0044 0532 0130")
                .unwrap_err()
                .contains("length")
        );
        assert!(iban("1234").is_err());
        assert!(iban("DE8937040044053201300€").is_err());
        assert_eq!(bic("cobadeffxxx"), Ok("COBADEFFXXX".into()));
        assert_eq!(bic("COBADEFF"), Ok("COBADEFF".into()));
        assert!(bic("COBA1EFF").is_err());
        assert!(bic("COBADEFFX").is_err());
        assert_eq!(
            mask("DE89370400440532013000"),
            "DE•• •••• •••• •••• ••30 00"
        );
    }

    #[test]
    fn a_payee_has_either_a_sepa_account_or_another_reference() {
        let input = |iban: Option<&str>, bic: Option<&str>, other: Option<&str>| PayeeInput {
            account_holder: "Northwind Partners GmbH".into(),
            iban: iban.map(Into::into),
            bic: bic.map(Into::into),
            other_reference: other.map(Into::into),
        };
        let sepa = input(Some("DE89370400440532013000"), Some("COBADEFFXXX"), None);
        assert!(matches!(
            sepa.validate().unwrap().account,
            Account::Sepa { .. }
        ));
        let other = input(None, None, Some("ACH 021000021 / 123456789"));
        assert!(matches!(
            other.validate().unwrap().account,
            Account::Other(_)
        ));
        let both = input(Some("DE89370400440532013000"), None, Some("x"));
        assert!(both.validate().unwrap_err().contains_key("iban"));
        let no_bic = input(Some("DE89370400440532013000"), None, None);
        assert!(no_bic.validate().unwrap_err().contains_key("bic"));
    }
}
