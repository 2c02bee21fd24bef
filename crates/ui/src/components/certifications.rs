//! An organization's people and the certifications each holds, with when they expire: a
//! partner admin's home card and a manager's view of one partner read the same table.

use leptos::prelude::*;
use portico_api::certifications::{Holding, HoldingStatus, OrganizationPeople};

use crate::components::DataTable;
use crate::format::format_day;
use crate::text;

#[component]
pub fn PeopleCertifications(
    people: OrganizationPeople,
    labelled_by: &'static str,
) -> impl IntoView {
    let OrganizationPeople { people, unassigned } = people;
    let rows: Vec<(String, Holding)> = people
        .into_iter()
        .flat_map(|p| {
            let name = p.name;
            p.holdings.into_iter().map(move |h| (name.clone(), h))
        })
        .collect();
    let unassigned = (!unassigned.is_empty()).then(|| {
        view! { <p class="muted" id="certifications-unassigned">{text::certifications::unassigned(&unassigned)}</p> }
    });
    if rows.is_empty() {
        return view! {
            <p class="muted" id="people-certifications-empty">{text::certifications::NONE_HELD}</p>
            {unassigned}
        }
        .into_any();
    }
    let rows = StoredValue::new(rows);
    view! {
        <DataTable labelled_by headers=text::certifications::HEADERS id="people-certifications">
            {move || rows.get_value().into_iter().map(|(person, holding)| view! { <Row person holding /> }).collect_view()}
        </DataTable>
        {unassigned}
    }
    .into_any()
}

#[component]
fn Row(person: String, holding: Holding) -> impl IntoView {
    let badge = match holding.status {
        HoldingStatus::Current => "badge",
        HoldingStatus::ExpiringSoon => "badge badge-warning",
        HoldingStatus::Expired => "badge badge-late",
    };
    let renewal = holding.renewal_release.map(
        |release| view! { <span class="muted">{text::certifications::renew_for(&release)}</span> },
    );
    view! {
        <tr>
            <td>{person}</td>
            <td>{holding.name}</td>
            <td>{format_day(&holding.earned_on)}</td>
            <td>{format_day(&holding.expires_on)} " " {renewal}</td>
            <td><span class=badge>{holding.status.label()}</span></td>
        </tr>
    }
}
