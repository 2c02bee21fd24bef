//! Writing assets: metadata, file versions, states, and the facet totals they keep.

use portico_api::assets::{AssetState, Certification, ValidMetadata};
use portico_api::organizations::Motion;

use super::rows::member_list;
use crate::blobs::Received;
use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Conn};

/// The columns a manager's metadata fills, bound as `$1` to `$13` by `bind_metadata`.
fn bind_metadata(query: sql::Query, metadata: &ValidMetadata, body_html: &str) -> sql::Query {
    let audience = &metadata.audience;
    query
        .bind(metadata.kind.as_str())
        .bind(&metadata.title)
        .bind(&metadata.summary)
        .bind(&metadata.body)
        .bind(body_html)
        .bind(&metadata.language)
        .bind(motion_lines(&metadata.motions))
        .bind(metadata.industries.join("\n"))
        .bind(metadata.use_cases.join("\n"))
        .bind(member_list(audience.tiers.iter().map(|t| t.as_str())))
        .bind(member_list(audience.motions.iter().map(|m| m.as_str())))
        .bind(
            audience
                .certification
                .as_ref()
                .map_or("", Certification::as_str),
        )
        .bind(metadata.link.as_deref())
}

/// A new draft asset; returns its id.
pub async fn insert(
    conn: &mut Conn,
    metadata: &ValidMetadata,
    body_html: &str,
    created_by: i64,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let query = bind_metadata(
        sql::query(
            "INSERT INTO assets (kind, title, summary, body, body_html, language, motions, \
             industries, use_cases, audience_tiers, audience_motions, audience_certification, \
             link, state, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'draft', $14, $15, \
             $15) RETURNING id",
        ),
        metadata,
        body_html,
    );
    let id: i64 = query
        .into_scalar()
        .bind(created_by)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
    write_tags(conn, id, metadata).await?;
    Ok(id)
}

/// Replaces an asset's metadata; false when there is no such asset.
pub async fn update(
    conn: &mut Conn,
    id: i64,
    metadata: &ValidMetadata,
    body_html: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    tally(conn, id, -1).await?;
    let update = sql::query(
        "UPDATE assets SET kind = $1, title = $2, summary = $3, body = $4, body_html = $5, \
         language = $6, motions = $7, industries = $8, use_cases = $9, audience_tiers = $10, \
         audience_motions = $11, audience_certification = $12, link = $13, updated_at = $14 \
         WHERE id = $15",
    );
    let done = bind_metadata(update, metadata, body_html)
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sql::query("DELETE FROM asset_tags WHERE asset_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    write_tags(conn, id, metadata).await?;
    tally(conn, id, 1).await?;
    Ok(true)
}

/// Adds (`sign` 1) or removes (-1) a published asset's facets in the running totals; an asset
/// in another state counts nowhere.
async fn tally(conn: &mut Conn, id: i64, sign: i64) -> Result<(), StoreError> {
    sql::query(
        "INSERT INTO asset_facet_totals (audience_tiers, audience_motions, \
         audience_certification, facet, value, n) \
         SELECT a.audience_tiers, a.audience_motions, a.audience_certification, t.facet, t.value, $2 \
         FROM assets a JOIN asset_tags t ON t.asset_id = a.id \
         WHERE a.id = $1 AND a.state = 'published' \
         ON CONFLICT (audience_tiers, audience_motions, audience_certification, facet, value) \
         DO UPDATE SET n = asset_facet_totals.n + excluded.n",
    )
    .bind(id)
    .bind(sign)
    .execute(conn)
    .await?;
    Ok(())
}

/// Counts the running totals afresh, after bulk loads that bypass `tally`.
pub async fn recount_facets(conn: &mut Conn) -> Result<(), StoreError> {
    sql::query("DELETE FROM asset_facet_totals")
        .execute(&mut *conn)
        .await?;
    sql::query(
        "INSERT INTO asset_facet_totals (audience_tiers, audience_motions, \
         audience_certification, facet, value, n) \
         SELECT a.audience_tiers, a.audience_motions, a.audience_certification, t.facet, t.value, \
         COUNT(*) FROM assets a JOIN asset_tags t ON t.asset_id = a.id \
         WHERE a.state = 'published' \
         GROUP BY a.audience_tiers, a.audience_motions, a.audience_certification, t.facet, t.value",
    )
    .execute(conn)
    .await?;
    Ok(())
}

fn motion_lines(motions: &[Motion]) -> String {
    motions
        .iter()
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

async fn write_tags(conn: &mut Conn, id: i64, metadata: &ValidMetadata) -> Result<(), StoreError> {
    let kind = std::iter::once(("kind", metadata.kind.as_str()));
    let motions = metadata.motions.iter().map(|m| ("motion", m.as_str()));
    let industries = metadata.industries.iter().map(|i| ("industry", i.as_str()));
    let use_cases = metadata.use_cases.iter().map(|u| ("use_case", u.as_str()));
    for (facet, value) in kind.chain(motions).chain(industries).chain(use_cases) {
        sql::query("INSERT INTO asset_tags (asset_id, facet, value) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(facet)
            .bind(value)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Records a stored file as the asset's next version and makes it the current one.
pub async fn add_version(
    conn: &mut Conn,
    asset_id: i64,
    file: &Received,
    uploaded_by: i64,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let number: i64 = sql::query_scalar(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM asset_versions WHERE asset_id = $1",
    )
    .bind(asset_id)
    .fetch_one(&mut *conn)
    .await?;
    let version_id: i64 = sql::query_scalar(
        "INSERT INTO asset_versions (asset_id, number, storage_key, file_name, content_type, \
         size, sha256, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         RETURNING id",
    )
    .bind(asset_id)
    .bind(number)
    .bind(&file.key)
    .bind(&file.file_name)
    .bind(file.file_type.content_type())
    .bind(file.size)
    .bind(&file.sha256)
    .bind(uploaded_by)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    sql::query("UPDATE assets SET current_version_id = $1, updated_at = $2 WHERE id = $3")
        .bind(version_id)
        .bind(now)
        .bind(asset_id)
        .execute(&mut *conn)
        .await?;
    Ok(number)
}

/// Moves an asset to `state`; publishing stamps the time partners see it as new from.
pub async fn set_state(
    conn: &mut Conn,
    id: i64,
    state: AssetState,
    now: Timestamp,
) -> Result<bool, StoreError> {
    tally(conn, id, -1).await?;
    let done = sql::query(
        "UPDATE assets SET state = $1, updated_at = $2, published_at = CASE \
         WHEN $1 = 'published' AND state <> 'published' THEN $2 ELSE published_at END \
         WHERE id = $3",
    )
    .bind(state.as_str())
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    tally(conn, id, 1).await?;
    Ok(done.rows_affected() > 0)
}
