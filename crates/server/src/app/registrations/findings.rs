//! What the conflict check found for a registration, read back for managers and CRM cards.

use std::collections::{HashMap, HashSet};

use portico_api::registrations::{ConflictFinding, ConflictLevel};

use crate::app::AppResult;
use crate::domain::conflict::{self, AccountClaim, Claim, Finding, Subject};
use crate::state::AppState;
use crate::store::accounts::{self, AccountRow};
use crate::store::certifications;
use crate::store::registrations::{self as store, Matched, RegistrationRow};

/// What the conflict check found for a registration, best first: each finding with its
/// strength and reason, and the registrations and accounts it matched, in the same order.
pub struct Findings {
    pub findings: Vec<ConflictFinding>,
    pub matched: Vec<(RegistrationRow, Finding)>,
    pub matched_accounts: Vec<(AccountRow, Finding)>,
}

pub async fn conflict_findings(state: &AppState, registration_id: i64) -> AppResult<Findings> {
    let found = store::findings_of(state.db.pool(), registration_id).await?;
    let (registration_ids, account_ids) = matched_ids(&found);
    // Two reads for all the findings, however many there are.
    let mut conn = state.db.acquire().await?;
    let registrations = by_id(store::by_ids(&mut conn, &registration_ids).await?, |r| r.id);
    let accounts = by_id(accounts::by_ids(&mut conn, &account_ids).await?, |a| a.id);
    let mut findings = Vec::new();
    let (mut matched, mut matched_accounts) = (Vec::new(), Vec::new());
    for (target, found) in found {
        let finding = |reason, registration_id, account_id| ConflictFinding {
            level: ConflictLevel::Review,
            strength: found.strength,
            score: found.score,
            reason,
            registration_id,
            account_id,
        };
        match target {
            Matched::Registration(other_id) => {
                let Some(other) = registrations.get(&other_id) else {
                    continue;
                };
                findings.push(finding(
                    conflict::reason(&claim_of_row(other, found)),
                    Some(other_id),
                    None,
                ));
                matched.push((other.clone(), found));
            }
            Matched::Account(account_id) => {
                let Some(account) = accounts.get(&account_id) else {
                    continue;
                };
                findings.push(finding(
                    conflict::account_reason(&account_claim(account, found)),
                    None,
                    Some(account_id),
                ));
                matched_accounts.push((account.clone(), found));
            }
        }
    }
    Ok(Findings {
        findings,
        matched,
        matched_accounts,
    })
}

fn matched_ids(found: &[(Matched, Finding)]) -> (Vec<i64>, Vec<i64>) {
    let (mut registrations, mut accounts) = (Vec::new(), Vec::new());
    for (target, _) in found {
        match target {
            Matched::Registration(id) => registrations.push(*id),
            Matched::Account(id) => accounts.push(*id),
        }
    }
    (registrations, accounts)
}

fn by_id<T>(rows: Vec<T>, id: fn(&T) -> i64) -> HashMap<i64, T> {
    rows.into_iter().map(|row| (id(&row), row)).collect()
}

impl Findings {
    /// How the conflict should be resolved, judged from the registration and what it matched,
    /// and which of their partners hold a certification today.
    pub async fn suggestion(
        &self,
        state: &AppState,
        row: &RegistrationRow,
    ) -> AppResult<Option<String>> {
        let organizations: Vec<i64> = self
            .matched
            .iter()
            .map(|(r, _)| r.organization_id)
            .chain([row.organization_id])
            .collect();
        let certified: HashSet<i64> = certifications::certified_organizations(
            state.db.pool(),
            &organizations,
            &state.today(),
        )
        .await?
        .into_iter()
        .collect();
        let subject = Subject {
            registration_id: row.id,
            organization_id: row.organization_id,
            submitted_at: row.submitted_at,
            certified: certified.contains(&row.organization_id),
        };
        let claims = self
            .matched
            .iter()
            .map(|(row, found)| Claim {
                certified: certified.contains(&row.organization_id),
                ..claim_of_row(row, *found)
            })
            .collect::<Vec<_>>();
        let account_claims: Vec<_> = self
            .matched_accounts
            .iter()
            .map(|(account, found)| account_claim(account, *found))
            .collect();
        Ok(conflict::suggest(subject, &claims, &account_claims))
    }
}

/// The claim as its reason text needs it; the suggestion adds whether it is certified.
fn claim_of_row(row: &RegistrationRow, finding: Finding) -> Claim<'_> {
    Claim {
        registration_id: row.id,
        organization_name: &row.organization_name,
        status: row.status,
        submitted_at: row.submitted_at,
        decided_at: row.decided_at,
        finding,
        certified: false,
    }
}

pub(super) fn account_claim(row: &AccountRow, finding: Finding) -> AccountClaim<'_> {
    AccountClaim {
        name: &row.name,
        owner: &row.owner,
        incumbent: row
            .incumbent_organization_id
            .zip(row.incumbent_name.as_deref()),
        finding,
    }
}
