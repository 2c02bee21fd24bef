//! How stored assets read: cards, whole assets with what only vendor staff see, and file
//! versions.

use portico_api::assets::{
    AssetCard, AssetKind, AssetMetadata, AssetState, AssetVersion, AssetView, Audience,
    Certification, FileInfo,
};
use portico_api::organizations::{Motion, Tier};
use sqlx::FromRow;

use crate::clock::{Timestamp, rfc3339};
use crate::store::StoreError;

/// What a card shows, as stored.
#[derive(Debug, Clone, FromRow)]
pub struct CardRow {
    pub id: i64,
    pub kind: AssetKind,
    pub state: AssetState,
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
            kind,
            state,
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

pub(super) fn parse<T>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, StoreError> {
    parse(text).ok_or_else(|| StoreError::Unreadable(format!("unknown stored value {text:?}")))
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').filter(|s| !s.is_empty())
}

fn members(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').filter(|s| !s.is_empty())
}

/// `,a,b,` so that `LIKE '%,a,%'` tests membership; '' for an empty list (everyone).
pub(super) fn member_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
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
