//! Filing a registration: the submission budget, the conflict check against live
//! registrations and the account book, the findings, and the audit records. Used by the
//! portal's form, the registration links and the demo data alike.

use std::collections::{BTreeMap, HashSet};

use portico_api::date::Date;
use portico_api::integrations::WebhookEventType;
use portico_api::registrations::{ConflictLevel, RegistrationRequest, ValidRegistration};
use sha2::{Digest, Sha256};

use super::SUBJECT;
use super::findings::account_claim;
use crate::app::certifications::gating;
use crate::app::unit_of_work::{self, Event, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::clock::Timestamp;
use crate::domain::company;
use crate::domain::conflict::{self, Claim, CustomerKey, Finding};
use crate::domain::program::{LINK_SUBMISSIONS, ProgramRules};
use crate::state::AppState;
use crate::store::accounts::{self, AccountRow};
use crate::store::audit::AuditEntry;
use crate::store::blocks::{self, Holder, Probe};
use crate::store::products;
use crate::store::registrations::{self as store, ClaimRow, ClaimScope, Matched, NewRegistration};
use crate::store::sql::Conn;

/// A validated registration and who files it for which organization.
pub struct Filing<'a> {
    pub organization_id: i64,
    /// The signed-in submitter; `None` through the organization's registration link.
    pub submitted_by: Option<i64>,
    pub submitter_name: &'a str,
    pub submitter_email: &'a str,
    /// The client address, for submissions through a registration link.
    pub submitted_from: Option<&'a str>,
    pub idempotency_key: Option<&'a str>,
    /// Tells a retry (same request) from a reused key (another request).
    pub request_hash: &'a str,
    pub registration: &'a ValidRegistration,
}

pub fn request_hash(request: &RegistrationRequest) -> AppResult<String> {
    let bytes = serde_json::to_vec(request).map_err(AppError::internal)?;
    Ok(hex::encode(Sha256::digest(bytes)))
}

/// Files the registration unless a request with the same idempotency key already did;
/// returns the registration's id either way.
pub async fn file_once(state: &AppState, filing: &Filing<'_>) -> AppResult<i64> {
    let now = state.now();
    // Everything that only reads happens before the write turn, so filings wait less for it.
    let mut conn = state.db.acquire().await?;
    if let Some(id) = earlier_submission(&mut conn, filing).await? {
        return Ok(id);
    }
    admit(&mut conn, &state.rules, filing, now).await?;
    let lookup = Lookup::read(&mut conn, filing.registration, now).await?;
    drop(conn);
    if let Some(rendezvous) = &state.filing_rendezvous {
        rendezvous.wait().await;
    }
    let filed = unit_of_work::run(state, async |unit| {
        store::take_filing_turn(unit.tx(), state.db.engine()).await?;
        within_budgets(unit.tx(), &state.rules, filing, now).await?;
        let id = file(unit, &state.rules, filing, lookup).await?;
        let submitted = WebhookEventType::RegistrationSubmitted;
        unit.publish(Event::Registration(id, submitted)).await?;
        Ok(id)
    })
    .await;
    match filed {
        // Two requests with one key raced and the other committed first.
        Err(AppError::Store(e)) if e.is_duplicate() && filing.idempotency_key.is_some() => {
            let mut conn = state.db.acquire().await?;
            earlier_submission(&mut conn, filing)
                .await?
                .ok_or_else(|| AppError::internal("the racing registration vanished"))
        }
        other => other,
    }
}

/// Checks the submission budgets, the products and the certifications they need before the
/// conflict check's reading, so a spent budget costs no reading.
async fn admit(
    conn: &mut Conn,
    rules: &ProgramRules,
    filing: &Filing<'_>,
    now: Timestamp,
) -> AppResult<()> {
    within_budgets(conn, rules, filing, now).await?;
    if !products::all_active(&mut *conn, &filing.registration.products).await? {
        return Err(AppError::field(
            "products",
            "Choose products from the list.",
        ));
    }
    let registration = filing.registration;
    let today = Date::from_unix(now).to_string();
    gating::check(conn, filing.organization_id, &registration.products, &today).await
}

/// The budgets a filing spends: its organization's (against mining the conflict check for
/// others' customers) and, through a registration link, its client address's. Checked again
/// in the write turn, where no other filing can spend them meanwhile, so a burst of parallel
/// submissions never exceeds them.
async fn within_budgets(
    conn: &mut Conn,
    rules: &ProgramRules,
    filing: &Filing<'_>,
    now: Timestamp,
) -> AppResult<()> {
    let budget = rules.submissions();
    let spent = store::nth_latest_submission(
        &mut *conn,
        filing.organization_id,
        budget.window_start(now),
        budget.max_failures,
    )
    .await?;
    if let Some(retry_after_secs) = spent.map(|at| budget.retry_after_budget_spent(at, now)) {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    if let Some(address) = filing.submitted_from {
        let since = LINK_SUBMISSIONS.window_start(now);
        let recent = store::submitted_from_since(&mut *conn, address, since).await?;
        if let Some(retry_after_secs) = LINK_SUBMISSIONS.retry_after(&recent, now) {
            return Err(AppError::RateLimited { retry_after_secs });
        }
    }
    Ok(())
}

/// The conflict check's reading: the live registrations and the accounts that share a blocking
/// key or the domain with the customer. Done before the write turn; inside it, only the
/// registrations filed since are read again. The account book is read once: an account
/// imported while a registration is filed counts as imported a moment later.
pub struct Lookup {
    name_key: String,
    domain_key: Option<String>,
    /// The newest registration when the claims were read: later ones are not among them.
    seen_up_to: i64,
    claims: Vec<ClaimRow>,
    /// The accounts that match, each with its strongest finding over its names.
    accounts: Vec<(AccountRow, Finding)>,
}

impl Lookup {
    pub async fn read(
        conn: &mut Conn,
        registration: &ValidRegistration,
        now: Timestamp,
    ) -> AppResult<Lookup> {
        let name_key = company::name_key(&registration.company_name);
        let domain_key = company::registrable_domain(&registration.company_domain);
        let probe = Probe::new(&name_key, domain_key.as_deref());
        // Read first: a registration filed while the claims are read is then caught up on.
        let seen_up_to = store::newest_id(&mut *conn).await?;
        let claims = store::live_claims(&mut *conn, now, ClaimScope::Probe(&probe)).await?;
        let customer = CustomerKey {
            name_key: &name_key,
            domain_key: domain_key.as_deref(),
        };
        let mut best: BTreeMap<i64, Finding> = BTreeMap::new();
        for candidate in accounts::candidates(&mut *conn, &probe).await? {
            let keys = CustomerKey {
                name_key: &candidate.name_key,
                domain_key: candidate.domain_key.as_deref(),
            };
            if let Some(found) = conflict::compare(customer, keys) {
                best.entry(candidate.id)
                    .and_modify(|f| *f = (*f).min_by_rank(found))
                    .or_insert(found);
            }
        }
        let ids: Vec<i64> = best.keys().copied().collect();
        let accounts = accounts::by_ids(conn, &ids)
            .await?
            .into_iter()
            .filter_map(|row| best.get(&row.id).map(|found| (row, *found)))
            .collect();
        Ok(Lookup {
            name_key,
            domain_key,
            seen_up_to,
            claims,
            accounts,
        })
    }

    /// Adds the claims filed since the reading; called in the write turn, when no more can be.
    /// They are few, so all are read and `collisions` picks the matching ones; one committed
    /// between reading the newest id and the claims is there already.
    async fn catch_up(&mut self, conn: &mut Conn, now: Timestamp) -> AppResult<()> {
        let after = ClaimScope::After(self.seen_up_to);
        let newer = store::live_claims(conn, now, after).await?;
        let known: HashSet<i64> = self.claims.iter().map(|c| c.id).collect();
        self.claims
            .extend(newer.into_iter().filter(|c| !known.contains(&c.id)));
        Ok(())
    }
}

/// Completes the conflict check and writes the registration with its findings and audit
/// records; in the write turn. A taken idempotency key is a duplicate `StoreError`.
pub async fn file(
    unit: &mut UnitOfWork,
    rules: &ProgramRules,
    filing: &Filing<'_>,
    mut lookup: Lookup,
) -> AppResult<i64> {
    let valid = filing.registration;
    let now = unit.now();
    lookup.catch_up(unit.tx(), now).await?;
    let Lookup {
        name_key,
        domain_key,
        claims,
        accounts,
        ..
    } = &lookup;
    let customer = CustomerKey {
        name_key,
        domain_key: domain_key.as_deref(),
    };
    let matches = collisions(customer, claims, accounts);
    let new = NewRegistration {
        organization_id: filing.organization_id,
        submitted_by: filing.submitted_by,
        submitter_name: filing.submitter_name,
        submitter_email: filing.submitter_email,
        submitted_from: filing.submitted_from,
        idempotency_key: filing.idempotency_key,
        request_hash: filing.request_hash,
        registration: valid,
        name_key,
        domain_key: domain_key.as_deref(),
        conflict: if matches.is_empty() {
            ConflictLevel::None
        } else {
            ConflictLevel::Review
        },
        decide_by: rules.decide_by(now),
    };
    let id = store::insert(unit.tx(), &new, now).await?;
    blocks::add(unit.tx(), Holder::Registration, &[(id, name_key)]).await?;
    store::insert_products(unit.tx(), id, &valid.products).await?;
    record_findings(unit, id, &matches, filing).await?;
    Ok(id)
}

/// The registration an earlier request with this idempotency key made; the same key on a
/// different request is refused rather than silently answered with the old registration.
async fn earlier_submission(conn: &mut Conn, filing: &Filing<'_>) -> AppResult<Option<i64>> {
    let Some(key) = filing.idempotency_key else {
        return Ok(None);
    };
    match store::by_idempotency_key(conn, filing.organization_id, key).await? {
        Some((id, hash)) if hash == filing.request_hash => Ok(Some(id)),
        Some(_) => Err(AppError::Unprocessable(
            "This Idempotency-Key was already used for a different registration.".into(),
        )),
        None => Ok(None),
    }
}

/// An existing claim on the customer: a live registration or an account of the book.
enum Collision<'a> {
    Registration(Finding, &'a ClaimRow),
    Account(Finding, &'a AccountRow),
}

impl Collision<'_> {
    fn finding(&self) -> Finding {
        match self {
            Collision::Registration(found, _) | Collision::Account(found, _) => *found,
        }
    }
}

/// The claims on the customer, best first; registrations before accounts of equal rank.
fn collisions<'a>(
    customer: CustomerKey<'_>,
    claims: &'a [ClaimRow],
    accounts: &'a [(AccountRow, Finding)],
) -> Vec<Collision<'a>> {
    let registrations = claims.iter().filter_map(|c| {
        let keys = CustomerKey {
            name_key: &c.name_key,
            domain_key: c.domain_key.as_deref(),
        };
        conflict::compare(customer, keys).map(|found| Collision::Registration(found, c))
    });
    let accounts = accounts
        .iter()
        .map(|(account, found)| Collision::Account(*found, account));
    let mut all: Vec<Collision<'a>> = registrations.chain(accounts).collect();
    all.sort_by_key(|c| c.finding().rank());
    all
}

/// Stores the findings and writes the submission's audit records: the partner-visible
/// submission, and the manager-only conflict check with its reasons.
async fn record_findings(
    unit: &mut UnitOfWork,
    id: i64,
    matches: &[Collision<'_>],
    filing: &Filing<'_>,
) -> AppResult<()> {
    let (mut reasons, mut found) = (Vec::new(), Vec::new());
    for collision in matches {
        let (matched, reason) = match collision {
            Collision::Registration(finding, claim) => (
                Matched::Registration(claim.id),
                conflict::reason(&claim_of(claim, *finding)),
            ),
            Collision::Account(finding, account) => (
                Matched::Account(account.id),
                conflict::account_reason(&account_claim(account, *finding)),
            ),
        };
        found.push((matched, collision.finding()));
        reasons.push(reason);
    }
    store::insert_findings(unit.tx(), id, &found).await?;
    let findings = if reasons.is_empty() {
        "no conflict found".to_owned()
    } else {
        reasons.join("; ")
    };
    for (action, rationale) in [
        ("registration.submitted", None),
        ("registration.conflict_checked", Some(findings.as_str())),
    ] {
        let entry = AuditEntry {
            organization_id: Some(filing.organization_id),
            rationale: rationale.map(str::to_owned),
            ..AuditEntry::new(filing.submitted_by, action, SUBJECT, Some(id))
        };
        unit.record(entry);
    }
    Ok(())
}

/// The claim as its reason text needs it (which does not say whether it is certified).
fn claim_of(row: &ClaimRow, finding: Finding) -> Claim<'_> {
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
