//! `/manage/opportunities/{id}`: one deal of the shared pipeline for vendor staff: what the
//! partner sees, the commercial and internal fields, the form that moves the deal on, its CRM
//! card links and the shared notes.

use leptos::prelude::*;
use portico_api::integrations::CardSubject;
use portico_api::pipeline::{ManagerOpportunity, ManagerOpportunityDetail};
use portico_ui::route::Route;

use crate::components::CardLinkPanel;
use portico_ui::api;
use portico_ui::components::opportunity::{Notes, SharedFacts};
use portico_ui::components::{Facts, record_page};
use portico_ui::deal::money;
use portico_ui::deal::role_label;
use portico_ui::dom::set_title;

mod edit_form;

use edit_form::EditForm;

#[component]
pub fn ManageOpportunityPage(id: i64) -> impl IntoView {
    set_title("Opportunity");
    // Outside the record, so the confirmation stays while the saved deal loads again.
    let saved = RwSignal::new(None::<String>);
    view! {
        <section class="page">
            <p id="opp-status" class="notice notice-success status-line" role="status">
                {saved}
            </p>
            {record_page(
                move || api::manager_opportunity(id),
                "Loading the opportunity…",
                move |detail, reload| view! { <Detail detail reload saved /> }.into_any(),
            )}
        </section>
    }
}

#[component]
fn Detail(
    detail: ManagerOpportunityDetail,
    reload: Callback<()>,
    saved: RwSignal<Option<String>>,
) -> impl IntoView {
    let ManagerOpportunityDetail {
        opportunity: m,
        notes,
    } = detail;
    let o = m.opportunity.clone();
    set_title(&o.customer_name);
    let id = o.id;
    view! {
        <p>
            <a href=Route::ManagePipeline.href()>"← Pipeline"</a>
        </p>
        <h1 id="opp-heading">{o.customer_name.clone()}</h1>
        <SharedFacts o />
        <ManagerFacts m=m.clone() />
        <EditForm m reload saved />
        <CardLinkPanel subject=CardSubject::Opportunity(id) />
        <Notes id notes vendor=true />
    }
}

/// What only vendor staff see.
#[component]
fn ManagerFacts(m: ManagerOpportunity) -> impl IntoView {
    let role = match (m.partner_role, m.attribution_percent) {
        (Some(role), Some(p)) => format!("{} · {p}% attributed", role_label(role)),
        (Some(role), None) => format!("{} · attribution not set", role_label(role)),
        (None, _) => "Not decided yet".to_owned(),
    };
    let mut facts = vec![
        ("Partner", m.organization.name),
        (
            "Amount",
            money(m.amount, m.currency.as_deref()).unwrap_or_else(|| "Not set".to_owned()),
        ),
        (
            "Discount band",
            m.discount_band.unwrap_or_else(|| "None".to_owned()),
        ),
        (
            "Price protection",
            if m.price_protection { "Yes" } else { "No" }.to_owned(),
        ),
        ("Partner role", role),
        (
            "Conflict check",
            m.conflict
                .map_or("No registration", |c| c.label())
                .to_owned(),
        ),
    ];
    if let Some(reason) = m.loss_reason {
        facts.push(("Loss reason", reason));
    }
    if !m.internal_notes.is_empty() {
        facts.push(("Internal notes", m.internal_notes));
    }
    let registration = m.registration_id.map(|id| {
        view! {
            <p>
                <a href=Route::ManageRegistration { id }.href()>"Open the registration"</a>
            </p>
        }
    });
    view! {
        <section class="panel" aria-labelledby="opp-internal-heading">
            <h2 class="section-title" id="opp-internal-heading">"Vendor only"</h2>
            <Facts facts />
            {registration}
        </section>
    }
}
