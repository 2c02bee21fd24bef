//! `/manage/content/{id}`: one asset: its metadata, publish and archive, new file versions,
//! a preview of what partners read and how partners use it.

use leptos::prelude::*;
use portico_api::assets::{AssetCard, AssetMetadata, AssetState, AssetVersion, ManagedAsset};
use portico_ui::route::Route;

use crate::components::usage::WeeklyUsage;
use crate::text;
use portico_ui::api;
use portico_ui::components::field::show_error;
use portico_ui::components::record_page;
use portico_ui::components::{ASSET_FILES, DataTable, FileUpload, SubmitButton, Time, Upload};
use portico_ui::dom::{focus_by_id, on_click, on_submit, set_title, spawn};
use portico_ui::format::human_size;
use portico_ui::location::use_location;
use portico_ui::session::use_session;

use super::{Edit, StateBadge, asset_form::asset_form};

#[component]
pub fn ManageAssetPage(id: i64) -> impl IntoView {
    set_title(text::content::ASSET);
    let location = use_location();
    // Outside the record, so the confirmation stays while the asset loads again.
    let saved = RwSignal::new(location.query("created").map(|how| {
        if how == "file" {
            text::content::CREATED_WITH_FILE
        } else {
            text::content::CREATED
        }
        .to_owned()
    }));
    if saved.get_untracked().is_some() {
        location.replace(&Route::ManageAsset { id }.href());
    }
    view! {
        <section class="page">
            <p>
                <a href=Route::ContentDesk.href()>{text::content::BACK}</a>
            </p>
            <p id="asset-status" class="notice notice-success status-line" role="status">
                {saved}
            </p>
            {record_page(
                move || api::managed(id),
                text::content::LOADING,
                move |asset, reload| view! { <Managed asset reload saved /> }.into_any(),
            )}
        </section>
    }
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
            <h2 class="section-title" id="asset-form-heading">{text::content::DETAILS}</h2>
            {asset_form(initial, Some(edit))}
        </section>
        <section aria-labelledby="preview-heading">
            <h2 class="section-title" id="preview-heading">{text::content::PREVIEW}</h2>
            <p class="muted">{text::content::PREVIEW_INTRO}</p>
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
        view! { {text::content::PUBLISHED_AT} <Time value /> }
    });
    view! {
        <section class="panel state-panel" aria-labelledby="state-heading">
            <h2 class="section-title" id="state-heading">{text::content::STATE}</h2>
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
            text::content::PUBLISH,
            text::content::PUBLISHING,
            text::content::PUBLISHED,
        ),
        Move::Archive => (
            "asset-archive",
            text::content::ARCHIVE,
            text::content::ARCHIVING,
            text::content::ARCHIVED,
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

/// Every uploaded file, newest first.
#[component]
fn Versions(versions: Vec<AssetVersion>) -> impl IntoView {
    view! {
        <h2 class="section-title" id="versions-heading">{text::content::VERSIONS}</h2>
        <DataTable id="asset-versions" labelled_by="versions-heading" headers=&text::content::VERSION_HEADERS>
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
            <td><Time value=v.uploaded_at /> {text::content::BY} {v.uploaded_by}</td>
        </tr>
    }
}

/// A new current file for the asset; partners download it from then on.
#[component]
fn NewVersion(edit: Edit) -> impl IntoView {
    let session = use_session();
    let upload = Upload::new(ASSET_FILES);
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
                    edit.saved.set(Some(text::content::version_current(number)));
                    edit.reload.run(());
                }
                Err(e) if upload.show_refusal(&e) => {}
                Err(e) => show_error(e, &[("file", upload.field)], form_error),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="new-version-heading">
            <h2 class="section-title" id="new-version-heading">
                {text::content::NEW_VERSION}
            </h2>
            <p class="muted">{text::content::NEW_VERSION_INTRO}</p>
            <form class="form" novalidate on:submit=on_submit(submit)>
                <FileUpload upload label=text::content::NEW_FILE />
                <p id="version-error" class="error-text" role="alert">{form_error}</p>
                <SubmitButton
                    id="version-upload"
                    label=text::content::UPLOAD_VERSION
                    busy_label=text::content::UPLOADING
                    busy
                />
            </form>
        </section>
    }
}

/// How partners used the asset: totals, by organization and week by week.
#[component]
fn AssetUsagePanel(id: i64, views: i64, downloads: i64) -> impl IntoView {
    view! {
        <section aria-labelledby="asset-usage-heading">
            <h2 class="section-title" id="asset-usage-heading">{text::content::USAGE}</h2>
            <p id="asset-usage-totals">
                {text::content::totals(views, downloads)}
            </p>
            {record_page(
                move || api::asset_usage(id, None),
                text::content::LOADING_USAGE,
                |detail, _| {
                    let days = detail.days;
                    view! {
                        <h3 id="asset-usage-partners-heading">
                            {text::content::by_partner_last(days)}
                        </h3>
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
        return view! { <p class="empty">{text::content::NOT_USED}</p> }.into_any();
    }
    view! {
        <DataTable id="asset-usage-partners" labelled_by="asset-usage-partners-heading" headers=&text::content::USAGE_HEADERS>
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
