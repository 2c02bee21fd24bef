//! A partner admin's card of the organization's people and the certifications each holds,
//! with what expires soon; filings that need a certification only pass while someone holds it.

use leptos::prelude::*;
use portico_ui::api;
use portico_ui::components::{Glyph, HomeCard, PeopleCertifications, record_page};

use crate::text;

#[component]
pub fn People(organization_id: i64) -> impl IntoView {
    view! {
        <HomeCard id="home-people" glyph=Glyph::Award title=text::people::TITLE>
            <p class="muted" id="home-people-heading">{text::people::INTRO}</p>
            {record_page(
                move || api::organization_people(organization_id),
                text::people::LOADING,
                |people, _| {
                    view! { <PeopleCertifications people labelled_by="home-people-heading" /> }
                        .into_any()
                },
            )}
        </HomeCard>
    }
}
