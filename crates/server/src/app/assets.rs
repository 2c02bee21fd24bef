//! Managing the content hub's assets: drafts from an upload or a link, new file versions,
//! edits, and moves between draft, published and archived. Each change leaves an audit
//! record; publishing tells the webhook endpoints.

use portico_api::assets::{AssetState, ValidMetadata};

use crate::app::unit_of_work::{self, Event, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::blobs::Received;
use crate::domain::markdown::to_safe_html;
use crate::state::AppState;
use crate::store::assets::{self, AssetRow, Reader};
use crate::store::audit::{self, AuditEntry};

/// A draft asset with its first file, if it has one (a link asset has none); answers its id.
pub async fn create(
    state: &AppState,
    manager: i64,
    metadata: &ValidMetadata,
    file: Option<&Received>,
) -> AppResult<i64> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let body_html = to_safe_html(&metadata.body);
        let id = assets::insert(unit.tx(), metadata, &body_html, manager, now).await?;
        if let Some(file) = file {
            assets::add_version(unit.tx(), id, file, manager, now).await?;
        }
        let after = serde_json::json!({ "metadata": metadata, "sha256": file.map(|f| &f.sha256) });
        unit.record(entry(manager, "asset.created", id, None, Some(after)));
        Ok(id)
    })
    .await
}

/// A new file for an asset; partners get it from now on, managers keep the history.
pub async fn add_version(
    state: &AppState,
    manager: i64,
    id: i64,
    file: &Received,
) -> AppResult<()> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let number = assets::add_version(unit.tx(), id, file, manager, now).await?;
        let after = serde_json::json!({ "version": number, "file_name": file.file_name,
            "size": file.size, "sha256": file.sha256 });
        unit.record(entry(manager, "asset.version_added", id, None, Some(after)));
        Ok(())
    })
    .await
}

/// Replaces the asset's metadata (the whole set); answers the asset as it now is.
pub async fn edit(
    state: &AppState,
    manager: i64,
    id: i64,
    metadata: &ValidMetadata,
) -> AppResult<AssetRow> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let before = find(unit, id).await?;
        match (before.has_file(), &metadata.link) {
            (true, Some(_)) => {
                return Err(AppError::field(
                    "link",
                    "This asset has a file; upload a new version instead.",
                ));
            }
            (false, None) => {
                return Err(AppError::field("link", "A link asset needs its link."));
            }
            _ => {}
        }
        let body_html = to_safe_html(&metadata.body);
        assets::update(unit.tx(), id, metadata, &body_html, now).await?;
        let before = audit::state(&before.metadata()?);
        let after = audit::state(metadata);
        unit.record(entry(manager, "asset.edited", id, before, after));
        find(unit, id).await
    })
    .await
}

/// Moves an asset to `target`; answers the asset as it now is. Asking again for the state it
/// is in changes nothing, so a retried click is harmless.
pub async fn move_to(
    state: &AppState,
    manager: i64,
    id: i64,
    target: AssetState,
) -> AppResult<AssetRow> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let from = find(unit, id).await?.card.state;
        if from != target {
            assets::set_state(unit.tx(), id, target, now).await?;
            let action = match target {
                AssetState::Published => "asset.published",
                AssetState::Archived => "asset.archived",
                AssetState::Draft => "asset.drafted",
            };
            let before = Some(serde_json::json!({ "state": from }));
            let after = Some(serde_json::json!({ "state": target }));
            unit.record(entry(manager, action, id, before, after));
            if target == AssetState::Published {
                unit.publish(Event::AssetPublished(id)).await?;
            }
        }
        find(unit, id).await
    })
    .await
}

async fn find(unit: &mut UnitOfWork, id: i64) -> AppResult<AssetRow> {
    assets::find(unit.tx(), id, &Reader::Vendor)
        .await?
        .ok_or(AppError::NotFound)
}

fn entry(
    manager: i64,
    action: &'static str,
    id: i64,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> AuditEntry {
    AuditEntry {
        before,
        after,
        ..AuditEntry::new(Some(manager), action, "asset", Some(id))
    }
}
