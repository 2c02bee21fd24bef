//! The content hub: enablement assets as partners find them and managers publish them, and
//! what the program learns from their use.
//!
//! Partners and managers share `AssetCard` and `AssetView` (nothing in them is confidential);
//! only managers get `ManagedAsset`, which adds the Markdown source, the audience, the file
//! history and usage counts.

use serde::{Deserialize, Serialize};

use crate::organizations::Motion;

mod metadata;
mod search;
mod usage;
pub use metadata::{AssetMetadata, Audience, ValidMetadata, link};
pub use search::{
    AssetQuery, AssetSearch, COUNT_CAP, FacetCount, Facets, PREFIX_MIN, QUERY_MAX, WORDS_MAX,
    search_words,
};
pub use usage::{
    AssetUsage, AssetUsageDetail, ContentUsage, OrganizationUsage, PartnerContentUsage, UsagePoint,
    UsageQuery,
};

pub const TITLE_MAX: usize = 150;
pub const SUMMARY_MAX: usize = 500;
pub const BODY_MAX: usize = 50_000;
pub const TAG_MAX: usize = 40;
pub const TAGS_MAX: usize = 8;
pub const LINK_MAX: usize = 2_000;
/// Uploads larger than this are refused with 413.
pub const UPLOAD_MAX_BYTES: u64 = 100 * 1024 * 1024;
/// What the type check accepts, in the words shown to people.
pub const ALLOWED_FILE_TYPES: &str = "PDF, PowerPoint, Word, Excel, PNG, JPEG, MP4 or ZIP";
/// Days the usage report looks back when not told otherwise; also "unused" means no use in
/// this many days.
pub const USAGE_DAYS: u32 = 90;
/// Content languages, as (ISO 639-1 code, name).
pub const LANGUAGES: [(&str, &str); 8] = [
    ("en", "English"),
    ("de", "German"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("pt", "Portuguese"),
    ("it", "Italian"),
    ("nl", "Dutch"),
    ("ja", "Japanese"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    Deck,
    OnePager,
    CaseStudy,
    Battlecard,
    TalkTrack,
    PricingSheet,
    Template,
    VideoLink,
    Other,
}

string_enum!(AssetKind {
    Deck => "deck" / "Deck",
    OnePager => "one_pager" / "One-pager",
    CaseStudy => "case_study" / "Case study",
    Battlecard => "battlecard" / "Battlecard",
    TalkTrack => "talk_track" / "Talk track",
    PricingSheet => "pricing_sheet" / "Pricing sheet",
    Template => "template" / "Template",
    VideoLink => "video_link" / "Video link",
    Other => "other" / "Other",
});

/// Draft assets are seen by managers only; archived ones by managers only, kept for history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssetState {
    Draft,
    Published,
    Archived,
}

string_enum!(AssetState {
    Draft => "draft" / "Draft",
    Published => "published" / "Published",
    Archived => "archived" / "Archived",
});

/// The code of a certification definition (`GET /api/certifications`), which an asset's
/// audience may require: lower-case letters, digits and `_`, starting with a letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Certification(String);

impl Certification {
    pub fn parse(code: &str) -> Option<Certification> {
        let valid = (2..=40).contains(&code.len())
            && code.starts_with(|c: char| c.is_ascii_lowercase())
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        valid.then(|| Certification(code.to_owned()))
    }

    /// The code a name is given: "Solutions Architect" is `solutions_architect`.
    pub fn from_name(name: &str) -> Option<Certification> {
        let mut code = String::new();
        for c in name.trim().chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                code.push(c);
            } else if !code.is_empty() && !code.ends_with('_') {
                code.push('_');
            }
        }
        let code = code.trim_end_matches('_');
        let code: String = code
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .chars()
            .take(40)
            .collect();
        Certification::parse(code.trim_end_matches('_'))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Certification {
    type Error = &'static str;

    fn try_from(code: String) -> Result<Certification, &'static str> {
        Certification::parse(&code).ok_or("not a certification code")
    }
}

impl From<Certification> for String {
    fn from(code: Certification) -> String {
        code.0
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssetSort {
    /// Best match first when there is a query, newest otherwise.
    #[default]
    Relevance,
    /// Most recently published first.
    Newest,
    /// Most views and downloads first.
    MostUsed,
}

string_enum!(AssetSort {
    Relevance => "relevance" / "Best match",
    Newest => "newest" / "Newest",
    MostUsed => "most_used" / "Most used",
});

/// The file behind an asset's current version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileInfo {
    /// A safe download name (no path parts), ending in the type's extension.
    pub name: String,
    /// The type the content proved, e.g. `application/pdf`.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
}

/// An asset in a list: what a card shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetCard {
    pub id: i64,
    pub kind: AssetKind,
    pub state: AssetState,
    pub title: String,
    pub summary: String,
    pub motions: Vec<Motion>,
    pub industries: Vec<String>,
    pub use_cases: Vec<String>,
    pub language: String,
    /// RFC 3339; absent for assets never published.
    pub published_at: Option<String>,
    /// Published since the reader's previous visit to the hub.
    pub is_new: bool,
    /// The current file; absent for link assets.
    pub file: Option<FileInfo>,
    /// The external address of a link asset.
    pub link: Option<String>,
}

/// `GET /api/assets/{id}`: the card plus the body, rendered to safe HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetView {
    #[serde(flatten)]
    pub card: AssetCard,
    /// Sanitized HTML: no scripts, no raw HTML, only http(s) and mailto links.
    pub body_html: String,
    /// RFC 3339.
    pub updated_at: String,
}

/// One uploaded file of an asset; the highest number is the current one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetVersion {
    pub number: i64,
    pub file: FileInfo,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    /// RFC 3339.
    pub uploaded_at: String,
    pub uploaded_by: String,
}

/// `GET /api/assets/{id}` for managers: everything about the asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagedAsset {
    pub asset: AssetView,
    /// The Markdown source of `body_html`.
    pub body: String,
    pub audience: Audience,
    /// Newest first.
    pub versions: Vec<AssetVersion>,
    pub views: i64,
    pub downloads: i64,
    /// RFC 3339.
    pub created_at: String,
}

/// `GET /api/assets/{id}`, by the caller's side. Manager first: a partner's answer lacks the
/// manager's fields, so it can never be read as one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
#[allow(
    clippy::large_enum_variant,
    reason = "built once per response and moved straight into JSON"
)]
pub enum AssetDetail {
    Manager(ManagedAsset),
    Partner(AssetView),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata() -> AssetMetadata {
        AssetMetadata {
            title: "  Battlecard: Acme vs. Globex ".into(),
            summary: "How we win.".into(),
            body: "# Why we win".into(),
            kind: AssetKind::Battlecard,
            motions: vec![Motion::Reseller, Motion::Reseller],
            industries: vec![" Financial  services".into(), "financial services".into()],
            use_cases: vec![],
            language: "en".into(),
            audience: Audience::default(),
            link: None,
        }
    }

    #[test]
    fn metadata_is_normalized() {
        let valid = metadata().validate().unwrap();
        assert_eq!(valid.title, "Battlecard: Acme vs. Globex");
        assert_eq!(valid.motions, vec![Motion::Reseller]);
        assert_eq!(valid.industries, vec!["Financial services".to_owned()]);
    }

    #[test]
    fn bad_metadata_names_each_field() {
        let mut bad = metadata();
        bad.title = " ".into();
        bad.language = "xx".into();
        bad.link = Some("javascript:alert(1)".into());
        bad.use_cases = (0..9).map(|i| format!("case {i}")).collect();
        let errors = bad.validate().unwrap_err();
        for field in ["title", "language", "link", "use_cases"] {
            assert!(errors.contains_key(field), "{field} in {errors:?}");
        }
    }

    #[test]
    fn links_must_be_web_addresses() {
        assert!(link("https://videos.example.com/intro").is_ok());
        assert!(link("HTTP://example.com").is_ok());
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<b>",
            "https://",
            "https://localhost",
            "https://a.example/x y",
            "ftp://example.com/file",
        ] {
            assert!(link(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn search_words_cannot_carry_syntax() {
        let query = AssetQuery {
            q: Some("\"roi\" OR calc* -x NEAR(a b) ü:Über".into()),
            ..AssetQuery::default()
        };
        assert_eq!(
            query.words().unwrap(),
            ["roi", "or", "calc", "x", "near", "a", "b", "ü", "über"]
        );
    }

    #[test]
    fn searches_are_bounded_in_words_and_length() {
        let ten = "one two three four five six seven eight nine ten";
        assert_eq!(search_words(ten).unwrap().len(), 10);
        assert_eq!(search_words(&format!("{ten} ten TEN")).unwrap().len(), 10);
        assert_eq!(
            search_words(&format!("{ten} eleven")),
            Err("Use at most 10 words.")
        );
        assert!(search_words(&"x".repeat(QUERY_MAX)).is_ok());
        assert_eq!(
            search_words(&"x".repeat(QUERY_MAX + 1)),
            Err("Use at most 200 characters.")
        );
        assert_eq!(search_words(" -*() ").unwrap(), Vec::<String>::new());
    }
}
