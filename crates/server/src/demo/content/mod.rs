//! The demo content library: decks, one-pagers, case studies, battlecards and more across
//! motions and industries, each with a small real file or a video link, some published to
//! every partner and some to chosen tiers, motions or certified partners; plus a few weeks of
//! views and downloads so the usage report has something to show.

mod item;
mod library;

use portico_api::assets::AssetState;

use super::files;
use crate::blobs::Blobs;
use crate::clock::Timestamp;
use crate::domain::markdown::to_safe_html;
use crate::store::asset_usage::{self, Event, Use};
use crate::store::{Db, StoreError, assets, sql};
use item::Attachment;
use library::LIBRARY;

fn seed_error(e: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Protocol(format!("demo content: {e}"))
}

/// Publishes the library over the last ten weeks, oldest first, as the first manager.
pub async fn seed(
    db: &Db,
    blobs: &Blobs,
    manager_id: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    let count = LIBRARY.len() as i64;
    for (i, item) in LIBRARY.iter().enumerate() {
        let at = now - (count - i as i64) * 2 * 86_400;
        let metadata = item
            .metadata()
            .validate()
            .map_err(|e| seed_error(format!("{e:?}")))?;
        let file = match item.attachment {
            Attachment::Pdf => {
                let name = format!("{}.pdf", slug(item.title));
                let bytes = files::pdf(
                    item.title,
                    &[item.summary, "Acme Cloud partner enablement."],
                );
                Some(blobs.put(&bytes, &name).await.map_err(seed_error)?)
            }
            Attachment::File(name, bytes) => {
                Some(blobs.put(bytes, name).await.map_err(seed_error)?)
            }
            Attachment::Link(_) => None,
        };
        let mut tx = db.begin_write().await?;
        let id = assets::insert(
            &mut tx,
            &metadata,
            &to_safe_html(&metadata.body),
            manager_id,
            at,
        )
        .await?;
        if let Some(file) = &file {
            assets::add_version(&mut tx, id, file, manager_id, at).await?;
        }
        if item.state != AssetState::Draft {
            assets::set_state(&mut tx, id, AssetState::Published, at).await?;
        }
        if item.state == AssetState::Archived {
            assets::set_state(&mut tx, id, AssetState::Archived, at).await?;
        }
        tx.commit().await?;
    }
    usage(db, now).await
}

fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

/// Partner users opened and downloaded a spread of published assets over the last weeks, none
/// before their organization joined.
async fn usage(db: &Db, now: Timestamp) -> Result<(), StoreError> {
    let readers: Vec<(i64, i64, Timestamp)> = sql::query_as(
        "SELECT u.id, u.organization_id, o.created_at FROM users u \
         JOIN organizations o ON o.id = u.organization_id ORDER BY u.id",
    )
    .fetch_all(db.pool())
    .await?;
    let published: Vec<i64> = sql::query_scalar(
        "SELECT id FROM assets WHERE state = 'published' AND audience_tiers = '' \
         AND audience_motions = '' AND audience_certification = '' ORDER BY id",
    )
    .fetch_all(db.pool())
    .await?;
    for (n, (user_id, organization_id, joined_at)) in readers.iter().enumerate() {
        // Each reader looks at every third asset, starting at a different one; the last few
        // assets stay unused so the report's "unused" list is not empty.
        for (k, asset_id) in published.iter().skip(n % 3).step_by(3).take(6).enumerate() {
            let at = (now - ((n * 5 + k * 3) % 60) as i64 * 86_400 - 3_600).max(joined_at + 3_600);
            for event in [Event::View, Event::Download].into_iter().take(1 + k % 2) {
                let usage = Use {
                    asset_id: *asset_id,
                    organization_id: *organization_id,
                    user_id: *user_id,
                    event,
                };
                asset_usage::record(db, &usage, at).await?;
            }
        }
    }
    Ok(())
}
