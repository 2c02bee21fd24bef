//! The content desk for vendor staff: `/manage/content` lists every asset (search and state in
//! the address), `/manage/content/new` adds one with its file or link, and
//! `/manage/content/{id}` edits it: metadata, publish and archive, new file versions, a preview
//! of what partners read and how partners use it.

use leptos::prelude::*;
use portico_api::assets::AssetQuery;
use portico_api::assets::{
    AssetCard, AssetKind, AssetMetadata, AssetState, AssetVersion, Audience, Certification,
    LANGUAGES, ManagedAsset,
};
use portico_api::organizations::{Motion, Tier};
use portico_ui::query::{asset_query, asset_query_text};
use portico_ui::route::Route;

use crate::components::usage::{WeeklyUsage, usage_days};
use portico_ui::api;
use portico_ui::components::Day;
use portico_ui::components::field::pairs;
use portico_ui::components::field::{show_error, show_field_errors, validate_all};
use portico_ui::components::record_page;
use portico_ui::components::{
    CheckGroup, DataTable, FieldState, FileUpload, FormError, Paged, PagedList, RadioGroup,
    SelectField, SubmitButton, TextArea, TextField, Time, Upload,
};
use portico_ui::dom::{focus_by_id, on_click, on_submit, set_title, spawn};
use portico_ui::format::human_size;
use portico_ui::location::use_location;
use portico_ui::session::use_session;

#[component]
pub fn ContentDeskPage() -> impl IntoView {
    set_title("Content desk");
    let location = use_location();
    let filters = Memo::new(move |_| asset_query(&location.search(), true));
    view! {
        <section class="page">
            <div class="page-head">
                <h1 id="desk-heading">"Content desk"</h1>
                <div class="actions">
                    <a id="new-asset" class="button" href=Route::NewAsset.href()>"New asset"</a>
                    <a id="usage-link" class="button secondary-link" href=Route::ContentUsage.href()>
                        "Usage report"
                    </a>
                </div>
            </div>
            <p class="muted">
                "Every asset in the library. Drafts and archived assets are seen by vendor staff only; partners see published assets meant for them."
            </p>
            <DeskFilters filters />
            {move || view! { <DeskTable filters=filters.get() /> }}
        </section>
    }
}

#[component]
fn DeskFilters(filters: Memo<AssetQuery>) -> impl IntoView {
    let location = use_location();
    let q = RwSignal::new(String::new());
    let state = FieldState::plain("desk-state", "");
    Effect::new(move |_| {
        let f = filters.get();
        q.set(f.q.unwrap_or_default());
        state
            .value
            .set(f.state.map_or("", AssetState::as_str).to_owned());
    });
    let apply = move || {
        let words = q.get_untracked().trim().to_owned();
        let chosen = AssetQuery {
            q: Some(words).filter(|w| !w.is_empty()),
            state: AssetState::parse(&state.get()),
            ..AssetQuery::default()
        };
        location.go(&Route::ContentDesk.with_query(&asset_query_text(&chosen)));
    };
    let states = AssetState::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    view! {
        <form class="form form-grid filters" role="search" aria-label="Filter assets" novalidate on:submit=on_submit(apply)>
            <div class="field">
                <label for="desk-q">"Search"</label>
                <input
                    id="desk-q"
                    name="q"
                    type="search"
                    autocomplete="off"
                    prop:value=q
                    on:input=move |ev| q.set(event_target_value(&ev))
                />
            </div>
            <SelectField field=state label="State" options=states placeholder="Drafts and published" />
            <div class="actions">
                <button id="desk-apply" type="submit" class="primary">"Apply filters"</button>
                <a class="button secondary-link" href=Route::ContentDesk.href()>"Clear"</a>
            </div>
        </form>
    }
}

#[component]
fn DeskTable(filters: AssetQuery) -> impl IntoView {
    let query = asset_query_text(&filters);
    let list = Paged::new(move |cursor: Option<String>| {
        let query = query.clone();
        async move {
            let found = api::assets(&query, cursor.as_deref()).await?;
            Ok(portico_api::Page {
                items: found.items,
                next_cursor: found.next_cursor,
            })
        }
    });
    let items = list.items;
    view! {
        <PagedList list=list.controls() loading="Loading assets…" empty="No assets match. Add one with New asset.">
            <DataTable id="desk-table" labelled_by="desk-heading" headers=&["Title", "Kind", "State", "Published"]>
                {move || items.get().into_iter().map(desk_row).collect_view()}
            </DataTable>
        </PagedList>
    }
}

fn desk_row(card: AssetCard) -> impl IntoView {
    let href = Route::ManageAsset { id: card.id }.href();
    view! {
        <tr>
            <th scope="row"><a href=href>{card.title}</a></th>
            <td>{card.kind.label()}</td>
            <td><StateBadge state=card.state /></td>
            <td>{card.published_at.map(|value| view! { <Day value /> })}</td>
        </tr>
    }
}

#[component]
fn StateBadge(state: AssetState, #[prop(optional)] id: &'static str) -> impl IntoView {
    view! {
        <span id=(!id.is_empty()).then_some(id) class=format!("badge badge-{}", state.as_str())>
            {state.label()}
        </span>
    }
}

#[component]
pub fn NewAssetPage() -> impl IntoView {
    set_title("New asset");
    view! {
        <section class="page">
            <p><a href=Route::ContentDesk.href()>"← Content desk"</a></p>
            <h1 id="asset-heading">"New asset"</h1>
            <p class="muted">"A new asset is a draft: partners see it once it is published."</p>
            <AssetForm initial=blank() edit=None />
        </section>
    }
}

fn blank() -> AssetMetadata {
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

#[component]
pub fn ManageAssetPage(id: i64) -> impl IntoView {
    set_title("Asset");
    let location = use_location();
    // Outside the record, so the confirmation stays while the asset loads again.
    let saved = RwSignal::new(location.query("created").map(|how| {
        if how == "file" {
            "Upload complete. The asset is saved as a draft: publish it when it is ready."
        } else {
            "The asset is saved as a draft: publish it when it is ready."
        }
        .to_owned()
    }));
    if saved.get_untracked().is_some() {
        location.replace(&Route::ManageAsset { id }.href());
    }
    view! {
        <section class="page">
            <p><a href=Route::ContentDesk.href()>"← Content desk"</a></p>
            <p id="asset-status" class="notice notice-success status-line" role="status">
                {saved}
            </p>
            {record_page(
                move || api::managed(id),
                "Loading the asset…",
                move |asset, reload| view! { <Managed asset reload saved /> }.into_any(),
            )}
        </section>
    }
}

/// What saving an edit needs: the asset, and how to show and load the result.
#[derive(Clone, Copy)]
struct Edit {
    id: i64,
    reload: Callback<()>,
    saved: RwSignal<Option<String>>,
}

#[component]
fn Managed(
    asset: ManagedAsset,
    reload: Callback<()>,
    saved: RwSignal<Option<String>>,
) -> impl IntoView {
    let card = asset.asset.card.clone();
    set_title(&card.title);
    let id = card.id;
    let edit = Edit { id, reload, saved };
    let initial = metadata_of(&asset);
    let has_file = card.file.is_some();
    view! {
        <h1 id="asset-heading">{card.title.clone()}</h1>
        <StatePanel card edit />
        <section class="panel" aria-labelledby="asset-form-heading">
            <h2 class="section-title" id="asset-form-heading">"Details"</h2>
            <AssetForm initial edit=Some(edit) />
        </section>
        <section aria-labelledby="preview-heading">
            <h2 class="section-title" id="preview-heading">"Preview"</h2>
            <p class="muted">"The description as partners read it."</p>
            // Rendered from the Markdown and sanitized by the server.
            <div id="asset-preview" class="asset-body panel" inner_html=asset.asset.body_html></div>
        </section>
        {has_file.then(|| view! {
            <Versions versions=asset.versions />
            <NewVersion edit />
        })}
        <AssetUsagePanel id views=asset.views downloads=asset.downloads />
    }
}

fn metadata_of(asset: &ManagedAsset) -> AssetMetadata {
    let card = &asset.asset.card;
    AssetMetadata {
        title: card.title.clone(),
        summary: card.summary.clone(),
        body: asset.body.clone(),
        kind: card.kind,
        motions: card.motions.clone(),
        industries: card.industries.clone(),
        use_cases: card.use_cases.clone(),
        language: card.language.clone(),
        audience: asset.audience.clone(),
        link: card.link.clone(),
    }
}

/// A change of state from the desk.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Move {
    Publish,
    Archive,
}

/// The asset's state, and the buttons that change it.
#[component]
fn StatePanel(card: AssetCard, edit: Edit) -> impl IntoView {
    let state = card.state;
    let published = card.published_at.map(|value| {
        view! { " · published " <Time value /> }
    });
    view! {
        <section class="panel state-panel" aria-labelledby="state-heading">
            <h2 class="section-title" id="state-heading">"State"</h2>
            <p>
                <StateBadge state id="asset-state" />
                {published}
            </p>
            <div class="actions">
                {(state != AssetState::Published).then(|| view! { <MoveButton to=Move::Publish edit /> })}
                {(state != AssetState::Archived).then(|| view! { <MoveButton to=Move::Archive edit /> })}
            </div>
        </section>
    }
}

#[component]
fn MoveButton(to: Move, edit: Edit) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let (id, label, busy_label, done) = match to {
        Move::Publish => (
            "asset-publish",
            "Publish",
            "Publishing…",
            "Published: partners in its audience can find it now.",
        ),
        Move::Archive => (
            "asset-archive",
            "Archive",
            "Archiving…",
            "Archived: partners no longer see it.",
        ),
    };
    let run = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        edit.saved.set(None);
        let csrf = session.csrf();
        spawn(async move {
            let result = match to {
                Move::Publish => api::publish_asset(&csrf, edit.id).await,
                Move::Archive => api::archive_asset(&csrf, edit.id).await,
            };
            busy.set(false);
            match result {
                Ok(_) => {
                    edit.saved.set(Some(done.to_owned()));
                    edit.reload.run(());
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    let class = if to == Move::Publish {
        "primary"
    } else {
        "secondary"
    };
    view! {
        <button
            id=id
            type="button"
            class=class
            aria-disabled=move || busy.get().then_some("true")
            aria-busy=move || busy.get().then_some("true")
            on:click=on_click(run)
        >
            {move || if busy.get() { busy_label } else { label }}
        </button>
        <span class="error-text" role="alert">{error}</span>
    }
}

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
                .then(|| "Choose what kind of asset this is.".to_owned())
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
                m.audience.certification.map_or("", Certification::as_str),
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
                return Some("Enter the web address to link to.".to_owned());
            }
            _ => m.link = Some(value.to_owned()),
        }
        m.validate()
            .err()
            .and_then(|mut errors| errors.remove(name))
    }
}

fn owned(pairs: Vec<(&'static str, &'static str)>) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .map(|(v, l)| (v.to_owned(), l.to_owned()))
        .collect()
}

/// The metadata form: a new asset (with its file or link) when `edit` is absent, otherwise the
/// asset's details, saved whole.
#[component]
fn AssetForm(initial: AssetMetadata, edit: Option<Edit>) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let new = edit.is_none();
    let link_asset = initial.link.is_some();
    let f = MetadataFields::new(&initial, new);
    let upload = Upload::new();
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
                    edit.saved.set(Some("Saved.".to_owned()));
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
    let kinds = owned(pairs(AssetKind::ALL, AssetKind::as_str, AssetKind::label));
    let languages = owned(LANGUAGES.to_vec());
    let certifications = owned(pairs(
        Certification::ALL,
        Certification::as_str,
        Certification::label,
    ));
    let source = new.then(|| {
        view! {
            <RadioGroup
                field=f.source
                legend="The asset is"
                options=vec![("file", "A file to download"), ("link", "A link to a page, e.g. a video")]
            />
            <div class="field-wide" hidden=uses_link>
                <FileUpload upload label="File" />
            </div>
        }
    });
    let link_field = move || {
        uses_link().then(
            || view! { <TextField field=f.link label="Web address" kind="url" hint="https://…" /> },
        )
    };
    let (label, busy_label) = if new {
        ("Create asset", "Creating…")
    } else {
        ("Save changes", "Saving…")
    };
    view! {
        <FormError error=form_error />
        <form class="form form-grid" id="asset-form" novalidate on:submit=on_submit(submit)>
            <TextField field=f.title label="Title" autocomplete="off" />
            <SelectField field=f.kind label="Kind" options=kinds placeholder="Choose a kind" />
            <SelectField field=f.language label="Language" options=languages />
            <TextArea field=f.summary label="Summary" hint="One or two sentences for the card in search results." optional=true />
            <TextArea field=f.body label="Description" hint="Markdown: headings, lists, links. Shown on the asset's page." optional=true />
            <CheckGroup
                id="asset-motions"
                legend="Motions it is for"
                options=pairs(&Motion::ALL, Motion::as_str, Motion::label)
                chosen=f.motions
            />
            <TextField field=f.industries label="Industries" hint="Separate with commas, e.g. Retail, Banking." optional=true autocomplete="off" />
            <TextField field=f.use_cases label="Use cases" hint="Separate with commas, e.g. Onboarding, ROI." optional=true autocomplete="off" />
            <fieldset class="field-wide audience">
                <legend>"Who may see it"</legend>
                <CheckGroup
                    id="asset-tiers"
                    legend="Tiers"
                    hint="None checked: every tier."
                    options=pairs(&Tier::ALL, Tier::as_str, Tier::label)
                    chosen=f.tiers
                />
                <CheckGroup
                    id="asset-audience-motions"
                    legend="Partner motions"
                    hint="None checked: every motion."
                    options=pairs(&Motion::ALL, Motion::as_str, Motion::label)
                    chosen=f.audience_motions
                />
                <SelectField field=f.certification label="Required certification" options=certifications placeholder="None" />
            </fieldset>
            {source}
            {link_field}
            <SubmitButton id="asset-save" label busy_label busy />
        </form>
    }
}

/// Every uploaded file, newest first.
#[component]
fn Versions(versions: Vec<AssetVersion>) -> impl IntoView {
    view! {
        <h2 class="section-title" id="versions-heading">"Versions"</h2>
        <DataTable id="asset-versions" labelled_by="versions-heading" headers=&["Version", "File", "Size", "SHA-256", "Uploaded"]>
            {versions.clone().into_iter().map(version_row).collect_view()}
        </DataTable>
    }
}

fn version_row(v: AssetVersion) -> impl IntoView {
    let short: String = v.sha256.chars().take(12).collect();
    view! {
        <tr>
            <th scope="row">{v.number}</th>
            <td>{v.file.name}</td>
            <td class="number">{human_size(v.file.size.max(0) as u64)}</td>
            <td><code class="sha" title=v.sha256.clone()>{short} "…"</code></td>
            <td><Time value=v.uploaded_at /> " by " {v.uploaded_by}</td>
        </tr>
    }
}

/// A new current file for the asset; partners download it from then on.
#[component]
fn NewVersion(edit: Edit) -> impl IntoView {
    let session = use_session();
    let upload = Upload::new();
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        form_error.set(None);
        edit.saved.set(None);
        let Some(file) = upload.file() else {
            focus_by_id("asset-file");
            return;
        };
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let result = api::upload_version(&csrf, edit.id, &file, upload.progress()).await;
            upload.finish(result.is_ok());
            busy.set(false);
            match result {
                Ok(asset) => {
                    let number = asset.versions.first().map_or(0, |v| v.number);
                    edit.saved.set(Some(format!(
                        "Upload complete: version {number} is current."
                    )));
                    edit.reload.run(());
                }
                Err(e) if upload.show_refusal(&e) => {}
                Err(e) => show_error(e, &[("file", upload.field)], form_error),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="new-version-heading">
            <h2 class="section-title" id="new-version-heading">"Upload a new version"</h2>
            <p class="muted">"Partners download the newest version; earlier ones stay in the history."</p>
            <form class="form" novalidate on:submit=on_submit(submit)>
                <FileUpload upload label="New file" />
                <p id="version-error" class="error-text" role="alert">{form_error}</p>
                <SubmitButton id="version-upload" label="Upload new version" busy_label="Uploading…" busy />
            </form>
        </section>
    }
}

/// How partners used the asset: totals, by organization and week by week.
#[component]
fn AssetUsagePanel(id: i64, views: i64, downloads: i64) -> impl IntoView {
    view! {
        <section aria-labelledby="asset-usage-heading">
            <h2 class="section-title" id="asset-usage-heading">"Usage"</h2>
            <p id="asset-usage-totals">
                {format!("{views} views and {downloads} downloads in all.")}
            </p>
            {record_page(
                move || api::asset_usage(id, None),
                "Loading the usage…",
                |detail, _| {
                    let days = detail.days;
                    view! {
                        <h3 id="asset-usage-partners-heading">{format!("By partner, last {}", usage_days(days))}</h3>
                        <ByOrganization rows=detail.by_organization />
                        <WeeklyUsage id="asset-weekly" points=detail.weekly nested=true />
                    }
                    .into_any()
                },
            )}
        </section>
    }
}

#[component]
fn ByOrganization(rows: Vec<portico_api::assets::OrganizationUsage>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"No partner has used it in this period."</p> }.into_any();
    }
    view! {
        <DataTable id="asset-usage-partners" labelled_by="asset-usage-partners-heading" headers=&["Partner", "Views", "Downloads", "Last used"]>
            {rows
                .clone()
                .into_iter()
                .map(|r| view! {
                    <tr>
                        <th scope="row">{r.organization.name}</th>
                        <td class="number">{r.views}</td>
                        <td class="number">{r.downloads}</td>
                        <td><Time value=r.last_used_at /></td>
                    </tr>
                })
                .collect_view()}
        </DataTable>
    }
    .into_any()
}
