//! `/manage/certifications`: the certifications partners' people earn (each with its validity,
//! the release that asks for renewal, and the motions and products that need it), recording
//! what someone earned, and importing a learning system's completions.

use leptos::prelude::*;
use portico_api::certifications::CertificationDefinition;

use portico_ui::api;
use portico_ui::components::{DataTable, ErrorNotice, Loaded, Loading};
use portico_ui::dom::{Spawner, focus_by_id, on_click, set_title};

use crate::components::csv_import::{CsvImport, Importer};
use crate::text;

mod definition_form;
mod record_form;

use definition_form::DefinitionForm;
use record_form::RecordForm;

#[component]
pub fn CertificationsPage() -> impl IntoView {
    set_title(text::certifications::TITLE);
    let definitions = RwSignal::new(Loaded::Loading);
    // The forms stay as they are while the list reloads: a choice or a message is not lost.
    let page = Spawner::here();
    let reload = Callback::new(move |()| {
        page.spawn(async move {
            definitions.set(match api::certifications().await {
                Ok(list) => Loaded::Ready(list.certifications),
                Err(e) => Loaded::Failed(e),
            });
        });
    });
    reload.run(());
    let editing = RwSignal::new(None::<CertificationDefinition>);
    let send = |csrf: String, csv: String| async move {
        let done = api::import_completions(&csrf, csv).await?;
        Ok(text::certifications::imported(
            done.recorded,
            done.already_recorded,
        ))
    };
    let importer = Importer {
        id: "completions",
        title: text::certifications::IMPORT_TITLE,
        intro: text::certifications::IMPORT_INTRO,
        send,
    };
    view! {
        <section class="page">
            <h1 id="certifications-heading">{text::certifications::TITLE}</h1>
            <p class="muted">{text::certifications::INTRO}</p>
            <h2 class="section-title" id="definitions-heading">{text::certifications::DEFINITIONS}</h2>
            {move || match definitions.get() {
                Loaded::Loading => view! { <Loading label=text::certifications::LOADING /> }.into_any(),
                Loaded::Failed(e) => view! { <ErrorNotice message=e.message retry=reload /> }.into_any(),
                Loaded::Ready(list) => view! { <DefinitionsTable definitions=list editing /> }.into_any(),
            }}
            <DefinitionForm editing reload />
            <RecordForm definitions reload />
            <CsvImport importer reload />
        </section>
    }
}

#[component]
fn DefinitionsTable(
    definitions: Vec<CertificationDefinition>,
    editing: RwSignal<Option<CertificationDefinition>>,
) -> impl IntoView {
    let rows = StoredValue::new(definitions);
    view! {
        <DataTable id="definitions-table" labelled_by="definitions-heading" headers=text::certifications::HEADERS>
            {move || rows.get_value().into_iter().map(|d| view! { <DefinitionRow definition=d editing /> }).collect_view()}
        </DataTable>
    }
}

#[component]
fn DefinitionRow(
    definition: CertificationDefinition,
    editing: RwSignal<Option<CertificationDefinition>>,
) -> impl IntoView {
    let chosen = definition.clone();
    let edit = move |_| {
        editing.set(Some(chosen.clone()));
        focus_by_id("certification-name");
    };
    let renewal = definition
        .renewal
        .as_ref()
        .map(|r| text::certifications::renewal(&r.release, &r.released_on));
    let motions: Vec<&str> = definition
        .required_for_motions
        .iter()
        .map(|m| m.label())
        .collect();
    let needs =
        text::certifications::required_for(&motions, definition.required_for_products.len());
    view! {
        <tr>
            <td>{definition.name.clone()}</td>
            <td>{definition.kind.label()}</td>
            <td>{text::certifications::months(definition.validity_months)}</td>
            <td>{renewal}</td>
            <td>{needs}</td>
            <td>{definition.holders}</td>
            <td>
                <button type="button" class="secondary small" on:click=on_click(edit)
                    aria-label=text::certifications::edit(&definition.name)>
                    {text::certifications::EDIT}
                </button>
            </td>
        </tr>
    }
}
