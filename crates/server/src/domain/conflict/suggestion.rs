//! Which claim the program's rules favour when registrations collide: protection, then the
//! incumbent, then certification, then the earlier registration, and a directly owned account
//! needs its owner's word.

use portico_api::registrations::{MatchStrength, RegistrationStatus, number};

use super::{AccountClaim, Claim, Finding};
use crate::clock::Timestamp;

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
    use crate::domain::conflict::account_reason;
    use crate::domain::conflict::tests::{claim, finding};

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
