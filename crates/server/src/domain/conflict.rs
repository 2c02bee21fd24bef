//! The customer uniqueness test: which existing claims a new registration collides with, how to
//! say so to a manager, and which claim the program's rules favour.

use portico_api::date::Date;
use portico_api::registrations::{RegistrationStatus, number};

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

/// Why two claims are about the same customer, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    Domain,
    Name,
    SimilarName,
}

impl MatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Domain => "domain",
            MatchKind::Name => "name",
            MatchKind::SimilarName => "similar_name",
        }
    }

    pub fn parse(s: &str) -> Option<MatchKind> {
        [MatchKind::Domain, MatchKind::Name, MatchKind::SimilarName]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    fn phrase(self) -> &'static str {
        match self {
            MatchKind::Domain => "same domain as",
            MatchKind::Name => "same company name as",
            MatchKind::SimilarName => "similar company name to",
        }
    }
}

/// The strongest reason two claims name one customer, if any.
pub fn compare(new: CustomerKey<'_>, existing: CustomerKey<'_>) -> Option<MatchKind> {
    if new.domain_key.is_some() && new.domain_key == existing.domain_key {
        return Some(MatchKind::Domain);
    }
    match compare_names(new.name_key, existing.name_key) {
        NameMatch::Same => Some(MatchKind::Name),
        NameMatch::Similar(_) => Some(MatchKind::SimilarName),
        NameMatch::Different => None,
    }
}

/// An existing registration as the reason text and the suggestion need it.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    pub registration_id: i64,
    pub organization_name: &'a str,
    pub status: RegistrationStatus,
    pub submitted_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

/// "same domain as registration R-1042 by Globex Consulting, approved 2026-10-02"
pub fn reason(kind: MatchKind, claim: &Claim<'_>) -> String {
    let (verb, at) = match (claim.status, claim.decided_at) {
        (RegistrationStatus::Approved, Some(at)) => ("approved", at),
        (status, Some(at)) if !status.is_open() => (status.label(), at),
        _ => ("submitted", claim.submitted_at),
    };
    format!(
        "{} registration {} by {}, {} {}",
        kind.phrase(),
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
}

/// "same domain as account Contoso Ltd (owner: Dana Direct; incumbent partner: Globex Consulting)"
pub fn account_reason(kind: MatchKind, account: &AccountClaim<'_>) -> String {
    let incumbent = account
        .incumbent
        .map(|(_, name)| format!("; incumbent partner: {name}"))
        .unwrap_or_default();
    format!(
        "{} account {} (owner: {}{incumbent})",
        kind.phrase(),
        account.name,
        account.owner
    )
}

/// The registration being decided, as the hierarchy needs it.
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    pub registration_id: i64,
    pub organization_id: i64,
    pub submitted_at: Timestamp,
}

/// What the conflict hierarchy suggests: a protected registration beats a new one, the
/// incumbent partner beats a net-new one, the earlier registration beats the later, and a
/// directly owned account needs its owner's word. Certification joins when partners have it.
pub fn suggest(
    subject: Subject,
    claims: &[Claim<'_>],
    accounts: &[AccountClaim<'_>],
) -> Option<String> {
    let new = number(subject.registration_id);
    if let Some(winner) = claims
        .iter()
        .find(|c| c.status == RegistrationStatus::Approved)
    {
        return Some(format!(
            "Decline {new}: {} by {} is approved and protected.",
            number(winner.registration_id),
            winner.organization_name
        ));
    }
    if let Some((incumbent, account)) = accounts
        .iter()
        .find_map(|a| a.incumbent.map(|incumbent| (incumbent, a)))
    {
        return Some(if incumbent.0 == subject.organization_id {
            format!(
                "Approve {new}: its partner is the incumbent on {}.",
                account.name
            )
        } else {
            format!(
                "Decline {new}: {} is the incumbent partner on {}.",
                incumbent.1, account.name
            )
        });
    }
    let earliest = claims
        .iter()
        .filter(|c| c.status.is_open())
        .min_by_key(|c| (c.submitted_at, c.registration_id));
    if let Some(earliest) = earliest
        && (earliest.submitted_at, earliest.registration_id)
            < (subject.submitted_at, subject.registration_id)
    {
        return Some(format!(
            "{} by {} was registered first; decide it first and decline {new} if it is approved.",
            number(earliest.registration_id),
            earliest.organization_name
        ));
    }
    if let Some(account) = accounts.first() {
        return Some(format!(
            "{} is an account owned by {}: approve {new} only with the owner's agreement.",
            account.name, account.owner
        ));
    }
    earliest.map(|_| format!("{new} was registered first; approving it gives it the customer."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<'a>(name_key: &'a str, domain_key: Option<&'a str>) -> CustomerKey<'a> {
        CustomerKey {
            name_key,
            domain_key,
        }
    }

    fn claim(id: i64, status: RegistrationStatus, submitted_at: Timestamp) -> Claim<'static> {
        Claim {
            registration_id: id,
            organization_name: "Globex Consulting",
            status,
            submitted_at,
            decided_at: (status == RegistrationStatus::Approved).then_some(1_790_000_000),
        }
    }

    #[test]
    fn the_domain_is_the_strongest_match() {
        assert_eq!(
            compare(
                key("acme", Some("acme.com")),
                key("wile e coyote", Some("acme.com"))
            ),
            Some(MatchKind::Domain)
        );
        assert_eq!(
            compare(key("acme", None), key("acme", None)),
            Some(MatchKind::Name)
        );
        assert_eq!(
            compare(
                key("acme cloud", Some("a.com")),
                key("acme bank", Some("b.com"))
            ),
            None
        );
    }

    #[test]
    fn reasons_name_the_claim_its_owner_and_its_date() {
        let approved = claim(42, RegistrationStatus::Approved, 1_780_000_000);
        assert_eq!(
            reason(MatchKind::Domain, &approved),
            "same domain as registration R-1042 by Globex Consulting, approved 2026-09-21"
        );
        let pending = claim(43, RegistrationStatus::Submitted, 1_780_000_000);
        assert_eq!(
            reason(MatchKind::SimilarName, &pending),
            "similar company name to registration R-1043 by Globex Consulting, submitted 2026-05-28"
        );
    }

    fn subject(submitted_at: Timestamp) -> Subject {
        Subject {
            registration_id: 9,
            organization_id: 7,
            submitted_at,
        }
    }

    #[test]
    fn protected_beats_new_and_earlier_beats_later() {
        let approved = claim(1, RegistrationStatus::Approved, 100);
        assert!(
            suggest(subject(50), &[approved], &[])
                .unwrap()
                .starts_with("Decline R-1009")
        );
        let earlier = claim(2, RegistrationStatus::Submitted, 100);
        let one = std::slice::from_ref(&earlier);
        assert!(
            suggest(subject(200), one, &[])
                .unwrap()
                .starts_with("R-1002 by Globex")
        );
        assert!(
            suggest(subject(50), one, &[])
                .unwrap()
                .starts_with("R-1009 was registered first")
        );
        assert_eq!(suggest(subject(50), &[], &[]), None);
    }

    #[test]
    fn the_incumbent_beats_net_new_and_direct_accounts_need_their_owner() {
        let account = |incumbent| AccountClaim {
            name: "Contoso",
            owner: "Dana Direct",
            incumbent,
        };
        let theirs = [account(Some((3, "Globex Consulting")))];
        assert_eq!(
            suggest(subject(50), &[], &theirs).unwrap(),
            "Decline R-1009: Globex Consulting is the incumbent partner on Contoso."
        );
        let ours = [account(Some((7, "Northwind Partners")))];
        assert!(
            suggest(subject(50), &[], &ours)
                .unwrap()
                .starts_with("Approve R-1009")
        );
        let direct = [account(None)];
        assert!(
            suggest(subject(50), &[], &direct)
                .unwrap()
                .contains("owned by Dana Direct")
        );
        assert_eq!(
            account_reason(MatchKind::Domain, &theirs[0]),
            "same domain as account Contoso (owner: Dana Direct; incumbent partner: Globex Consulting)"
        );
    }
}
