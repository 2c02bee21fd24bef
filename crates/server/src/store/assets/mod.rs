//! Content hub assets: metadata, file versions, facet tags, and who may see what (searching
//! them is `asset_search`).
//!
//! Visibility is decided in SQL, so a partner's query can only ever return assets its
//! organization may see; everything else reads as not found.

use portico_api::assets::AssetState;

use crate::store::conditions::{Conditions, SortKey};
use crate::store::sql::{self, Exec, Pool};
use crate::store::{StoreError, certifications};

mod rows;
mod visits;
mod writes;
pub use rows::{AssetRow, CardRow, Internals, VersionRow};
pub use visits::{new_to, visit};
pub use writes::{add_version, insert, recount_facets, set_state, update};

/// Who is reading: vendor staff see every asset; a partner organization only published assets
/// whose audience includes its tier, motion and certifications.
#[derive(Debug, Clone)]
pub enum Reader {
    Vendor,
    Partner(Profile),
}

/// What decides which assets a partner organization sees.
#[derive(Debug, Clone)]
pub struct Profile {
    pub organization_id: i64,
    tier: String,
    motion: String,
    certifications: Vec<String>,
}

/// The organization's tier, motion and the certifications it holds on `today`; `None` when
/// there is no such organization.
pub async fn profile(
    db: &Pool,
    organization_id: i64,
    today: &str,
) -> Result<Option<Profile>, StoreError> {
    let row: Option<(String, String)> =
        sql::query_as("SELECT tier, motion FROM organizations WHERE id = $1")
            .bind(organization_id)
            .fetch_optional(db)
            .await?;
    let Some((tier, motion)) = row else {
        return Ok(None);
    };
    let held = certifications::held(db, organization_id, today).await?;
    Ok(Some(Profile {
        organization_id,
        tier,
        motion,
        certifications: held.into_iter().map(|h| h.code).collect(),
    }))
}

pub(super) const CARD_COLUMNS: &str = "a.id, a.kind, a.state, a.title, a.summary, a.motions, a.industries, \
    a.use_cases, a.language, a.published_at, a.link, v.file_name, v.content_type, v.size";
pub(super) const WITH_FILE: &str = "LEFT JOIN asset_versions v ON v.id = a.current_version_id";

/// The SQL condition that admits only what `reader` may see, on the columns of `table` (an
/// asset, or a row of facet totals, which carry the same audience columns).
pub(super) fn admit(c: &mut Conditions, table: &str, reader: &Reader, state: Option<AssetState>) {
    match (reader, state) {
        (Reader::Vendor, Some(state)) => c.add(
            &format!("{table}.state = ?"),
            [SortKey::Text(state.as_str().into())],
        ),
        (Reader::Vendor, None) => c.fixed(&format!("{table}.state <> 'archived'")),
        (Reader::Partner(profile), _) => {
            c.fixed(&format!("{table}.state = 'published'"));
            audience(c, table, profile);
        }
    }
}

/// Audience columns that include the partner: the same literal tests on both engines, so no
/// correlated subquery runs per row.
pub(super) fn audience(c: &mut Conditions, table: &str, profile: &Profile) {
    let member = |value: &str| SortKey::Text(format!("%,{value},%"));
    c.add(
        &format!(
            "({table}.audience_tiers = '' OR {table}.audience_tiers LIKE ?) \
             AND ({table}.audience_motions = '' OR {table}.audience_motions LIKE ?)"
        ),
        [member(&profile.tier), member(&profile.motion)],
    );
    let held = profile
        .certifications
        .iter()
        .map(|c| SortKey::Text(c.clone()));
    let marks = vec!["?"; profile.certifications.len()].join(", ");
    c.add(
        &format!(
            "({table}.audience_certification = ''{})",
            if marks.is_empty() {
                String::new()
            } else {
                format!(" OR {table}.audience_certification IN ({marks})")
            }
        ),
        held,
    );
}

/// One asset, if `reader` may see it (vendor staff: in any state).
pub async fn find<'c, E>(db: E, id: i64, reader: &Reader) -> Result<Option<AssetRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut c = Conditions::default();
    c.add("a.id = ?", [SortKey::Number(id)]);
    if let Reader::Partner(_) = reader {
        admit(&mut c, "a", reader, None);
    }
    let sql = format!(
        "SELECT {CARD_COLUMNS}, a.body, a.body_html, a.audience_tiers, a.audience_motions, \
         a.audience_certification, a.use_count, a.created_at, a.updated_at \
         FROM assets a {WITH_FILE} WHERE {}",
        c.clause()
    );
    Ok(sql::query_as(sqlx::AssertSqlSafe(sql))
        .bind_all(c.arguments())
        .fetch_optional(db)
        .await?)
}

/// The current file of an asset `reader` may see.
pub async fn current_file(
    db: &Pool,
    id: i64,
    reader: &Reader,
) -> Result<Option<VersionRow>, StoreError> {
    let mut c = Conditions::default();
    c.add("a.id = ?", [SortKey::Number(id)]);
    if let Reader::Partner(_) = reader {
        admit(&mut c, "a", reader, None);
    }
    let sql = format!(
        "SELECT v.number, v.storage_key, v.file_name, v.content_type, v.size, v.sha256, \
         v.uploaded_at, u.name AS uploaded_by FROM assets a \
         JOIN asset_versions v ON v.id = a.current_version_id \
         JOIN users u ON u.id = v.uploaded_by WHERE {}",
        c.clause()
    );
    Ok(sql::query_as(sqlx::AssertSqlSafe(sql))
        .bind_all(c.arguments())
        .fetch_optional(db)
        .await?)
}

/// Every file the asset has had, newest first.
pub async fn versions<'c, E>(db: E, asset_id: i64) -> Result<Vec<VersionRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    Ok(sql::query_as(
        "SELECT v.number, v.storage_key, v.file_name, v.content_type, v.size, v.sha256, \
         v.uploaded_at, u.name AS uploaded_by FROM asset_versions v \
         JOIN users u ON u.id = v.uploaded_by WHERE v.asset_id = $1 ORDER BY v.number DESC",
    )
    .bind(asset_id)
    .fetch_all(db)
    .await?)
}
