//! Content hub assets: metadata, file versions, facet tags, and who may see what (searching
//! them is `asset_search`).
//!
//! Visibility is decided in SQL, so a partner's query can only ever return assets its
//! organization may see; everything else reads as not found.

use portico_api::assets::{
    AssetCard, AssetKind, AssetMetadata, AssetState, AssetVersion, AssetView, Audience,
    Certification, FileInfo, ValidMetadata,
};
use portico_api::organizations::{Motion, Tier};
use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::blobs::Received;
use crate::clock::{Timestamp, rfc3339};
use crate::store::Db;
use crate::store::StoreError;
use crate::store::conditions::{Conditions, SortKey};

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

/// The organization's tier, motion and certifications; `None` when there is no such
/// organization.
pub async fn profile(db: &AnyPool, organization_id: i64) -> Result<Option<Profile>, StoreError> {
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT o.tier, o.motion, oc.certification FROM organizations o \
         LEFT JOIN organization_certifications oc ON oc.organization_id = o.id WHERE o.id = $1",
    )
    .bind(organization_id)
    .fetch_all(db)
    .await?;
    Ok(rows.first().map(|(tier, motion, _)| Profile {
        organization_id,
        tier: tier.clone(),
        motion: motion.clone(),
        certifications: rows.iter().filter_map(|(_, _, c)| c.clone()).collect(),
    }))
}

pub(super) const CARD_COLUMNS: &str = "a.id, a.kind, a.state, a.title, a.summary, a.motions, a.industries, \
    a.use_cases, a.language, a.published_at, a.link, v.file_name, v.content_type, v.size";
pub(super) const WITH_FILE: &str = "LEFT JOIN asset_versions v ON v.id = a.current_version_id";

/// What a card shows, as stored.
#[derive(Debug, Clone, FromRow)]
pub struct CardRow {
    pub id: i64,
    pub kind: String,
    pub state: String,
    pub title: String,
    pub summary: String,
    pub motions: String,
    pub industries: String,
    pub use_cases: String,
    pub language: String,
    pub published_at: Option<Timestamp>,
    pub link: Option<String>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub size: Option<i64>,
}

impl CardRow {
    /// `new_since`: the reader's previous visit to the hub; later publications are new.
    pub fn into_card(self, new_since: Option<Timestamp>) -> Result<AssetCard, StoreError> {
        let CardRow {
            id,
            kind,
            state,
            title,
            summary,
            motions,
            industries,
            use_cases,
            language,
            published_at,
            link,
            file_name,
            content_type,
            size,
        } = self;
        let file = match (file_name, content_type, size) {
            (Some(name), Some(content_type), Some(size)) => Some(FileInfo {
                name,
                content_type,
                size,
            }),
            _ => None,
        };
        Ok(AssetCard {
            id,
            kind: parse(&kind, AssetKind::parse)?,
            state: parse(&state, AssetState::parse)?,
            title,
            summary,
            motions: lines(&motions)
                .map(|m| parse(m, Motion::parse))
                .collect::<Result<_, _>>()?,
            industries: lines(&industries).map(str::to_owned).collect(),
            use_cases: lines(&use_cases).map(str::to_owned).collect(),
            language,
            published_at: published_at.map(rfc3339),
            is_new: matches!((published_at, new_since), (Some(p), Some(seen)) if p > seen),
            file,
            link,
        })
    }
}

/// Everything about one asset.
#[derive(Debug, Clone, FromRow)]
pub struct AssetRow {
    #[sqlx(flatten)]
    pub card: CardRow,
    pub body: String,
    pub body_html: String,
    pub audience_tiers: String,
    pub audience_motions: String,
    /// '' when no certification is required.
    pub audience_certification: String,
    pub use_count: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl AssetRow {
    pub fn state(&self) -> Result<AssetState, StoreError> {
        parse(&self.card.state, AssetState::parse)
    }

    pub fn audience(&self) -> Result<Audience, StoreError> {
        Ok(Audience {
            tiers: members(&self.audience_tiers)
                .map(|t| parse(t, Tier::parse))
                .collect::<Result<_, _>>()?,
            motions: members(&self.audience_motions)
                .map(|m| parse(m, Motion::parse))
                .collect::<Result<_, _>>()?,
            certification: match self.audience_certification.as_str() {
                "" => None,
                c => Some(parse(c, Certification::parse)?),
            },
        })
    }
}

/// What only vendor staff see of an asset besides its view.
pub struct Internals {
    pub body: String,
    pub audience: Audience,
    pub created_at: Timestamp,
}

impl AssetRow {
    /// The view everyone may see, and the rest.
    pub fn split(self, new_since: Option<Timestamp>) -> Result<(AssetView, Internals), StoreError> {
        let audience = self.audience()?;
        let AssetRow {
            card,
            body,
            body_html,
            audience_tiers: _,
            audience_motions: _,
            audience_certification: _,
            use_count: _,
            created_at,
            updated_at,
        } = self;
        let view = AssetView {
            card: card.into_card(new_since)?,
            body_html,
            updated_at: rfc3339(updated_at),
        };
        Ok((
            view,
            Internals {
                body,
                audience,
                created_at,
            },
        ))
    }

    /// The metadata as a manager would send it, for audit records and edit checks.
    pub fn metadata(&self) -> Result<AssetMetadata, StoreError> {
        let (view, internals) = self.clone().split(None)?;
        let AssetCard {
            kind,
            title,
            summary,
            motions,
            industries,
            use_cases,
            language,
            link,
            ..
        } = view.card;
        Ok(AssetMetadata {
            title,
            summary,
            body: internals.body,
            kind,
            motions,
            industries,
            use_cases,
            language,
            audience: internals.audience,
            link,
        })
    }

    pub fn has_file(&self) -> bool {
        self.card.file_name.is_some()
    }
}

fn parse<T>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, StoreError> {
    parse(text).ok_or_else(|| StoreError::Unreadable(format!("unknown stored value {text:?}")))
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').filter(|s| !s.is_empty())
}

fn members(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').filter(|s| !s.is_empty())
}

/// `,a,b,` so that `LIKE '%,a,%'` tests membership; '' for an empty list (everyone).
fn member_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let joined = items.into_iter().collect::<Vec<_>>().join(",");
    if joined.is_empty() {
        joined
    } else {
        format!(",{joined},")
    }
}

#[derive(Debug, Clone, FromRow)]
pub struct VersionRow {
    pub number: i64,
    pub storage_key: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_at: Timestamp,
    pub uploaded_by: String,
}

impl VersionRow {
    pub fn into_view(self) -> AssetVersion {
        let VersionRow {
            number,
            storage_key: _,
            file_name,
            content_type,
            size,
            sha256,
            uploaded_at,
            uploaded_by,
        } = self;
        AssetVersion {
            number,
            file: FileInfo {
                name: file_name,
                content_type,
                size,
            },
            sha256,
            uploaded_at: rfc3339(uploaded_at),
            uploaded_by,
        }
    }
}

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
    E: sqlx::Executor<'c, Database = sqlx::Any>,
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
    Ok(
        sqlx::query_as_with(sqlx::AssertSqlSafe(sql), c.arguments()?)
            .fetch_optional(db)
            .await?,
    )
}

/// The current file of an asset `reader` may see.
pub async fn current_file(
    db: &AnyPool,
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
    Ok(
        sqlx::query_as_with(sqlx::AssertSqlSafe(sql), c.arguments()?)
            .fetch_optional(db)
            .await?,
    )
}

/// Every file the asset has had, newest first.
pub async fn versions<'c, E>(db: E, asset_id: i64) -> Result<Vec<VersionRow>, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(sqlx::query_as(
        "SELECT v.number, v.storage_key, v.file_name, v.content_type, v.size, v.sha256, \
         v.uploaded_at, u.name AS uploaded_by FROM asset_versions v \
         JOIN users u ON u.id = v.uploaded_by WHERE v.asset_id = $1 ORDER BY v.number DESC",
    )
    .bind(asset_id)
    .fetch_all(db)
    .await?)
}

/// The columns a manager's metadata fills, bound as `$1` to `$13` by `bind_metadata`.
const METADATA_COLUMNS: [&str; 13] = [
    "kind",
    "title",
    "summary",
    "body",
    "body_html",
    "language",
    "motions",
    "industries",
    "use_cases",
    "audience_tiers",
    "audience_motions",
    "audience_certification",
    "link",
];

type Statement<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

fn bind_metadata<'q>(
    query: Statement<'q>,
    metadata: &'q ValidMetadata,
    body_html: &'q str,
) -> Statement<'q> {
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
        .bind(audience.certification.map_or("", Certification::as_str))
        .bind(metadata.link.as_deref())
}

/// A new draft asset; returns its id.
pub async fn insert(
    conn: &mut AnyConnection,
    metadata: &ValidMetadata,
    body_html: &str,
    created_by: i64,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let sql = format!(
        "INSERT INTO assets ({}, state, created_by, created_at, updated_at) \
         VALUES ({}, 'draft', $14, $15, $15) RETURNING id",
        METADATA_COLUMNS.join(", "),
        super::placeholders(1, METADATA_COLUMNS.len())
    );
    let row = bind_metadata(sqlx::query(sqlx::AssertSqlSafe(sql)), metadata, body_html)
        .bind(created_by)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
    let id: i64 = sqlx::Row::try_get(&row, "id")?;
    write_tags(conn, id, metadata).await?;
    Ok(id)
}

/// Replaces an asset's metadata; false when there is no such asset.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    metadata: &ValidMetadata,
    body_html: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    tally(conn, id, -1).await?;
    let assignments: Vec<String> = METADATA_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, column)| format!("{column} = ${}", i + 1))
        .collect();
    let sql = format!(
        "UPDATE assets SET {}, updated_at = $14 WHERE id = $15",
        assignments.join(", ")
    );
    let done = bind_metadata(sqlx::query(sqlx::AssertSqlSafe(sql)), metadata, body_html)
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM asset_tags WHERE asset_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    write_tags(conn, id, metadata).await?;
    tally(conn, id, 1).await?;
    Ok(true)
}

/// Adds (`sign` 1) or removes (-1) a published asset's facets in the running totals; an asset
/// in another state counts nowhere.
async fn tally(conn: &mut AnyConnection, id: i64, sign: i64) -> Result<(), StoreError> {
    sqlx::query(
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
pub async fn recount_facets(conn: &mut AnyConnection) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM asset_facet_totals")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
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

async fn write_tags(
    conn: &mut AnyConnection,
    id: i64,
    metadata: &ValidMetadata,
) -> Result<(), StoreError> {
    let kind = std::iter::once(("kind", metadata.kind.as_str()));
    let motions = metadata.motions.iter().map(|m| ("motion", m.as_str()));
    let industries = metadata.industries.iter().map(|i| ("industry", i.as_str()));
    let use_cases = metadata.use_cases.iter().map(|u| ("use_case", u.as_str()));
    for (facet, value) in kind.chain(motions).chain(industries).chain(use_cases) {
        sqlx::query("INSERT INTO asset_tags (asset_id, facet, value) VALUES ($1, $2, $3)")
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
    conn: &mut AnyConnection,
    asset_id: i64,
    file: &Received,
    uploaded_by: i64,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let number: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM asset_versions WHERE asset_id = $1",
    )
    .bind(asset_id)
    .fetch_one(&mut *conn)
    .await?;
    let version_id: i64 = sqlx::query_scalar(
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
    sqlx::query("UPDATE assets SET current_version_id = $1, updated_at = $2 WHERE id = $3")
        .bind(version_id)
        .bind(now)
        .bind(asset_id)
        .execute(&mut *conn)
        .await?;
    Ok(number)
}

/// Moves an asset to `state`; publishing stamps the time partners see it as new from.
pub async fn set_state(
    conn: &mut AnyConnection,
    id: i64,
    state: AssetState,
    now: Timestamp,
) -> Result<bool, StoreError> {
    tally(conn, id, -1).await?;
    let done = sqlx::query(
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

/// A hub visit that starts after this long away counts as a new visit.
const VISIT_GAP_SECS: i64 = 30 * 60;
/// The visit's last moment is written at most this often, so searching stays a read.
const VISIT_TOUCH_SECS: i64 = 60;
/// On a first visit, what was published in this many days is new.
const FIRST_VISIT_NEW_DAYS: i64 = 30;

/// Notes that the user is looking at the hub and returns the end of their previous visit:
/// what was published after it is new to them.
pub async fn visit(db: &Db, user_id: i64, now: Timestamp) -> Result<Timestamp, StoreError> {
    let seen: Option<(Option<Timestamp>, Timestamp)> = sqlx::query_as(
        "SELECT previous_visit_at, last_seen_at FROM content_visits WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    let first_visit = now - FIRST_VISIT_NEW_DAYS * 86_400;
    let previous = match seen {
        Some((previous, last)) if now - last < VISIT_GAP_SECS => {
            let previous = previous.unwrap_or(first_visit);
            if now - last < VISIT_TOUCH_SECS {
                return Ok(previous);
            }
            previous
        }
        Some((_, last)) => last,
        None => first_visit,
    };
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO content_visits (user_id, previous_visit_at, last_seen_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET previous_visit_at = $2, last_seen_at = $3",
    )
    .bind(user_id)
    .bind(previous)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(previous)
}

/// The partner organization's certifications.
pub async fn certifications<'c, E>(
    db: E,
    organization_id: i64,
) -> Result<Vec<Certification>, StoreError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT certification FROM organization_certifications WHERE organization_id = $1 \
         ORDER BY certification",
    )
    .bind(organization_id)
    .fetch_all(db)
    .await?;
    Ok(names
        .iter()
        .filter_map(|n| Certification::parse(n))
        .collect())
}

/// Replaces the organization's certifications.
pub async fn set_certifications(
    conn: &mut AnyConnection,
    organization_id: i64,
    held: &[Certification],
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM organization_certifications WHERE organization_id = $1")
        .bind(organization_id)
        .execute(&mut *conn)
        .await?;
    for certification in held {
        sqlx::query(
            "INSERT INTO organization_certifications (organization_id, certification, granted_at) \
             VALUES ($1, $2, $3)",
        )
        .bind(organization_id)
        .bind(certification.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
