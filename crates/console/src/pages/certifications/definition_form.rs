//! Defining a certification, or changing the one chosen in the table: what it certifies, how
//! long it lasts, the release that asks holders to renew, and what needs it.

use leptos::prelude::*;
use portico_api::certifications::{
    CertificationDefinition, CertificationInput, CertificationKind, Renewal,
};
use portico_api::organizations::Motion;
use portico_api::registrations::Product;

use portico_ui::api;
use portico_ui::components::field::{
    begin_submit, owned_pairs, pairs, show_error, show_field_errors,
};
use portico_ui::components::{
    CheckGroup, FieldState, FormError, SelectField, SubmitButton, TextArea, TextField,
};
use portico_ui::dom::{on_click, on_submit, spawn};
use portico_ui::session::use_session;

use crate::text;

#[derive(Clone, Copy)]
struct Fields {
    name: FieldState,
    kind: FieldState,
    validity: FieldState,
    how_to_earn: FieldState,
    release: FieldState,
    released_on: FieldState,
    motions: RwSignal<Vec<&'static str>>,
    products: RwSignal<Vec<i64>>,
}

impl Fields {
    fn new() -> Fields {
        Fields {
            name: FieldState::new("certification-name", |v| {
                v.trim()
                    .is_empty()
                    .then(|| text::certifications::NAME_NEEDED.to_owned())
            }),
            kind: FieldState::plain("certification-kind", CertificationKind::Product.as_str()),
            validity: FieldState::plain("certification-validity", "24"),
            how_to_earn: FieldState::plain("certification-how", ""),
            release: FieldState::plain("certification-release", ""),
            released_on: FieldState::plain("certification-released-on", ""),
            motions: RwSignal::new(Vec::new()),
            products: RwSignal::new(Vec::new()),
        }
    }

    /// Shows the definition, or empties the form.
    fn show(self, definition: Option<&CertificationDefinition>) {
        let text = |field: FieldState, value: String| {
            field.value.set(value);
            field.error.set(None);
        };
        text(
            self.name,
            definition.map(|d| d.name.clone()).unwrap_or_default(),
        );
        let kind = definition.map_or(CertificationKind::Product, |d| d.kind);
        text(self.kind, kind.as_str().to_owned());
        let months = definition.map_or(24, |d| d.validity_months);
        text(self.validity, months.to_string());
        text(
            self.how_to_earn,
            definition
                .map(|d| d.how_to_earn.clone())
                .unwrap_or_default(),
        );
        let renewal = definition.and_then(|d| d.renewal.clone());
        text(
            self.release,
            renewal
                .as_ref()
                .map(|r| r.release.clone())
                .unwrap_or_default(),
        );
        text(
            self.released_on,
            renewal.map(|r| r.released_on).unwrap_or_default(),
        );
        let motions = definition.map_or(Vec::new(), |d| {
            d.required_for_motions.iter().map(|m| m.as_str()).collect()
        });
        self.motions.set(motions);
        let products = definition.map_or(Vec::new(), |d| d.required_for_products.clone());
        self.products.set(products);
    }

    fn input(self) -> CertificationInput {
        let release = self.release.get().trim().to_owned();
        CertificationInput {
            name: self.name.get(),
            kind: CertificationKind::parse(&self.kind.get()).unwrap_or(CertificationKind::Product),
            validity_months: self.validity.get().trim().parse().unwrap_or(0),
            renewal: (!release.is_empty()).then(|| Renewal {
                release,
                released_on: self.released_on.get(),
            }),
            how_to_earn: self.how_to_earn.get(),
            required_for_motions: self
                .motions
                .get_untracked()
                .iter()
                .filter_map(|m| Motion::parse(m))
                .collect(),
            required_for_products: self.products.get_untracked(),
        }
    }

    fn by_name(self) -> [(&'static str, FieldState); 6] {
        [
            ("name", self.name),
            ("kind", self.kind),
            ("validity_months", self.validity),
            ("how_to_earn", self.how_to_earn),
            ("renewal.release", self.release),
            ("renewal.released_on", self.released_on),
        ]
    }
}

#[component]
pub(super) fn DefinitionForm(
    editing: RwSignal<Option<CertificationDefinition>>,
    reload: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let f = Fields::new();
    Effect::new(move |_| editing.with(|d| f.show(d.as_ref())));
    let catalog = RwSignal::new(Vec::<Product>::new());
    spawn(async move {
        if let Ok(list) = api::products().await {
            catalog.set(list);
        }
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(None::<String>);
    let submit = move || {
        saved.set(None);
        if !begin_submit(busy, form_error, &[f.name]) {
            return;
        }
        let input = f.input();
        if let Err(errors) = input.validate() {
            show_field_errors(&errors, &f.by_name());
            return;
        }
        let editing_id = editing.get_untracked().map(|d| d.id);
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = match editing_id {
                Some(id) => api::update_certification(&csrf, id, &input).await,
                None => api::create_certification(&csrf, &input).await,
            };
            busy.set(false);
            match result {
                Ok(saved_one) => {
                    saved.set(Some(text::certifications::saved(&saved_one.name)));
                    reload.run(());
                }
                Err(e) => show_error(e, &f.by_name(), form_error),
            }
        });
    };
    let heading = move || match editing.get() {
        Some(d) => text::certifications::editing(&d.name),
        None => text::certifications::NEW.to_owned(),
    };
    let cancel = move |_| editing.set(None);
    view! {
        <section class="panel" aria-labelledby="definition-form-heading">
            <h2 id="definition-form-heading" class="section-title">{heading}</h2>
            <FormError error=form_error />
            <form class="form form-grid" id="definition-form" novalidate on:submit=on_submit(submit)>
                <TextField field=f.name label=text::certifications::NAME autocomplete="off" />
                <SelectField
                    field=f.kind
                    label=text::certifications::KIND
                    options=owned_pairs(CertificationKind::ALL, CertificationKind::as_str, CertificationKind::label)
                />
                <TextField field=f.validity label=text::certifications::VALIDITY kind="number" />
                <TextField field=f.release label=text::certifications::RELEASE optional=true
                    hint=text::certifications::RELEASE_HINT />
                <TextField field=f.released_on label=text::certifications::RELEASED_ON kind="date" optional=true />
                <TextArea field=f.how_to_earn label=text::certifications::HOW_TO_EARN optional=true
                    hint=text::certifications::HOW_TO_EARN_HINT />
                <CheckGroup
                    id="certification-motions"
                    legend=text::certifications::REQUIRED_FOR_MOTIONS
                    options=pairs(&Motion::ALL, Motion::as_str, Motion::label)
                    chosen=f.motions
                />
                <ProductChecks catalog chosen=f.products />
                <div class="form-actions">
                    <SubmitButton id="definition-save" label=text::certifications::SAVE
                        busy_label=text::certifications::SAVING busy />
                    {move || editing.get().is_some().then(|| view! {
                        <button type="button" class="secondary" on:click=on_click(cancel)>
                            {text::certifications::CANCEL}
                        </button>
                    })}
                </div>
            </form>
            <p id="definition-saved" class="notice notice-success" role="status" hidden=move || saved.get().is_none()>
                {saved}
            </p>
        </section>
    }
}

/// The products whose filings need the certification.
#[component]
fn ProductChecks(catalog: RwSignal<Vec<Product>>, chosen: RwSignal<Vec<i64>>) -> impl IntoView {
    let toggle = move |id: i64, on: bool| {
        chosen.update(|ids| {
            ids.retain(|p| *p != id);
            if on {
                ids.push(id);
            }
        })
    };
    view! {
        <fieldset class="field field-wide choices" id="certification-products">
            <legend>{text::certifications::REQUIRED_FOR_PRODUCTS}</legend>
            {move || catalog.get().into_iter().map(|product| {
                let id = product.id;
                let input_id = format!("certification-product-{id}");
                let label_for = input_id.clone();
                view! {
                    <label class="choice" for=label_for>
                        <input type="checkbox" id=input_id
                            prop:checked=move || chosen.with(|ids| ids.contains(&id))
                            on:change=move |ev| toggle(id, event_target_checked(&ev)) />
                        {product.name}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}
