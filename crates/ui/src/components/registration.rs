//! What partners and managers both see of a registration: its status, protection, facts and
//! timeline.

use leptos::prelude::*;
use portico_api::places::country_name;
use portico_api::registrations::{
    PartnerRegistration, Protection, RegistrationStatus, TimelineEntry,
};

use crate::components::{Facts, Time};
use crate::format::{format_day, format_money, format_time};
use crate::text;

/// A status as a coloured label with words (the colour is never the only signal).
#[component]
pub fn StatusBadge(status: RegistrationStatus) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", status.as_str())>{status.label()}</span> }
}

/// "2027-02-21 (90 days left)"
#[component]
pub fn ProtectionText(protection: Protection) -> impl IntoView {
    let date = format_day(&protection.ends_at);
    let left = text::registration::days_left(protection.days_left);
    view! {
        <span class="protection">
            <time datetime=protection.ends_at>{date}</time>
            " (" {left} ")"
        </span>
    }
}

/// A registration's own facts as a description list, for partners and managers alike.
#[component]
pub fn RegistrationFacts(registration: PartnerRegistration) -> impl IntoView {
    let r = registration;
    let products = r
        .products
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let contact = match &r.contact_title {
        Some(title) => format!("{} ({title}), {}", r.contact_name, r.contact_email),
        None => format!("{}, {}", r.contact_name, r.contact_email),
    };
    let mut facts = vec![
        (text::registration::CUSTOMER, r.company_name),
        (text::registration::DOMAIN, r.company_domain),
        (
            text::registration::COUNTRY,
            country_name(&r.country).unwrap_or(&r.country).to_owned(),
        ),
        (text::registration::CONTACT, contact),
        (
            text::registration::KIND_AND_MOTION,
            format!("{} · {}", r.kind.label(), r.motion.label()),
        ),
        (
            text::registration::PARTNER_ROLE,
            r.partner_role.label().to_owned(),
        ),
    ];
    if !products.is_empty() {
        facts.push((text::registration::PRODUCTS, products));
    }
    if let Some(value) = r.estimated_value {
        let currency = r.currency.unwrap_or_default();
        facts.push((
            text::registration::ESTIMATED_VALUE,
            format_money(value, &currency),
        ));
    }
    if let Some(close) = r.expected_close {
        facts.push((text::registration::EXPECTED_CLOSE, format_day(&close)));
    }
    facts.push((text::registration::USE_CASE, r.description));
    facts.push((
        text::registration::SUBMITTED,
        format!("{}, {}", r.submitted_by, format_time(&r.submitted_at)),
    ));
    view! { <Facts facts /> }
}

#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    view! {
        <ol class="timeline" aria-label=text::registration::TIMELINE>
            {entries
                .into_iter()
                .map(|e| {
                    view! {
                        <li>
                            <Time value=e.at />
                            " — "
                            <strong>{e.what}</strong>
                            {e.who.map(|who| text::registration::by(&who))}
                            {e.rationale.map(|r| view! { <p class="prose">{r}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
