//! The partner's home: what needs an answer, protection about to end, news, the organization's
//! registrations and open deals, and a new partner's first steps. Every number links to the
//! list it counts.

use leptos::prelude::*;
use portico_api::Role;
use portico_api::dashboard::{
    PROTECTION_ENDING_DAYS, PartnerDashboard, RegistrationBrief, StageTotal, StatusCount,
};
use portico_api::pipeline::stage_label;
use portico_api::tiers::MyTier;

use portico_ui::api;
use portico_ui::components::{
    Glyph, HomeCard, ProtectionText, Stat, StatusBadge, WhenVisible, record_page,
};
use portico_ui::deal::money;
use portico_ui::dom::{set_title, spawn};
use portico_ui::lazy::lazy_page;
use portico_ui::route::Route;
use portico_ui::session::use_session;

use crate::text;

mod onboarding;
mod people;
mod team;
mod tier;

use onboarding::OnboardingChecklist;

// Cards only some partners see load with their own code: the team and people cards (partner
// admins) and the tier card (once the program has tiers: asked first, so its code loads only then).
portico_ui::lazy_pages! {
    team() => view! { <team::Team /> };
    people(organization_id: i64) => view! { <people::People organization_id /> };
    tier(mine: MyTier) => view! { <tier::TierCard mine /> };
}

#[component]
pub fn HomePage() -> impl IntoView {
    set_title(text::home::TITLE);
    // The guard shows this page only to a signed-in user.
    let Some(me) = untrack(|| use_session().me()) else {
        return ().into_any();
    };
    let admin = me.user.role == Role::PartnerAdmin;
    // A partner admin's organization, whose people's certifications the home shows.
    let admin_of = me.organization.as_ref().map(|o| o.id).filter(|_| admin);
    let organization = me
        .organization
        .map(|org| view! { <span id="home-org" class="org">{org.name}</span> });
    view! {
        <section class="page">
            <div class="page-head">
                <div>
                    <h1 id="welcome">{text::home::welcome(&me.user.name)}</h1>
                    <p class="lead">
                        <span id="home-role" class="badge">{me.user.role.label()}</span>
                        {organization}
                    </p>
                </div>
                <a id="home-register" class="button" href=Route::Register.href()>
                    {text::home::REGISTER_DEAL}
                </a>
            </div>
            {record_page(
                api::partner_dashboard,
                text::home::LOADING,
                move |home, _| view! { <Overview home admin_of /> }.into_any(),
            )}
        </section>
    }
    .into_any()
}

#[component]
fn Overview(home: PartnerDashboard, admin_of: Option<i64>) -> impl IntoView {
    let admin = admin_of.is_some();
    view! {
        {home.onboarding.map(|progress| view! { <OnboardingChecklist progress admin /> })}
        <div class="home-grid">
            <ToAnswer items=home.to_answer />
            <ProtectionEnding items=home.protection_ending total=home.protection_ending_total />
            <Registrations home_counts=home.registrations />
            <News
                unread=home.unread_announcements
                to_acknowledge=home.to_acknowledge
                new_content=home.new_content
            />
            <Pipeline stages=home.pipeline />
            <WhenVisible>
                <Tier />
            </WhenVisible>
            {admin.then(|| view! { <WhenVisible>{lazy_page(team())}</WhenVisible> })}
            {admin_of.map(|id| view! { <WhenVisible>{lazy_page(people(id))}</WhenVisible> })}
        </div>
    }
}

fn brief_link(r: &RegistrationBrief) -> impl IntoView + use<> {
    let href = Route::MyRegistration { id: r.id }.href();
    view! { <a href=href>{format!("{} · {}", r.number, r.company_name)}</a> }
}

#[component]
fn ToAnswer(items: Vec<RegistrationBrief>) -> impl IntoView {
    let empty = items.is_empty();
    view! {
        <HomeCard id="home-to-answer" glyph=Glyph::Clock title=text::home::TO_ANSWER>
            {empty.then(|| view! { <p class="muted">{text::home::TO_ANSWER_EMPTY}</p> })}
            <ul class="plain-list">
                {items
                    .into_iter()
                    .map(|r| {
                        let why = match (&r.question, r.extension) {
                            (Some(question), _) => text::home::manager_asks(question),
                            (None, Some(extension)) => extension.label().to_owned(),
                            (None, None) => String::new(),
                        };
                        view! { <li>{brief_link(&r)} <p class="muted prose">{why}</p></li> }
                    })
                    .collect_view()}
            </ul>
        </HomeCard>
    }
}

#[component]
fn ProtectionEnding(items: Vec<RegistrationBrief>, total: i64) -> impl IntoView {
    let empty = items.is_empty();
    let more = (total > items.len() as i64).then(|| {
        let href = Route::MyRegistrations.with_query("status=approved");
        view! { <a href=href>{text::home::all(total)}</a> }
    });
    view! {
        <HomeCard id="home-protection" glyph=Glyph::Shield title=text::home::PROTECTION_ENDING>
            {empty.then(|| view! {
                <p class="muted">{text::home::protection_ending_empty(PROTECTION_ENDING_DAYS)}</p>
            })}
            <ul class="plain-list">
                {items
                    .into_iter()
                    .map(|r| {
                        let protection = r.protection.clone().map(|p| view! { <ProtectionText protection=p /> });
                        view! { <li>{brief_link(&r)} " " {protection}</li> }
                    })
                    .collect_view()}
            </ul>
            {more}
        </HomeCard>
    }
}

#[component]
fn Registrations(home_counts: Vec<StatusCount>) -> impl IntoView {
    let none = home_counts.iter().all(|c| c.count == 0);
    view! {
        <HomeCard id="home-registrations" glyph=Glyph::Clipboard title=text::home::REGISTRATIONS>
            {if none {
                view! {
                    <p class="muted">
                        {text::home::NO_REGISTRATIONS_BEFORE_LINK}
                        <a href=Route::Register.href()>{text::home::REGISTER_DEAL}</a>
                        {text::home::NO_REGISTRATIONS_AFTER_LINK}
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="stat-list">
                        {home_counts
                            .into_iter()
                            .filter(|c| c.count > 0)
                            .map(|c| {
                                let href = Route::MyRegistrations.with_query(&format!("status={}", c.status.as_str()));
                                view! {
                                    <li>
                                        <a class="stat-row" href=href>
                                            <StatusBadge status=c.status />
                                            <span class="stat-value">{c.count}</span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </HomeCard>
    }
}

#[component]
fn News(unread: i64, to_acknowledge: i64, new_content: i64) -> impl IntoView {
    view! {
        <HomeCard id="home-news" glyph=Glyph::Bell title=text::home::NEWS>
            <div class="stats">
                <Stat id="home-unread" count=unread label=text::home::UNREAD href=Route::Feed.href() urgent=true />
                <Stat id="home-acknowledge" count=to_acknowledge label=text::home::TO_ACKNOWLEDGE href=Route::Feed.href() urgent=true />
                <Stat id="home-new-content" count=new_content label=text::home::NEW_CONTENT href=Route::Content.href() />
            </div>
        </HomeCard>
    }
}

#[component]
fn Pipeline(stages: Vec<StageTotal>) -> impl IntoView {
    let empty = stages.is_empty();
    view! {
        <HomeCard id="home-pipeline" glyph=Glyph::Chart title=text::home::PIPELINE>
            {empty.then(|| view! {
                <p class="muted">{text::home::PIPELINE_EMPTY}</p>
            })}
            <ul class="stat-list">
                {stages.into_iter().map(stage_row).collect_view()}
            </ul>
            {(!empty).then(|| view! { <a href=Route::Pipeline.href()>{text::home::WHOLE_PIPELINE}</a> })}
        </HomeCard>
    }
}

fn stage_row(stage: StageTotal) -> impl IntoView {
    let href = Route::Pipeline.with_query(&format!(
        "motion={}&stage={}",
        stage.motion.as_str(),
        stage.stage
    ));
    let label = stage_label(stage.motion, &stage.stage).to_owned();
    let value = stage
        .values
        .iter()
        .filter_map(|v| money(Some(v.value), Some(&v.currency)))
        .collect::<Vec<_>>()
        .join(" + ");
    let deals = text::home::deals(stage.deals);
    view! {
        <li>
            <a class="stat-row" href=href>
                <span>{label}</span>
                <span class="stat-value">{deals}</span>
            </a>
            {(!value.is_empty()).then(|| view! { <span class="muted">{value} {text::home::REGISTERED_VALUE_AFTER}</span> })}
        </li>
    }
}

/// The organization's tier, when the program has tiers; a failure to ask is said in its card.
#[component]
fn Tier() -> impl IntoView {
    let mine = RwSignal::new(None::<Result<MyTier, String>>);
    spawn(async move {
        match api::my_tier().await {
            Ok(standing) => mine.set(Some(Ok(standing))),
            Err(e) if e.is_not_found() => {}
            Err(e) => mine.set(Some(Err(e.message))),
        }
    });
    move || {
        mine.get().map(|answer| match answer {
            Ok(standing) => lazy_page(tier(standing)),
            Err(message) => view! {
                <HomeCard id="home-tier" glyph=Glyph::Award title=text::tier::TITLE>
                    <p class="error-text" role="alert">{message}</p>
                </HomeCard>
            }
            .into_any(),
        })
    }
}
