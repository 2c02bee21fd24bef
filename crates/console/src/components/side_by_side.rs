//! The conflict check's findings on a registration, for managers: each finding best first with
//! its strength and score, and beside the registration the claims they name, in that order.

use leptos::prelude::*;
use portico_api::accounts::Account;
use portico_api::registrations::{ConflictFinding, ManagerRegistration, MatchStrength};

use portico_ui::components::Time;
use portico_ui::components::{Facts, ProtectionText, RegistrationFacts, StatusBadge};
use portico_ui::route::Route;

use crate::text;

/// The findings best first, and what the conflict rules suggest.
#[component]
pub fn FindingsNotice(
    /// Where the conflict stands now: "1 competing claim", "Resolved".
    summary: String,
    findings: Vec<ConflictFinding>,
    suggestion: Option<String>,
) -> impl IntoView {
    let resolved = summary == "Resolved";
    view! {
        <div class="notice" class:notice-warning=!resolved id="findings">
            <h2 class="section-title">{text::registration::CONFLICT_CHECK} {summary}</h2>
            <ol class="findings">
                {findings
                    .into_iter()
                    .map(|f| view! { <li><StrengthBadge strength=f.strength score=f.score />" "{f.reason}</li> })
                    .collect_view()}
            </ol>
            {suggestion.map(|s| view! { <p id="suggestion"><strong>{text::registration::SUGGESTED}</strong>{s}</p> })}
        </div>
    }
}

/// The registration, then each claim a finding names, best first, then the claims filed later
/// whose check named it.
#[component]
pub fn SideBySide(
    registration: ManagerRegistration,
    findings: Vec<ConflictFinding>,
    matches: Vec<ManagerRegistration>,
    later_claims: Vec<ManagerRegistration>,
    accounts: Vec<Account>,
) -> impl IntoView {
    let claims = findings
        .into_iter()
        .filter_map(|f| {
            let found = (f.strength, f.score);
            if let Some(id) = f.registration_id {
                let claim = matches.iter().find(|m| m.registration.id == id)?.clone();
                Some(view! { <ClaimCard claim found=Some(found) /> }.into_any())
            } else {
                let account = accounts
                    .iter()
                    .find(|a| Some(a.id) == f.account_id)?
                    .clone();
                Some(view! { <AccountCard account found /> }.into_any())
            }
        })
        .collect_view();
    let later = later_claims
        .into_iter()
        .map(|claim| view! { <ClaimCard claim found=None later=true /> })
        .collect_view();
    view! {
        <div class="side-by-side" id="side-by-side">
            <ClaimCard claim=registration found=None />
            {claims}
            {later}
        </div>
    }
}

/// "Strong match · 86", styled by strength.
#[component]
fn StrengthBadge(strength: MatchStrength, score: u8) -> impl IntoView {
    let class = format!("badge badge-strength badge-strength-{}", strength.as_str());
    view! { <span class=class data-strength=strength.as_str()>{format!("{} · {score}", strength.label())}</span> }
}

/// One claim on the customer: whose it is, where it stands, and its facts; `found` is how it
/// matched, `None` for the registration being decided and for a `later` claim (filed after it,
/// whose own check found it).
#[component]
fn ClaimCard(
    claim: ManagerRegistration,
    found: Option<(MatchStrength, u8)>,
    #[prop(optional)] later: bool,
) -> impl IntoView {
    let ManagerRegistration {
        registration: r,
        organization,
        decide_by,
        sla_breached,
        waiting_hours,
        competing_claims: _,
    } = claim;
    let main = found.is_none() && !later;
    let heading = match (main, later) {
        (true, _) => text::registration::this_registration(&organization.name),
        (false, true) => text::registration::claim_filed_later(&r.number, &organization.name),
        (false, false) => text::registration::claim(&r.number, &organization.name),
    };
    let href = (!main).then(|| Route::ManageRegistration { id: r.id }.href());
    view! {
        <article class="panel claim" class:claim-main=main>
            <h2 class="section-title">
                {match href {
                    Some(href) => view! { <a href=href>{heading}</a> }.into_any(),
                    None => heading.into_any(),
                }}
            </h2>
            {found.map(|(strength, score)| view! { <p><StrengthBadge strength score /></p> })}
            <p>
                <StatusBadge status=r.status />
                {r.protection.clone().map(|p| view! { " " <ProtectionText protection=p /> })}
            </p>
            {waiting_hours.map(|hours| view! {
                <p>
                    {text::registration::waiting_decide_by(&waited(hours))} <Time value=decide_by zoned=true />
                    {sla_breached.then(|| view! { " " <span class="badge badge-late">{text::registration::PAST_SLA}</span> })}
                </p>
            })}
            {r.decision.clone().and_then(|d| d.rationale).map(|text| view! { <p class="prose">{text}</p> })}
            <RegistrationFacts registration=r />
        </article>
    }
}

/// An account of the vendor's book that the registration matched.
#[component]
fn AccountCard(account: Account, found: (MatchStrength, u8)) -> impl IntoView {
    let (strength, score) = found;
    let mut facts = vec![
        (
            text::registration::DOMAIN,
            account.domain.unwrap_or_default(),
        ),
        (text::registration::OWNER, account.owner),
        (
            text::registration::INCUMBENT,
            account
                .incumbent
                .map_or_else(|| text::registration::NO_INCUMBENT.to_owned(), |o| o.name),
        ),
    ];
    if !account.alternative_names.is_empty() {
        facts.push((
            text::registration::ALSO_KNOWN_AS,
            account.alternative_names.join("; "),
        ));
    }
    view! {
        <article class="panel claim">
            <h2 class="section-title">{text::registration::account(&account.name)}</h2>
            <p><StrengthBadge strength score /></p>
            <Facts facts />
        </article>
    }
}

/// "5 h", "2 d 4 h"
pub(crate) fn waited(hours: i64) -> String {
    text::common::waited(hours)
}
