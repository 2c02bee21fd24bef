//! Recording what a partner's person earned: choose the partner, see its people and what they
//! hold, then the person, the certification and the day.

use leptos::prelude::*;
use portico_api::certifications::{
    CertificationDefinition, OrganizationPeople, RecordCertification,
};

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    FieldState, FormError, Loaded, PeopleCertifications, SelectField, SubmitButton, TextField,
    partner_choices,
};
use portico_ui::dom::{Spawner, on_submit, spawn};
use portico_ui::session::use_session;

use crate::text;

#[component]
pub(super) fn RecordForm(
    definitions: RwSignal<Loaded<Vec<CertificationDefinition>>>,
    reload: Callback<()>,
) -> impl IntoView {
    let partners = partner_choices();
    let partner = RwSignal::new(String::new());
    let people = RwSignal::new(None::<OrganizationPeople>);
    let page = Spawner::here();
    let load = Callback::new(move |()| {
        let Ok(id) = partner.get_untracked().parse::<i64>() else {
            people.set(None);
            return;
        };
        page.spawn(async move {
            people.set(api::organization_people(id).await.ok());
        });
    });
    let certifications = move || match definitions.get() {
        Loaded::Ready(list) => list
            .into_iter()
            .map(|d| (d.id.to_string(), d.name))
            .collect(),
        _ => Vec::new(),
    };
    view! {
        <section class="panel" aria-labelledby="record-heading">
            <h2 id="record-heading" class="section-title">{text::certifications::RECORD_TITLE}</h2>
            <div class="field">
                <label for="record-partner">{text::certifications::PARTNER}</label>
                <select id="record-partner" on:change=move |ev| {
                    partner.set(event_target_value(&ev));
                    load.run(());
                }>
                    <option value="">{text::certifications::CHOOSE_PARTNER}</option>
                    {move || partners.get().into_iter().map(|(value, name)| view! {
                        <option value=value>{name}</option>
                    }).collect_view()}
                </select>
            </div>
            {move || people.get().map(|people| {
                view! {
                    <Earning people=people.clone() certifications=certifications() recorded=Callback::new(move |()| {
                        load.run(());
                        reload.run(());
                    }) />
                    <h3 class="card-subtitle" id="record-people-heading">{text::certifications::PEOPLE}</h3>
                    <PeopleCertifications people labelled_by="record-people-heading" />
                }
            })}
        </section>
    }
}

#[component]
fn Earning(
    people: OrganizationPeople,
    certifications: Vec<(String, String)>,
    recorded: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let person = FieldState::new("record-person", |v| {
        v.is_empty()
            .then(|| text::certifications::CHOOSE_PERSON.to_owned())
    });
    let certification = FieldState::new("record-certification", |v| {
        v.is_empty()
            .then(|| text::certifications::CHOOSE_CERTIFICATION.to_owned())
    });
    let earned_on = FieldState::new("record-earned-on", |v| {
        v.is_empty()
            .then(|| text::certifications::CHOOSE_DAY.to_owned())
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let names = [
        ("certification_id", certification),
        ("earned_on", earned_on),
    ];
    let submit = move || {
        if !begin_submit(busy, form_error, &[person, certification, earned_on]) {
            return;
        }
        let (Ok(person_id), Ok(certification_id)) = (
            person.get().parse::<i64>(),
            certification.get().parse::<i64>(),
        ) else {
            return;
        };
        let body = RecordCertification {
            certification_id,
            earned_on: earned_on.get(),
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::record_certification(&csrf, person_id, &body).await;
            busy.set(false);
            match result {
                Ok(_) => recorded.run(()),
                Err(e) => show_error(e, &names, form_error),
            }
        });
    };
    let choices: Vec<(String, String)> = people
        .people
        .into_iter()
        .map(|p| (p.person_id.to_string(), format!("{} ({})", p.name, p.email)))
        .collect();
    view! {
        <FormError error=form_error />
        <form class="form form-grid" id="record-form" novalidate on:submit=on_submit(submit)>
            <SelectField field=person label=text::certifications::PERSON options=choices
                placeholder=text::certifications::CHOOSE_PERSON />
            <SelectField field=certification label=text::certifications::CERTIFICATION options=certifications
                placeholder=text::certifications::CHOOSE_CERTIFICATION />
            <TextField field=earned_on label=text::certifications::EARNED_ON kind="date" />
            <SubmitButton id="record-submit" label=text::certifications::RECORD
                busy_label=text::certifications::SAVING busy />
        </form>
    }
}
