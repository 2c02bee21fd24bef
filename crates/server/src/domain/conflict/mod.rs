//! The customer uniqueness test: which existing claims a new registration collides with and how
//! to say so to a manager; which claim the program's rules favour is in `suggestion`.

use portico_api::date::Date;
use portico_api::registrations::{MatchStrength, RegistrationStatus, number};

use crate::clock::Timestamp;
use crate::domain::company::{NameMatch, compare_names};

/// What a registration claims, reduced to the keys the test compares.
#[derive(Debug, Clone, Copy)]
pub struct CustomerKey<'a> {
    /// `company::name_key` of the company name.
    pub name_key: &'a str,
    /// `company::registrable_domain`, absent for free mail or no domain.
    pub domain_key: Option<&'a str>,
}

/// Why two claims may name one customer: how sure that is, and a score to rank by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub strength: MatchStrength,
    /// 0 to 100; every strength has its own band, so the score alone ranks findings.
    pub score: u8,
}

impl Finding {
    fn exact() -> Finding {
        Finding {
            strength: MatchStrength::Exact,
            score: 100,
        }
    }

    /// A name match's strength, its similarity placing it within the strength's band.
    fn of_names(found: NameMatch) -> Option<Finding> {
        let banded = |strength, floor: f64, similarity: f64| Finding {
            strength,
            score: (floor + 39.0 * similarity.clamp(0.0, 1.0)).round() as u8,
        };
        match found {
            NameMatch::Same => Some(Finding {
                strength: MatchStrength::SameName,
                score: 95,
            }),
            NameMatch::Strong(similarity) => Some(banded(MatchStrength::Strong, 50.0, similarity)),
            NameMatch::Possible(similarity) => {
                Some(banded(MatchStrength::Possible, 10.0, similarity))
            }
            NameMatch::Different => None,
        }
    }

    /// Sorts before weaker findings.
    pub fn rank(self) -> impl Ord {
        (std::cmp::Reverse(self.score), self.strength)
    }

    /// The better of two findings.
    pub fn min_by_rank(self, other: Finding) -> Finding {
        std::cmp::min_by_key(self, other, |f| f.rank())
    }

    fn phrase(self) -> &'static str {
        match self.strength {
            MatchStrength::Exact => "same domain as",
            MatchStrength::SameName => "same company name as",
            MatchStrength::Strong => "similar company name to",
            MatchStrength::Possible => "possibly the same company as",
        }
    }
}

/// The strongest reason two claims name one customer, if any.
pub fn compare(new: CustomerKey<'_>, existing: CustomerKey<'_>) -> Option<Finding> {
    if new.domain_key.is_some() && new.domain_key == existing.domain_key {
        return Some(Finding::exact());
    }
    Finding::of_names(compare_names(new.name_key, existing.name_key))
}

/// An existing registration as the reason text and the suggestion need it.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    pub registration_id: i64,
    pub organization_name: &'a str,
    pub status: RegistrationStatus,
    pub submitted_at: Timestamp,
    pub decided_at: Option<Timestamp>,
    /// How it matched the registration being decided.
    pub finding: Finding,
    /// Its organization holds a current certification.
    pub certified: bool,
}

/// "same domain as registration R-1042 by Globex Consulting, approved 2026-10-02"
pub fn reason(claim: &Claim<'_>) -> String {
    let (verb, at) = match (claim.status, claim.decided_at) {
        (RegistrationStatus::Approved, Some(at)) => ("approved", at),
        (status, Some(at)) if !status.is_open() => (status.label(), at),
        _ => ("submitted", claim.submitted_at),
    };
    format!(
        "{} registration {} by {}, {} {}",
        claim.finding.phrase(),
        number(claim.registration_id),
        claim.organization_name,
        verb.to_lowercase(),
        Date::from_unix(at)
    )
}

/// An account of the vendor's book that a registration matched.
#[derive(Debug, Clone)]
pub struct AccountClaim<'a> {
    pub name: &'a str,
    pub owner: &'a str,
    /// The incumbent partner organization: id and name.
    pub incumbent: Option<(i64, &'a str)>,
    pub finding: Finding,
}

/// "same domain as account Contoso Ltd (owner: Dana Direct; incumbent partner: Globex Consulting)"
pub fn account_reason(account: &AccountClaim<'_>) -> String {
    let incumbent = account
        .incumbent
        .map(|(_, name)| format!("; incumbent partner: {name}"))
        .unwrap_or_default();
    format!(
        "{} account {} (owner: {}{incumbent})",
        account.finding.phrase(),
        account.name,
        account.owner
    )
}

mod suggestion;

pub use suggestion::{Subject, suggest};

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn key<'a>(name_key: &'a str, domain_key: Option<&'a str>) -> CustomerKey<'a> {
        CustomerKey {
            name_key,
            domain_key,
        }
    }

    pub(super) fn finding(strength: MatchStrength, score: u8) -> Finding {
        Finding { strength, score }
    }

    pub(super) fn claim(
        id: i64,
        status: RegistrationStatus,
        submitted_at: Timestamp,
    ) -> Claim<'static> {
        Claim {
            registration_id: id,
            organization_name: "Globex Consulting",
            status,
            submitted_at,
            decided_at: (status == RegistrationStatus::Approved).then_some(1_790_000_000),
            finding: finding(MatchStrength::SameName, 95),
            certified: false,
        }
    }

    #[test]
    fn the_domain_is_the_strongest_match_and_each_strength_has_its_band() {
        let compared = |a, b| compare(key(a, None), key(b, None));
        assert_eq!(
            compare(
                key("acme", Some("acme.com")),
                key("wile e coyote", Some("acme.com"))
            ),
            Some(finding(MatchStrength::Exact, 100))
        );
        assert_eq!(
            compared("acme", "acme"),
            Some(finding(MatchStrength::SameName, 95))
        );
        let strong = compared("stark industrie", "stark industire").unwrap();
        assert_eq!(strong.strength, MatchStrength::Strong);
        assert!((50..=89).contains(&strong.score), "{strong:?}");
        let possible = compared("velora", "velora communication").unwrap();
        assert_eq!(possible.strength, MatchStrength::Possible);
        assert!((10..=49).contains(&possible.score), "{possible:?}");
        assert_eq!(
            compare(
                key("acme cloud", Some("a.com")),
                key("acme bank", Some("b.com"))
            ),
            None
        );
        let mut ranked = [possible, strong, finding(MatchStrength::Exact, 100)];
        ranked.sort_by_key(|f| f.rank());
        let order: Vec<MatchStrength> = ranked.iter().map(|f| f.strength).collect();
        assert_eq!(
            order,
            [
                MatchStrength::Exact,
                MatchStrength::Strong,
                MatchStrength::Possible
            ]
        );
    }

    #[test]
    fn reasons_name_the_claim_its_owner_its_date_and_how_sure_they_are() {
        let mut approved = claim(42, RegistrationStatus::Approved, 1_780_000_000);
        approved.finding = Finding::exact();
        assert_eq!(
            reason(&approved),
            "same domain as registration R-1042 by Globex Consulting, approved 2026-09-21"
        );
        let mut pending = claim(43, RegistrationStatus::Submitted, 1_780_000_000);
        pending.finding = finding(MatchStrength::Strong, 80);
        assert_eq!(
            reason(&pending),
            "similar company name to registration R-1043 by Globex Consulting, submitted 2026-05-28"
        );
        pending.finding = finding(MatchStrength::Possible, 40);
        assert!(reason(&pending).starts_with("possibly the same company as registration R-1043"));
    }
}
