//! Searching the hub: the query, its words, and the facets that narrow it.

use serde::{Deserialize, Serialize};

use super::{AssetCard, AssetKind, AssetSort, AssetState};
use crate::organizations::Motion;

/// `GET /api/assets`: search, facet filters and paging; `state` is for managers only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AssetQuery {
    /// Words to find in title, summary and body; every word must match, words of
    /// `PREFIX_MIN` characters or more as prefixes, shorter ones as whole words. At most
    /// `WORDS_MAX` words and `QUERY_MAX` characters.
    pub q: Option<String>,
    pub kind: Option<AssetKind>,
    pub motion: Option<Motion>,
    pub industry: Option<String>,
    pub use_case: Option<String>,
    /// Managers only; without it managers see drafts and published assets.
    pub state: Option<AssetState>,
    pub sort: Option<AssetSort>,
    pub cursor: Option<String>,
    /// 1 to 100; 24 when absent.
    pub limit: Option<u32>,
}

impl AssetQuery {
    pub const DEFAULT_LIMIT: u32 = 24;
    pub const MAX_LIMIT: u32 = 100;

    pub fn limit(&self) -> u32 {
        self.limit
            .unwrap_or(Self::DEFAULT_LIMIT)
            .clamp(1, Self::MAX_LIMIT)
    }

    pub fn words(&self) -> Result<Vec<String>, &'static str> {
        search_words(self.q.as_deref().unwrap_or_default())
    }
}

/// The longest search text accepted, in characters.
pub const QUERY_MAX: usize = 200;
/// The most words one search may hold: each is a lookup in the full-text index.
pub const WORDS_MAX: usize = 10;
/// Words at least this long also find the longer words they start with; shorter ones match
/// whole words only (a short prefix reaches a large part of the index, and short words are
/// mostly acronyms meant as they are, like ROI or CRM).
pub const PREFIX_MIN: usize = 4;
/// A search counts at most this many matching assets into its total and facets, and with
/// words ranks only these (the most recently added matches): its cost stays bounded however
/// much matches.
pub const COUNT_CAP: i64 = 1_000;

/// The words searched for: letters and digits only, lowercased, each once. Everything else
/// separates words, so no input can be read as search syntax by either database.
pub fn search_words(q: &str) -> Result<Vec<String>, &'static str> {
    if q.chars().count() > QUERY_MAX {
        return Err("Use at most 200 characters.");
    }
    let mut words: Vec<String> = Vec::new();
    for word in q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        if !words.contains(&word) {
            words.push(word);
        }
    }
    if words.len() > WORDS_MAX {
        return Err("Use at most 10 words.");
    }
    Ok(words)
}

/// How many assets of the current result carry one value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount {
    pub value: String,
    pub count: i64,
}

/// Counts over every asset matching the query and filters, most frequent first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Facets {
    pub kind: Vec<FacetCount>,
    pub motion: Vec<FacetCount>,
    pub industry: Vec<FacetCount>,
    pub use_case: Vec<FacetCount>,
}

/// `GET /api/assets`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetSearch {
    pub items: Vec<AssetCard>,
    /// Absent on the last page.
    pub next_cursor: Option<String>,
    /// Matching assets in all, up to `COUNT_CAP`.
    pub total: i64,
    pub facets: Facets,
    /// More than `COUNT_CAP` assets match: `total` is `COUNT_CAP`, and the facet counts (lower
    /// bounds) and, with words, the items come from the most recently added `COUNT_CAP`
    /// matches only. More words or a filter narrow it.
    pub capped: bool,
}
