//! Where a partner organization is based, changed in its row: the organization's people start
//! their registrations in that country's currency.

use leptos::prelude::*;
use portico_api::organizations::UpdateOrganization;
use portico_api::places::COUNTRIES;

use portico_ui::api;
use portico_ui::dom::{Spawner, focus_soon, on_click, on_submit};
use portico_ui::format::{region_name, sorted_regions};
use portico_ui::session::use_session;

use crate::text;

/// The country's name as a button, which opens a choice with Save and Cancel.
#[component]
pub fn CountryCell(id: i64, name: String, country: Option<String>) -> impl IntoView {
    let current = RwSignal::new(country);
    let editing = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let button_id = format!("partner-{id}-country");
    let select_id = format!("partner-{id}-country-choice");
    let start = {
        let select_id = select_id.clone();
        move |_| {
            editing.set(true);
            status.set(None);
            focus_soon(select_id.clone());
        }
    };
    let chosen = RwSignal::new(String::new());
    // Saving outlives the choice it came from, which closes at once: it runs under the cell.
    let cell = Spawner::here();
    let close = {
        let button_id = button_id.clone();
        move || {
            editing.set(false);
            focus_soon(button_id.clone());
        }
    };
    let save = {
        let close = close.clone();
        move || {
            save_country(&cell, id, chosen.get_untracked(), current, status);
            close();
        }
    };
    let label = text::partners::country_of(&name);
    let shown = move || {
        current.get().map_or_else(
            || text::partners::NO_COUNTRY.to_owned(),
            |c| region_name(&c),
        )
    };
    view! {
        <button
            id=button_id
            type="button"
            class="link-button"
            hidden=editing
            aria-label=format!("{label}: {}", shown())
            on:click=on_click(start)
        >
            {shown}
        </button>
        {move || editing.get().then(|| {
            let choices = sorted_regions(COUNTRIES);
            let selected = current.get_untracked().unwrap_or_default();
            chosen.set(selected.clone());
            let cancel = close.clone();
            view! {
                <form class="inline-form" aria-label=label.clone() on:submit=on_submit(save.clone())>
                    <select
                        id=select_id.clone()
                        aria-label=label.clone()
                        on:change=move |ev| chosen.set(event_target_value(&ev))
                    >
                        <option value="" selected=selected.is_empty()>{text::partners::NO_COUNTRY}</option>
                        {choices.into_iter().map(|(code, name)| {
                            let on = code == selected;
                            view! { <option value=code selected=on>{name}</option> }
                        }).collect_view()}
                    </select>
                    <button type="submit" class="small">{text::partners::SAVE}</button>
                    <button type="button" class="secondary small" on:click=on_click(move |_| cancel())>
                        {text::partners::CANCEL}
                    </button>
                </form>
            }
        })}
        <span class="muted" role="status">{status}</span>
    }
}

fn save_country(
    spawner: &Spawner,
    id: i64,
    chosen: String,
    current: RwSignal<Option<String>>,
    status: RwSignal<Option<String>>,
) {
    let csrf = use_session().csrf();
    let country = (!chosen.is_empty()).then_some(chosen);
    let body = UpdateOrganization {
        country: country.clone(),
    };
    spawner.spawn(async move {
        match api::update_organization(&csrf, id, &body).await {
            Ok(()) => {
                current.set(country);
                status.set(Some(text::partners::SAVED.to_owned()));
            }
            Err(e) => status.set(Some(e.message)),
        }
    });
}
