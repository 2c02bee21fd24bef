//! `/manage/opportunities/{id}`: one deal of the shared pipeline for vendor staff: what the
//! partner sees, the commercial and internal fields, the form that moves the deal on, its CRM
//! card links and the shared notes.

use leptos::prelude::*;
use portico_api::integrations::CardSubject;
use portico_api::pipeline::{ManagerOpportunity, ManagerOpportunityDetail, WON};
use portico_ui::route::Route;

use crate::components::CardLinkPanel;
use portico_ui::api;
use portico_ui::components::opportunity::{Notes, SharedFacts};
use portico_ui::components::{Facts, record_page};
use portico_ui::deal::money;
use portico_ui::deal::role_label;
use portico_ui::dom::set_title;

mod attribution;
mod edit_form;

use crate::text;
use attribution::AttributionPanel;
use edit_form::EditForm;

#[component]
pub fn ManageOpportunityPage(id: i64) -> impl IntoView {
    set_title(text::opportunity::TITLE);
    // Outside the record, so the confirmation stays while the saved deal loads again.
    let saved = RwSignal::new(None::<String>);
    view! {
        <section class="page">
            <p id="opp-status" class="notice notice-success status-line" role="status">
                {saved}
            </p>
            {record_page(
                move || api::manager_opportunity(id),
                text::opportunity::LOADING,
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
    let won = o.stage == WON;
    view! {
        <p>
            <a href=Route::ManagePipeline.href()>{text::opportunity::BACK}</a>
        </p>
        <h1 id="opp-heading">{o.customer_name.clone()}</h1>
        <SharedFacts o />
        <ManagerFacts m=m.clone() />
        <EditForm m reload saved />
        <AttributionPanel id won />
        <CardLinkPanel subject=CardSubject::Opportunity(id) />
        <Notes id notes vendor=true />
    }
}

/// What only vendor staff see.
#[component]
fn ManagerFacts(m: ManagerOpportunity) -> impl IntoView {
    let role = match (m.partner_role, m.attribution_percent) {
        (Some(role), Some(p)) => text::opportunity::role_attributed(role_label(role), p),
        (Some(role), None) => text::opportunity::role_unattributed(role_label(role)),
        (None, _) => text::opportunity::NOT_DECIDED.to_owned(),
    };
    let mut facts = vec![
        (text::opportunity::PARTNER, m.organization.name),
        (
            text::opportunity::AMOUNT,
            money(m.amount, m.currency.as_deref())
                .unwrap_or_else(|| text::opportunity::NOT_SET.to_owned()),
        ),
        (
            text::opportunity::DISCOUNT_BAND,
            m.discount_band
                .unwrap_or_else(|| text::opportunity::NO_DISCOUNT_BAND.to_owned()),
        ),
        (
            text::opportunity::PRICE_PROTECTION,
            if m.price_protection {
                text::opportunity::YES
            } else {
                text::opportunity::NO
            }
            .to_owned(),
        ),
        (text::opportunity::PARTNER_ROLE, role),
        (
            text::opportunity::CONFLICT_CHECK,
            m.conflict
                .map_or(text::opportunity::NO_REGISTRATION, |c| c.label())
                .to_owned(),
        ),
    ];
    if let Some(reason) = m.loss_reason {
        facts.push((text::opportunity::LOSS_REASON, reason));
    }
    if !m.internal_notes.is_empty() {
        facts.push((text::opportunity::INTERNAL_NOTES, m.internal_notes));
    }
    let registration = m.registration_id.map(|id| {
        view! {
            <p>
                <a href=Route::ManageRegistration { id }.href()>
                    {text::opportunity::OPEN_REGISTRATION}
                </a>
            </p>
        }
    });
    view! {
        <section class="panel" aria-labelledby="opp-internal-heading">
            <h2 class="section-title" id="opp-internal-heading">
                {text::opportunity::VENDOR_ONLY}
            </h2>
            <Facts facts />
            {registration}
        </section>
    }
}
