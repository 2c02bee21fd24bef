//! `/manage/integrations`: the CRM card integrations (HubSpot and Salesforce: frame origins,
//! the CRM app's secret, the integration secret and the addresses to give the CRM), the card
//! links issued for each CRM, and the webhook endpoints Portico sends events to, with their
//! health.

use leptos::prelude::*;

use crate::components::card_link::{IssuedCardLinks, card_links_system_in};
use portico_ui::api;
use portico_ui::components::record_page;
use portico_ui::dom::set_title;
use portico_ui::location::use_location;

use crate::text;

mod crm;
mod endpoints;

use crm::CrmCard;
use endpoints::Endpoints;

#[component]
pub fn IntegrationsPage() -> impl IntoView {
    set_title(text::integrations::TITLE);
    let location = use_location();
    view! {
        <section class="page">
            <h1>{text::integrations::TITLE}</h1>
            <section aria-labelledby="crm-heading">
                <h2 class="section-title" id="crm-heading">
                    {text::integrations::CRM_CARDS}
                </h2>
                <p class="muted">
                    {text::integrations::CRM_INTRO}
                </p>
                <p class="muted" id="card-url-scheme">
                    {text::integrations::CARD_URL_BEFORE_SCHEME}
                    <code>{text::integrations::CARD_URL_SCHEME}</code>
                    {text::integrations::CARD_URL_BEFORE_QUERY}
                    <code>{text::integrations::CARD_URL_QUERY}</code>
                    {text::integrations::CARD_URL_AFTER_QUERY}
                </p>
                {record_page(
                    api::integrations,
                    text::integrations::LOADING,
                    |list, _| {
                        view! {
                            <div class="side-by-side">
                                {list.into_iter().map(|integration| view! { <CrmCard integration /> }).collect_view()}
                            </div>
                        }
                        .into_any()
                    },
                )}
            </section>
            <section aria-labelledby="card-links-heading">
                <h2 class="section-title" id="card-links-heading">
                    {text::integrations::ISSUED_LINKS}
                </h2>
                <p class="muted">
                    {text::integrations::ISSUED_LINKS_INTRO}
                </p>
                // Another CRM in the address is another list.
                {move || {
                    location.search();
                    let system = card_links_system_in(location);
                    view! { <IssuedCardLinks system /> }
                }}
            </section>
            <section aria-labelledby="webhooks-heading">
                <h2 class="section-title" id="webhooks-heading">
                    {text::integrations::WEBHOOKS}
                </h2>
                <p class="muted">
                    {text::integrations::WEBHOOKS_INTRO}
                </p>
                {record_page(
                    api::webhook_endpoints,
                    text::integrations::LOADING_ENDPOINTS,
                    |endpoints, _| view! { <Endpoints endpoints /> }.into_any(),
                )}
            </section>
        </section>
    }
}
