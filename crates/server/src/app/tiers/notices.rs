//! What a tier change tells the people it concerns: an organization hears about its own tier,
//! vendor staff about a promotion waiting for them and an override that ran out.

use portico_api::date::Date;
use portico_api::notifications::Category;
use portico_api::numbers::group_thousands;
use portico_api::organizations::Tier;
use portico_api::tiers::{Rule, TierEvent, TierProgram};

use super::{CertificationNames, rule_label};
use crate::clock::Timestamp;
use crate::domain::tiering::Metrics;
use crate::store::outbox::{Message, Recipients};

/// One change and what its message needs to say.
pub struct Notice<'a> {
    pub event: TierEvent,
    pub from: Tier,
    pub to: Tier,
    pub organization_id: i64,
    pub organization: &'a str,
    /// The end of a grace period, or of an override.
    pub until: Option<Timestamp>,
    /// What the organization measured, to say which rules it misses, and the names of the
    /// certifications rules name.
    pub measured: Option<(&'a Metrics, &'a CertificationNames)>,
    pub program: &'a TierProgram,
}

pub fn message(notice: &Notice) -> Message {
    let name = |tier: Tier| {
        notice
            .program
            .tiers
            .iter()
            .find(|t| t.tier == tier)
            .map_or(tier.label(), |t| t.name.as_str())
    };
    let (from, to, org) = (name(notice.from), name(notice.to), notice.organization);
    let day = notice
        .until
        .map(|t| Date::from_unix(t).to_string())
        .unwrap_or_default();
    let (vendor, subject, body) = match notice.event {
        TierEvent::Promoted => (false, format!("{org} is now {to}"), benefits(notice, to)),
        TierEvent::PromotionProposed => (
            true,
            format!("{org} qualifies for {to}"),
            format!("Approve the promotion on the Tiers page, or leave {org} at {from}."),
        ),
        TierEvent::GraceStarted => (
            false,
            format!("{org} no longer meets {from}'s rules"),
            format!(
                "It keeps {from} until {day}, and for good if it qualifies again before then.\n\n\
                 What is missing:\n{}",
                missing(notice)
            ),
        ),
        TierEvent::GraceLifted => (
            false,
            format!("{org} meets {from}'s rules again"),
            format!("It keeps {from}."),
        ),
        TierEvent::MovedDown => (
            false,
            format!("{org} is now {to}"),
            format!("It did not meet {from}'s rules again by the end of its grace period."),
        ),
        TierEvent::Overridden => (
            false,
            format!("{org} is now {to}"),
            format!("Your partner manager set the tier to {to} until {day}."),
        ),
        TierEvent::OverrideExpired => (
            true,
            format!("{org}'s tier is no longer set by hand"),
            format!("The override to {from} ended; the rules place {org} again from now on."),
        ),
    };
    Message {
        category: Category::TierChange,
        to: Recipients::Organization((!vendor).then_some(notice.organization_id)),
        registration_id: None,
        subject,
        body,
        link: Some(if vendor { "/manage/tiers" } else { "/" }.to_owned()),
    }
}

/// Vendor staff hear a week ahead that a tier set by hand ends, so they can extend it.
pub fn override_ending(organization: &str, tier: &str, until: Timestamp) -> Message {
    let day = Date::from_unix(until).to_string();
    Message {
        category: Category::TierChange,
        to: Recipients::Organization(None),
        registration_id: None,
        subject: format!("{organization}'s tier set by hand ends on {day}"),
        body: format!(
            "{organization} stays {tier} until then; after, the rules place it again. Set the \
             tier again on the Tiers page to keep it."
        ),
        link: Some("/manage/tiers".to_owned()),
    }
}

fn benefits(notice: &Notice, to: &str) -> String {
    let text = notice
        .program
        .tiers
        .iter()
        .find(|t| t.tier == notice.to)
        .map_or("", |t| t.benefits.as_str());
    format!("It qualified for {to}. What it brings: {text}")
}

/// The rules of the tier being lost that are not met, one a line: "Won deals: 1 of 3".
fn missing(notice: &Notice) -> String {
    let rules: &[Rule] = notice
        .program
        .tiers
        .iter()
        .find(|t| t.tier == notice.from)
        .map_or(&[], |t| t.rules.as_slice());
    let Some((metrics, names)) = notice.measured else {
        return String::new();
    };
    rules
        .iter()
        .filter(|rule| !metrics.meets(rule))
        .map(|rule| {
            let unit = if rule.measure.is_revenue() {
                format!(" {}", notice.program.currency)
            } else {
                String::new()
            };
            format!(
                "- {}: {}{unit} of {}{unit}",
                rule_label(rule, names),
                group_thousands(metrics.value(rule)),
                group_thousands(rule.at_least)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
