//! The metadata form, for a new asset and for an existing one.

use leptos::prelude::*;
use portico_api::assets::{AssetKind, AssetMetadata, Audience, Certification, LANGUAGES};
use portico_api::organizations::{Motion, Tier};
use portico_ui::route::Route;

use portico_ui::api;
use portico_ui::components::field::{owned_pairs, pairs};
use portico_ui::components::field::{show_error, show_field_errors, validate_all};
use portico_ui::components::record_page;
use portico_ui::components::{
    ASSET_FILES, CheckGroup, FieldState, FileUpload, FormError, RadioGroup, SelectField,
    SubmitButton, TextArea, TextField, Upload,
};
use portico_ui::dom::{focus_by_id, on_submit, spawn};
use portico_ui::location::use_location;
use portico_ui::session::use_session;

use super::Edit;
use crate::text;

/// The form's inputs, one per metadata field.
#[derive(Clone, Copy)]
struct MetadataFields {
    title: FieldState,
    summary: FieldState,
    body: FieldState,
    kind: FieldState,
    industries: FieldState,
    use_cases: FieldState,
    language: FieldState,
    certification: FieldState,
    link: FieldState,
    /// `file` or `link`, for a new asset.
    source: FieldState,
    motions: RwSignal<Vec<&'static str>>,
    tiers: RwSignal<Vec<&'static str>>,
    audience_motions: RwSignal<Vec<&'static str>>,
}

impl MetadataFields {
    fn new(m: &AssetMetadata, new: bool) -> MetadataFields {
        let field = |id: &str, name: &'static str, value: String| {
            let field = FieldState::new(id, rule(name));
            field.value.set(value);
            field
        };
        let kind = FieldState::new("asset-kind", |v| {
            AssetKind::parse(v)
                .is_none()
                .then(|| text::asset_form::CHOOSE_KIND_ERROR.to_owned())
        });
        kind.value
            .set(if new { "" } else { m.kind.as_str() }.to_owned());
        MetadataFields {
            title: field("asset-title", "title", m.title.clone()),
            summary: field("asset-summary", "summary", m.summary.clone()),
            body: field("asset-body", "body", m.body.clone()),
            kind,
            industries: field("asset-industries", "industries", m.industries.join(", ")),
            use_cases: field("asset-use-cases", "use_cases", m.use_cases.join(", ")),
            language: field("asset-language", "language", m.language.clone()),
            certification: FieldState::plain(
                "asset-certification",
                m.audience
                    .certification
                    .as_ref()
                    .map_or("", Certification::as_str),
            ),
            link: field("asset-url", "link", m.link.clone().unwrap_or_default()),
            source: FieldState::plain("asset-source", "file"),
            motions: RwSignal::new(m.motions.iter().map(|x| x.as_str()).collect()),
            tiers: RwSignal::new(m.audience.tiers.iter().map(|x| x.as_str()).collect()),
            audience_motions: RwSignal::new(
                m.audience.motions.iter().map(|x| x.as_str()).collect(),
            ),
        }
    }

    /// The metadata as typed; `link` when the asset points to a page rather than a file.
    fn metadata(self, link: bool) -> AssetMetadata {
        let motions = |chosen: RwSignal<Vec<&'static str>>| {
            chosen.with_untracked(|c| c.iter().filter_map(|v| Motion::parse(v)).collect())
        };
        AssetMetadata {
            title: self.title.get(),
            summary: self.summary.get(),
            body: self.body.get(),
            kind: AssetKind::parse(&self.kind.get()).unwrap_or(AssetKind::Other),
            motions: motions(self.motions),
            industries: split_tags(&self.industries.get()),
            use_cases: split_tags(&self.use_cases.get()),
            language: self.language.get(),
            audience: Audience {
                tiers: self
                    .tiers
                    .with_untracked(|c| c.iter().filter_map(|v| Tier::parse(v)).collect()),
                motions: motions(self.audience_motions),
                certification: Certification::parse(&self.certification.get()),
            },
            link: link.then(|| self.link.get().trim().to_owned()),
        }
    }

    /// The request's field names and the inputs that show their errors.
    fn map(self, upload: Upload) -> [(&'static str, FieldState); 10] {
        [
            ("title", self.title),
            ("summary", self.summary),
            ("body", self.body),
            ("kind", self.kind),
            ("industries", self.industries),
            ("use_cases", self.use_cases),
            ("language", self.language),
            ("audience", self.certification),
            ("link", self.link),
            ("file", upload.field),
        ]
    }
}

/// "Retail, Banking" → ["Retail", "Banking"]
fn split_tags(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The shared rule for one metadata field, applied to a value as typed.
fn rule(name: &'static str) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
    move |value: &str| {
        let mut m = blank();
        match name {
            "title" => m.title = value.to_owned(),
            "summary" => m.summary = value.to_owned(),
            "body" => m.body = value.to_owned(),
            "industries" => m.industries = split_tags(value),
            "use_cases" => m.use_cases = split_tags(value),
            "language" => m.language = value.to_owned(),
            _ if value.trim().is_empty() => {
                return Some(text::asset_form::ENTER_LINK.to_owned());
            }
            _ => m.link = Some(value.to_owned()),
        }
        m.validate()
            .err()
            .and_then(|mut errors| errors.remove(name))
    }
}

/// The metadata form, once the certifications an audience may require are loaded.
pub(super) fn asset_form(initial: AssetMetadata, edit: Option<Edit>) -> impl IntoView {
    record_page(
        api::certifications,
        text::asset_form::LOADING_CERTIFICATIONS,
        move |list, _| {
            let certifications = list
                .certifications
                .into_iter()
                .map(|c| (c.code, c.name))
                .collect();
            let initial = initial.clone();
            view! { <AssetForm initial edit certifications /> }.into_any()
        },
    )
}

/// The metadata form: a new asset (with its file or link) when `edit` is absent, otherwise the
/// asset's details, saved whole. `certifications` are the (code, name) an audience may require.
#[component]
fn AssetForm(
    initial: AssetMetadata,
    edit: Option<Edit>,
    certifications: Vec<(String, String)>,
) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let new = edit.is_none();
    let link_asset = initial.link.is_some();
    let f = MetadataFields::new(&initial, new);
    let upload = Upload::new(ASSET_FILES);
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let uses_link = move || {
        if new {
            f.source.value.get() == "link"
        } else {
            link_asset
        }
    };
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        form_error.set(None);
        if let Some(edit) = edit {
            edit.saved.set(None);
        }
        let link = untrack(uses_link);
        let mut fields = vec![
            f.title,
            f.summary,
            f.body,
            f.kind,
            f.industries,
            f.use_cases,
            f.language,
        ];
        if link {
            fields.push(f.link);
        }
        let fields_ok = validate_all(&fields);
        let file = (new && !link).then(|| upload.file());
        if !fields_ok {
            return;
        }
        if matches!(file, Some(None)) {
            focus_by_id("asset-file");
            return;
        }
        let metadata = f.metadata(link);
        let map = f.map(upload);
        if let Err(errors) = metadata.validate() {
            if !show_field_errors(&errors, &map) {
                form_error.set(errors.into_values().next());
            }
            return;
        }
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let result = match (edit, file.flatten()) {
                (Some(edit), _) => api::update_asset(&csrf, edit.id, &metadata).await,
                (None, Some(file)) => {
                    let sent =
                        api::create_asset(&csrf, &metadata, Some(&file), upload.progress()).await;
                    upload.finish(sent.is_ok());
                    sent
                }
                (None, None) => api::create_asset(&csrf, &metadata, None, Box::new(|_| ())).await,
            };
            busy.set(false);
            match (result, edit) {
                (Ok(_), Some(edit)) => {
                    edit.saved.set(Some(text::asset_form::SAVED.to_owned()));
                    edit.reload.run(());
                }
                (Ok(created), None) => {
                    let how = if link { "link" } else { "file" };
                    let id = created.asset.card.id;
                    location.go(&Route::ManageAsset { id }.with_query(&format!("created={how}")));
                }
                (Err(e), _) if upload.show_refusal(&e) => {}
                (Err(e), _) => show_error(e, &map, form_error),
            }
        });
    };
    let kinds = owned_pairs(AssetKind::ALL, AssetKind::as_str, AssetKind::label);
    let languages = LANGUAGES
        .iter()
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect();
    let source = new.then(|| {
        view! {
            <RadioGroup
                field=f.source
                legend=text::asset_form::SOURCE
                options=vec![
                    ("file", text::asset_form::SOURCE_FILE),
                    ("link", text::asset_form::SOURCE_LINK),
                ]
            />
            <div class="field-wide" hidden=uses_link>
                <FileUpload upload label=text::asset_form::FILE />
            </div>
        }
    });
    let link_field = move || {
        uses_link().then(|| {
            view! {
                <TextField
                    field=f.link
                    label=text::asset_form::LINK
                    kind="url"
                    hint=text::asset_form::LINK_HINT
                />
            }
        })
    };
    let (label, busy_label) = if new {
        (text::asset_form::CREATE, text::asset_form::CREATING)
    } else {
        (text::asset_form::SAVE_CHANGES, text::asset_form::SAVING)
    };
    view! {
        <FormError error=form_error />
        <form class="form form-grid" id="asset-form" novalidate on:submit=on_submit(submit)>
            <TextField field=f.title label=text::asset_form::TITLE autocomplete="off" />
            <SelectField
                field=f.kind
                label=text::asset_form::KIND
                options=kinds
                placeholder=text::asset_form::CHOOSE_KIND
            />
            <SelectField field=f.language label=text::asset_form::LANGUAGE options=languages />
            <TextArea
                field=f.summary
                label=text::asset_form::SUMMARY
                hint=text::asset_form::SUMMARY_HINT
                optional=true
            />
            <TextArea
                field=f.body
                label=text::asset_form::DESCRIPTION
                hint=text::asset_form::DESCRIPTION_HINT
                optional=true
            />
            <CheckGroup
                id="asset-motions"
                legend=text::asset_form::MOTIONS
                options=pairs(&Motion::ALL, Motion::as_str, Motion::label)
                chosen=f.motions
            />
            <TextField
                field=f.industries
                label=text::asset_form::INDUSTRIES
                hint=text::asset_form::INDUSTRIES_HINT
                optional=true
                autocomplete="off"
            />
            <TextField
                field=f.use_cases
                label=text::asset_form::USE_CASES
                hint=text::asset_form::USE_CASES_HINT
                optional=true
                autocomplete="off"
            />
            <fieldset class="field-wide audience">
                <legend>{text::asset_form::WHO_MAY_SEE}</legend>
                <CheckGroup
                    id="asset-tiers"
                    legend=text::asset_form::TIERS
                    hint=text::asset_form::TIERS_HINT
                    options=pairs(&Tier::ALL, Tier::as_str, Tier::label)
                    chosen=f.tiers
                />
                <CheckGroup
                    id="asset-audience-motions"
                    legend=text::asset_form::PARTNER_MOTIONS
                    hint=text::asset_form::PARTNER_MOTIONS_HINT
                    options=pairs(&Motion::ALL, Motion::as_str, Motion::label)
                    chosen=f.audience_motions
                />
                <SelectField
                    field=f.certification
                    label=text::asset_form::CERTIFICATION
                    options=certifications
                    placeholder=text::asset_form::NO_CERTIFICATION
                />
            </fieldset>
            {source}
            {link_field}
            <SubmitButton id="asset-save" label busy_label busy />
        </form>
    }
}

/// An empty form: a new asset.
pub(super) fn blank() -> AssetMetadata {
    AssetMetadata {
        title: String::new(),
        summary: String::new(),
        body: String::new(),
        kind: AssetKind::Other,
        motions: Vec::new(),
        industries: Vec::new(),
        use_cases: Vec::new(),
        language: "en".to_owned(),
        audience: Audience::default(),
        link: None,
    }
}
