//! The customer uniqueness test: which existing claims a new registration collides with, how to
//! say so to a manager, and which claim the program's rules favour.

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

/// The registration being decided, as the hierarchy needs it.
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    pub registration_id: i64,
    pub organization_id: i64,
    pub submitted_at: Timestamp,
    /// Its organization holds a current certification.
    pub certified: bool,
}

/// What the conflict hierarchy suggests, from the findings a manager can rely on: possible
/// matches count only when there is nothing stronger, and the suggestion then says so.
pub fn suggest(
    subject: Subject,
    claims: &[Claim<'_>],
    accounts: &[AccountClaim<'_>],
) -> Option<String> {
    let sure = |finding: Finding| finding.strength != MatchStrength::Possible;
    let sure_claims: Vec<Claim<'_>> = claims.iter().filter(|c| sure(c.finding)).cloned().collect();
    let sure_accounts: Vec<AccountClaim<'_>> = accounts
        .iter()
        .filter(|a| sure(a.finding))
        .cloned()
        .collect();
    if sure_claims.is_empty() && sure_accounts.is_empty() {
        return hierarchy(subject, claims, accounts).map(|suggestion| {
            format!(
                "Possible match only: check that it is the same customer. If it is: {suggestion}"
            )
        });
    }
    hierarchy(subject, &sure_claims, &sure_accounts)
}

/// A protected registration beats a new one, the incumbent partner beats a net-new one, a
/// certified partner beats an uncertified one, the earlier registration beats the later, and a
/// directly owned account needs its owner's word.
fn hierarchy(
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
    if let Some(suggestion) = certified_wins(subject, claims) {
        return Some(suggestion);
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

/// Between open claims otherwise tied, the one whose partner is certified wins; when both or
/// neither are, it is still a tie.
fn certified_wins(subject: Subject, claims: &[Claim<'_>]) -> Option<String> {
    let new = number(subject.registration_id);
    let mut open = claims.iter().filter(|c| c.status.is_open()).peekable();
    open.peek()?;
    let mut certified = open.filter(|c| c.certified).peekable();
    match (subject.certified, certified.peek()) {
        (true, None) => Some(format!(
            "Approve {new}: its partner is certified and the competing partners are not."
        )),
        (false, Some(rival)) => Some(format!(
            "Decline {new}: {} by {} comes from a certified partner.",
            number(rival.registration_id),
            rival.organization_name
        )),
        _ => None,
    }
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

    fn finding(strength: MatchStrength, score: u8) -> Finding {
        Finding { strength, score }
    }

    fn claim(id: i64, status: RegistrationStatus, submitted_at: Timestamp) -> Claim<'static> {
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

    fn subject(submitted_at: Timestamp) -> Subject {
        Subject {
            registration_id: 9,
            organization_id: 7,
            submitted_at,
            certified: false,
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
    fn a_certified_partner_wins_a_tie_and_two_certified_ones_fall_back_to_the_earlier() {
        let earlier = claim(2, RegistrationStatus::Submitted, 100);
        let certified_later = Subject {
            certified: true,
            ..subject(200)
        };
        let suggestion = suggest(certified_later, std::slice::from_ref(&earlier), &[]).unwrap();
        assert!(
            suggestion.starts_with("Approve R-1009: its partner is certified"),
            "{suggestion}"
        );
        let certified_rival = Claim {
            certified: true,
            ..earlier.clone()
        };
        let suggestion = suggest(subject(50), std::slice::from_ref(&certified_rival), &[]).unwrap();
        assert_eq!(
            suggestion,
            "Decline R-1009: R-1002 by Globex Consulting comes from a certified partner."
        );
        let both = suggest(certified_later, &[certified_rival], &[]).unwrap();
        assert!(
            both.starts_with("R-1002 by Globex Consulting was registered first"),
            "{both}"
        );
        let approved = claim(1, RegistrationStatus::Approved, 100);
        assert!(
            suggest(certified_later, &[approved], &[])
                .unwrap()
                .starts_with("Decline R-1009"),
            "protection still beats certification"
        );
    }

    #[test]
    fn the_incumbent_beats_net_new_and_direct_accounts_need_their_owner() {
        let account = |incumbent| AccountClaim {
            name: "Contoso",
            owner: "Dana Direct",
            incumbent,
            finding: Finding::exact(),
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
            account_reason(&theirs[0]),
            "same domain as account Contoso (owner: Dana Direct; incumbent partner: Globex Consulting)"
        );
    }

    #[test]
    fn a_possible_match_alone_says_so_and_never_outweighs_a_sure_one() {
        let mut protected = claim(1, RegistrationStatus::Approved, 100);
        protected.finding = finding(MatchStrength::Possible, 40);
        let alone = suggest(subject(50), std::slice::from_ref(&protected), &[]).unwrap();
        assert_eq!(
            alone,
            "Possible match only: check that it is the same customer. If it is: Decline R-1009: \
             R-1001 by Globex Consulting is approved and protected."
        );
        // A sure match decides, and the possible one does not turn it into a decline.
        let earlier = claim(2, RegistrationStatus::Submitted, 10);
        let suggestion = suggest(subject(50), &[protected, earlier], &[]).unwrap();
        assert!(
            suggestion.starts_with("R-1002 by Globex Consulting was registered first"),
            "{suggestion}"
        );
    }
}
