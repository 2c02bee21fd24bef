//! The console's home: the counts that say what to do now, each a link to its list — the
//! approval queue's, the weekly review's and the partners' — and the program's headline
//! figures.

use leptos::prelude::*;
use portico_api::Role;
use portico_api::dashboard::ManagerDashboard;
use portico_api::pipeline::{PipelineReview, ProgramNumbers, QuarterRevenue};
use portico_ui::api;
use portico_ui::components::{Glyph, HomeCard, Stat, record_page};
use portico_ui::deal::money;
use portico_ui::dom::set_title;
use portico_ui::route::Route;
use portico_ui::session::use_session;

use crate::text;

/// Everything the home shows, read at once.
#[derive(Clone)]
struct Overview {
    counts: ManagerDashboard,
    review: PipelineReview,
    numbers: ProgramNumbers,
}

async fn overview() -> Result<Overview, api::ApiError> {
    let (counts, review, numbers) = futures::join!(
        api::manager_dashboard(),
        api::pipeline_review(None),
        api::program_numbers(None)
    );
    Ok(Overview {
        counts: counts?,
        review: review?,
        numbers: numbers?,
    })
}

#[component]
pub fn HomePage() -> impl IntoView {
    set_title(text::home::TITLE);
    // The guard shows this page only to a signed-in user.
    let Some(me) = untrack(|| use_session().me()) else {
        return ().into_any();
    };
    let role = me.user.role;
    view! {
        <section class="page">
            <div class="page-head">
                <div>
                    <h1 id="welcome">{text::home::welcome(&me.user.name)}</h1>
                    <p class="lead">
                        <span id="home-role" class="badge">{role.label()}</span>
                        <span class="org">{text::home::VENDOR_STAFF}</span>
                    </p>
                </div>
                <a class="button secondary-link" href=Route::Invitations.href()>
                    {text::home::INVITE_PEOPLE}
                </a>
            </div>
            {record_page(
                overview,
                text::home::LOADING,
                move |o, _| view! { <Cards o admin=role == Role::Admin /> }.into_any(),
            )}
        </section>
    }
    .into_any()
}

#[component]
fn Cards(o: Overview, admin: bool) -> impl IntoView {
    let c = o.counts;
    let queue = |query: &str| Route::ApprovalQueue.with_query(query);
    let pipeline = |query: &str| Route::ManagePipeline.with_query(query);
    let partners = |query: &str| Route::Partners.with_query(query);
    let review = o.review;
    view! {
        <div class="home-grid">
            <HomeCard id="home-decisions" glyph=Glyph::Clipboard title=text::home::REGISTRATIONS>
                <div class="stats">
                    <Stat id="home-to-decide" count=c.to_decide label=text::home::TO_DECIDE href=queue("") />
                    <Stat id="home-past-sla" count=c.past_sla label=text::home::PAST_SLA href=queue("late=true") urgent=true />
                    <Stat id="home-conflicts" count=c.with_conflicts label=text::home::WITH_CONFLICTS href=queue("conflict=review") urgent=true />
                    <Stat id="home-extensions" count=c.extension_requests label=text::home::EXTENSION_REQUESTS href=queue("view=all&extension=requested") />
                </div>
                {(c.to_decide == 0).then(|| view! { <p class="muted">{text::home::ALL_ANSWERED}</p> })}
            </HomeCard>
            <HomeCard id="home-review" glyph=Glyph::Calendar title=text::home::WEEKLY_REVIEW>
                <div class="stats">
                    <Stat
                        id="home-stale"
                        count=review.stale.total
                        label=stale_label(review.stale_days)
                        href=pipeline(&format!("stale_days={}", review.stale_days))
                    />
                    <Stat id="home-expiring" count=review.expiring.total label=text::home::EXPIRING href=pipeline("protection=expiring") />
                    <Stat id="home-duplicates" count=review.duplicates.total label=text::home::DUPLICATES href=pipeline("conflict=true") />
                    <Stat id="home-overdue" count=c.overdue_next_steps label=text::home::OVERDUE href=pipeline("overdue=true") urgent=true />
                </div>
                <a href=pipeline("")>{text::home::REVIEW_LINK}</a>
            </HomeCard>
            <HomeCard id="home-partners" glyph=Glyph::People title=text::home::PARTNERS>
                <div class="stats">
                    <Stat id="home-stalled" count=c.stalled_partners label=text::home::STALLED href=partners("status=stalled") urgent=true />
                    <Stat id="home-activating" count=c.activating_partners label=text::home::ACTIVATING href=partners("status=activating") />
                </div>
                <a href=Route::Partners.href()>{text::home::PARTNERS_LINK}</a>
            </HomeCard>
            <Program numbers=o.numbers />
            {admin.then(|| view! {
                <HomeCard id="home-admin" glyph=Glyph::Sliders title=text::home::ADMINISTRATION>
                    <p>
                        <a href=Route::Users.href()>{text::home::USERS_LINK}</a>
                        {text::home::USERS_AFTER_LINK}
                    </p>
                    <p>
                        <a href=Route::Messages.href()>{text::home::MESSAGES_LINK}</a>
                        {text::home::MESSAGES_AFTER_LINK}
                    </p>
                </HomeCard>
            })}
        </div>
    }
}

fn stale_label(days: u32) -> String {
    text::home::stale(days)
}

/// The open partner pipeline and partner-sourced revenue by quarter, as small charts.
#[component]
fn Program(numbers: ProgramNumbers) -> impl IntoView {
    let currency = numbers.currency.clone();
    let (deals, value) = numbers.pipeline_by_motion.iter().fold((0, 0), |(d, v), m| {
        (
            d + m.sourced_count + m.influenced_count,
            v + m.sourced_value + m.influenced_value,
        )
    });
    let quarters: Vec<QuarterRevenue> = numbers
        .sourced_revenue_by_quarter
        .iter()
        .rev()
        .take(4)
        .rev()
        .cloned()
        .collect();
    let this_quarter = quarters.last().map_or(0, |q| q.value + q.reported);
    view! {
        <HomeCard id="home-program" glyph=Glyph::Chart title=text::home::PROGRAM>
            <div class="stats">
                <a class="stat" id="home-open-pipeline" href=Route::Numbers.href()>
                    <span class="stat-value">{money(Some(value), Some(&currency))}</span>
                    <span class="stat-label">{text::home::open_pipeline(deals)}</span>
                </a>
                <a class="stat" id="home-sourced" href=Route::Numbers.href()>
                    <span class="stat-value">{money(Some(this_quarter), Some(&currency))}</span>
                    <span class="stat-label">{text::home::SOURCED_THIS_QUARTER}</span>
                </a>
            </div>
            <Columns quarters currency />
        </HomeCard>
    }
}

/// Sourced revenue of the last quarters as columns, each with its figure in text.
#[component]
fn Columns(quarters: Vec<QuarterRevenue>, currency: String) -> impl IntoView {
    let top = quarters
        .iter()
        .map(|q| q.value + q.reported)
        .max()
        .unwrap_or(0)
        .max(1);
    view! {
        <figure class="columns" aria-labelledby="columns-caption">
            <figcaption id="columns-caption" class="muted">
                {text::home::REVENUE_BY_QUARTER}
            </figcaption>
            <ol>
                {quarters
                    .into_iter()
                    .map(|q| {
                        // Set through the style object, which the CSP allows; a style
                        // attribute it would block.
                        let total = q.value + q.reported;
                        let height = format!("{}%", total * 100 / top);
                        let figure = money(Some(total), Some(&currency));
                        view! {
                            <li>
                                <span class="column-value">{figure}</span>
                                <span class="column-bar" style:height=height></span>
                                <span class="column-label">{q.quarter}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </figure>
    }
}
