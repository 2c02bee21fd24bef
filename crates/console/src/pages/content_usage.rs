//! `/manage/content/usage`: how partners use the library. The most used assets, the published
//! ones nobody used lately and the weekly views and downloads, over a period chosen in the
//! address; for one partner chosen there, what it used and the certifications it holds.

use leptos::prelude::*;
use portico_api::assets::{AssetUsage, ContentUsage, USAGE_DAYS};
use portico_ui::route::Route;

use crate::components::usage::WeeklyUsage;
use portico_ui::api;
use portico_ui::components::record_page;
use portico_ui::components::{DataTable, Time};
use portico_ui::dom::{on_submit, set_title, spawn};
use portico_ui::location::{Location, use_location};

use crate::text;

const PERIODS: [u32; 5] = [7, 30, 90, 180, 365];

/// The period and partner in the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Choice {
    days: Option<u32>,
    organization: Option<i64>,
}

impl Choice {
    fn read(location: Location) -> Choice {
        Choice {
            days: location
                .query("days")
                .and_then(|d| d.parse().ok())
                .filter(|d| (1..=365).contains(d)),
            organization: location
                .query("organization_id")
                .and_then(|id| id.parse().ok()),
        }
    }

    fn href(self) -> String {
        let mut parts = Vec::new();
        if let Some(days) = self.days.filter(|d| *d != USAGE_DAYS) {
            parts.push(format!("days={days}"));
        }
        if let Some(id) = self.organization {
            parts.push(format!("organization_id={id}"));
        }
        Route::ContentUsage.with_query(&parts.join("&"))
    }
}

#[component]
pub fn ContentUsagePage() -> impl IntoView {
    set_title(text::content_usage::TITLE);
    let location = use_location();
    let choice = Memo::new(move |_| {
        location.search();
        Choice::read(location)
    });
    view! {
        <section class="page">
            <p>
                <a href=Route::ContentDesk.href()>{text::content_usage::BACK}</a>
            </p>
            <h1 id="usage-heading">{text::content_usage::TITLE}</h1>
            <UsageControls choice />
            {move || {
                let Choice { days, organization } = choice.get();
                view! {
                    {organization.map(|id| view! { <PartnerUsage id days /> })}
                    <LibraryUsage days />
                }
            }}
        </section>
    }
}

/// The period and the partner; each change moves to the matching address.
#[component]
fn UsageControls(choice: Memo<Choice>) -> impl IntoView {
    let location = use_location();
    let organizations = RwSignal::new(Vec::new());
    spawn(async move {
        if let Ok(list) = api::all_organizations().await {
            organizations.set(list);
        }
    });
    let days = move |ev| {
        let chosen = Choice {
            days: event_target_value(&ev).parse().ok(),
            ..choice.get_untracked()
        };
        location.go(&chosen.href());
    };
    let partner = move |ev| {
        let chosen = Choice {
            organization: event_target_value(&ev).parse().ok(),
            ..choice.get_untracked()
        };
        location.go(&chosen.href());
    };
    let current_days = move || choice.with(|c| c.days.unwrap_or(USAGE_DAYS));
    let current_partner = move || choice.with(|c| c.organization);
    view! {
        <form class="form form-grid filters" aria-label=text::content_usage::CHOICE novalidate on:submit=on_submit(|| ())>
            <div class="field">
                <label for="usage-days">{text::content_usage::PERIOD}</label>
                <select id="usage-days" name="days" on:change=days>
                    {PERIODS
                        .into_iter()
                        .map(|d| view! {
                            <option value=d.to_string() prop:selected=move || current_days() == d>
                                {text::content_usage::last(d)}
                            </option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="usage-partner">{text::content_usage::PARTNER}</label>
                <select id="usage-partner" name="organization_id" on:change=partner>
                    <option value="" prop:selected=move || current_partner().is_none()>
                        {text::content_usage::CHOOSE_PARTNER}
                    </option>
                    {move || {
                        organizations
                            .get()
                            .into_iter()
                            .map(|o| {
                                let id = o.id;
                                view! {
                                    <option value=id.to_string() prop:selected=move || current_partner() == Some(id)>
                                        {o.name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        </form>
    }
}

/// The whole library's use over the period.
#[component]
fn LibraryUsage(days: Option<u32>) -> impl IntoView {
    record_page(
        move || api::content_usage(days),
        text::content_usage::LOADING,
        |usage, _| library_usage(usage).into_any(),
    )
}

fn library_usage(usage: ContentUsage) -> impl IntoView {
    let ContentUsage {
        days,
        top,
        unused,
        weekly,
    } = usage;
    view! {
        <section aria-labelledby="usage-top-heading">
            <h2 class="section-title" id="usage-top-heading">
                {text::content_usage::most_used(days)}
            </h2>
            <UsageTable
                id="usage-top"
                labelled_by="usage-top-heading"
                rows=top
                empty=text::content_usage::NONE_USED
            />
        </section>
        <section aria-labelledby="usage-unused-heading">
            <h2 class="section-title" id="usage-unused-heading">
                {text::content_usage::unused(USAGE_DAYS)}
            </h2>
            <p class="muted">{text::content_usage::UNUSED_INTRO}</p>
            <UsageTable
                id="usage-unused"
                labelled_by="usage-unused-heading"
                rows=unused
                empty=text::content_usage::ALL_USED
            />
        </section>
        <WeeklyUsage id="usage-weekly" points=weekly />
    }
}

/// Assets with their views, downloads, partners and last use.
#[component]
fn UsageTable(
    id: &'static str,
    labelled_by: &'static str,
    rows: Vec<AssetUsage>,
    empty: &'static str,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    view! {
        <DataTable id labelled_by headers=&text::content_usage::HEADERS>
            {rows.clone().into_iter().map(usage_row).collect_view()}
        </DataTable>
    }
    .into_any()
}

fn usage_row(u: AssetUsage) -> impl IntoView {
    view! {
        <tr>
            <th scope="row"><a href=Route::ManageAsset { id: u.asset_id }.href()>{u.title}</a></th>
            <td>{u.kind.label()}</td>
            <td class="number">{u.views}</td>
            <td class="number">{u.downloads}</td>
            <td class="number">{u.organizations}</td>
            <td>
                {match u.last_used_at {
                    Some(value) => view! { <Time value /> }.into_any(),
                    None => text::content_usage::NEVER.into_any(),
                }}
            </td>
        </tr>
    }
}

/// One partner: what it used over the period.
#[component]
fn PartnerUsage(id: i64, days: Option<u32>) -> impl IntoView {
    view! {
        <section class="panel" id="partner-usage" aria-labelledby="partner-usage-heading">
            {record_page(
                move || api::partner_content_usage(id, days),
                text::content_usage::LOADING_PARTNER,
                |usage, _| {
                    view! {
                        <h2 class="section-title" id="partner-usage-heading">
                            {text::content_usage::partner_last(&usage.organization.name, usage.days)}
                        </h2>
                        <UsageTable
                            id="partner-usage-table"
                            labelled_by="partner-usage-heading"
                            rows=usage.assets
                            empty=text::content_usage::PARTNER_NONE_USED
                        />
                    }
                    .into_any()
                },
            )}
        </section>
    }
}
