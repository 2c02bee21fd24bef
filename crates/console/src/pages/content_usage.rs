//! `/manage/content/usage`: how partners use the library. The most used assets, the published
//! ones nobody used lately and the weekly views and downloads, over a period chosen in the
//! address; for one partner chosen there, what it used and the certifications it holds.

use leptos::prelude::*;
use portico_api::assets::{AssetUsage, Certification, Certifications, ContentUsage, USAGE_DAYS};
use portico_ui::route::Route;

use crate::components::usage::WeeklyUsage;
use crate::components::usage::usage_days;
use portico_ui::api;
use portico_ui::components::record_page;
use portico_ui::components::{CheckGroup, DataTable, FormError, SubmitButton, Time};
use portico_ui::dom::{on_submit, set_title, spawn};
use portico_ui::location::{Location, use_location};
use portico_ui::session::use_session;

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
    set_title("Content usage");
    let location = use_location();
    let choice = Memo::new(move |_| {
        location.search();
        Choice::read(location)
    });
    view! {
        <section class="page">
            <p><a href=Route::ContentDesk.href()>"← Content desk"</a></p>
            <h1 id="usage-heading">"Content usage"</h1>
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
        <form class="form form-grid filters" aria-label="Period and partner" novalidate on:submit=on_submit(|| ())>
            <div class="field">
                <label for="usage-days">"Period"</label>
                <select id="usage-days" name="days" on:change=days>
                    {PERIODS
                        .into_iter()
                        .map(|d| view! {
                            <option value=d.to_string() prop:selected=move || current_days() == d>
                                {format!("Last {}", usage_days(d))}
                            </option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="usage-partner">"Partner"</label>
                <select id="usage-partner" name="organization_id" on:change=partner>
                    <option value="" prop:selected=move || current_partner().is_none()>"Choose a partner"</option>
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
        "Loading the usage…",
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
            <h2 class="section-title" id="usage-top-heading">{format!("Most used, last {}", usage_days(days))}</h2>
            <UsageTable id="usage-top" labelled_by="usage-top-heading" rows=top empty="No asset was viewed or downloaded in this period." />
        </section>
        <section aria-labelledby="usage-unused-heading">
            <h2 class="section-title" id="usage-unused-heading">{format!("Unused in the last {}", usage_days(USAGE_DAYS))}</h2>
            <p class="muted">"Published assets nobody viewed or downloaded: update, promote or archive them."</p>
            <UsageTable id="usage-unused" labelled_by="usage-unused-heading" rows=unused empty="Every published asset was used." />
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
        <DataTable id labelled_by headers=&["Asset", "Kind", "Views", "Downloads", "Partners", "Last used"]>
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
                    None => "Never".into_any(),
                }}
            </td>
        </tr>
    }
}

/// One partner: what it used over the period, and the certifications it holds.
#[component]
fn PartnerUsage(id: i64, days: Option<u32>) -> impl IntoView {
    view! {
        <section class="panel" id="partner-usage" aria-labelledby="partner-usage-heading">
            {record_page(
                move || api::partner_content_usage(id, days),
                "Loading the partner's usage…",
                |usage, _| {
                    view! {
                        <h2 class="section-title" id="partner-usage-heading">
                            {format!("{}, last {}", usage.organization.name, usage_days(usage.days))}
                        </h2>
                        <UsageTable
                            id="partner-usage-table"
                            labelled_by="partner-usage-heading"
                            rows=usage.assets
                            empty="This partner used no content in this period."
                        />
                    }
                    .into_any()
                },
            )}
            {record_page(
                move || api::certifications(id),
                "Loading the certifications…",
                move |held, _| view! { <CertificationsForm id held /> }.into_any(),
            )}
        </section>
    }
}

/// The certifications the partner holds; assets may require one.
#[component]
fn CertificationsForm(id: i64, held: Certifications) -> impl IntoView {
    let session = use_session();
    let chosen = RwSignal::new(
        held.certifications
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
    );
    let busy = RwSignal::new(false);
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        form_error.set(None);
        status.set(None);
        let body = Certifications {
            certifications: chosen
                .with_untracked(|c| c.iter().filter_map(|v| Certification::parse(v)).collect()),
        };
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let result = api::save_certifications(&csrf, id, &body).await;
            busy.set(false);
            match result {
                Ok(_) => status.set(Some("Certifications saved.".to_owned())),
                Err(e) => form_error.set(Some(e.message)),
            }
        });
    };
    let options = Certification::ALL
        .iter()
        .map(|c| (c.as_str(), c.label()))
        .collect();
    view! {
        <h3>"Certifications"</h3>
        <FormError error=form_error />
        <form class="form" novalidate on:submit=on_submit(submit)>
            <CheckGroup
                id="certifications"
                legend="Certifications this partner holds"
                hint="Assets that require a certification are shown only to partners holding it."
                options
                chosen
            />
            <p id="certifications-status" class="muted" role="status">{status}</p>
            <SubmitButton id="certifications-save" label="Save certifications" busy_label="Saving…" busy />
        </form>
    }
}
