//! `/opportunities/{id}`: one deal of the partner's shared pipeline: the safe fields, the shared
//! notes, and the form to add one.

use leptos::prelude::*;
use portico_api::pipeline::PartnerOpportunityDetail;
use portico_ui::route::Route;

use crate::text;
use portico_ui::api;
use portico_ui::components::opportunity::{Notes, SharedFacts};
use portico_ui::components::record_page;
use portico_ui::dom::set_title;

#[component]
pub fn OpportunityPage(id: i64) -> impl IntoView {
    set_title(text::opportunity::TITLE);
    view! {
        <section class="page">
            {record_page(
                move || api::partner_opportunity(id),
                text::opportunity::LOADING,
                move |detail, _| view! { <Detail detail /> }.into_any(),
            )}
        </section>
    }
}

#[component]
fn Detail(detail: PartnerOpportunityDetail) -> impl IntoView {
    let PartnerOpportunityDetail {
        opportunity: o,
        notes,
    } = detail;
    set_title(&o.customer_name);
    let id = o.id;
    view! {
        <p>
            <a href=Route::Pipeline.href()>{text::opportunity::BACK}</a>
        </p>
        <h1 id="opp-heading">{o.customer_name.clone()}</h1>
        <SharedFacts o />
        <Notes id notes vendor=false />
    }
}
