//! The organization's program tier on the partner's home: its benefits, how far the
//! organization is on each rule of the next tier, and a grace period when it no longer
//! qualifies. The home asks for it first and loads this card only when there is one.

use leptos::prelude::*;
use portico_api::tiers::{MyTier, RuleProgress};

use crate::text;
use portico_ui::components::{Glyph, HomeCard, Time};
use portico_ui::format::{format_money, format_number};

#[component]
pub fn TierCard(mine: MyTier) -> impl IntoView {
    view! {
        <HomeCard id="home-tier" glyph=Glyph::Award title=text::tier::TITLE>
            <Standing mine />
        </HomeCard>
    }
}

#[component]
fn Standing(mine: MyTier) -> impl IntoView {
    let MyTier {
        current,
        currency,
        window_months,
        next,
        progress,
        grace_until,
    } = mine;
    let grace = grace_until.map(|until| {
        view! {
            <p class="notice notice-warning" id="tier-grace">
                {text::tier::grace_before_date(&current.name)}
                <Time value=until />
                {text::tier::GRACE_AFTER_DATE}
            </p>
        }
    });
    let next = next.map(|next| {
        let rows = progress
            .into_iter()
            .map(|p| view! { <RuleRow progress=p currency=currency.clone() /> })
            .collect_view();
        view! {
            <h3 class="card-subtitle">{text::tier::to_reach(&next.name)}</h3>
            <ul class="plain-list tier-progress" id="tier-progress">{rows}</ul>
            <p class="muted">{text::tier::window(window_months)}</p>
        }
    });
    view! {
        <p>
            <span class="badge badge-tier" id="tier-name">{current.name}</span>
        </p>
        <p class="prose">{current.benefits}</p>
        {grace}
        {next}
    }
}

#[component]
fn RuleRow(progress: RuleProgress, currency: String) -> impl IntoView {
    let RuleProgress {
        measure,
        certification,
        current,
        required,
        met,
    } = progress;
    let label = match certification {
        Some(name) => text::tier::certified_in(&name),
        None => measure.label().to_owned(),
    };
    let show = |value: i64| {
        if measure.is_revenue() {
            format_money(value, &currency)
        } else {
            format_number(value)
        }
    };
    let (now, goal) = (show(current), show(required));
    view! {
        <li class:met=met>
            <span>{label}</span>
            <span class="tier-figure">{text::tier::of(&now, &goal)}{met.then_some(text::tier::MET)}</span>
            <meter min="0" max=required.max(1) value=current.min(required.max(1)) aria-hidden="true"></meter>
        </li>
    }
}
