//! The content hub: enablement assets as partners find them and managers publish them, and
//! what the program learns from their use.
//!
//! Partners and managers share `AssetCard` and `AssetView` (nothing in them is confidential);
//! only managers get `ManagedAsset`, which adds the Markdown source, the audience, the file
//! history and usage counts.

use serde::{Deserialize, Serialize};

use crate::OrganizationRef;
use crate::error::FieldErrors;
use crate::organizations::{Motion, Tier};
use crate::validate::Fields;

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

/// A certification a partner organization can hold; an asset may require one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Certification {
    SalesFoundations,
    SolutionsArchitect,
    ImplementationSpecialist,
}

string_enum!(Certification {
    SalesFoundations => "sales_foundations" / "Sales Foundations",
    SolutionsArchitect => "solutions_architect" / "Solutions Architect",
    ImplementationSpecialist => "implementation_specialist" / "Implementation Specialist",
});

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

/// Who may see a published asset. Empty lists mean every tier / every motion.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// The document names schemas by type name alone, and an announcement's audience is `Audience`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = AssetAudience))]
#[serde(deny_unknown_fields)]
pub struct Audience {
    #[serde(default)]
    pub tiers: Vec<Tier>,
    #[serde(default)]
    pub motions: Vec<Motion>,
    #[serde(default)]
    pub certification: Option<Certification>,
}

/// What a manager writes about an asset: the `metadata` part of `POST /api/assets` and the body
/// of `PATCH /api/assets/{id}` (always the whole set; the file is changed through versions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssetMetadata {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// Markdown; rendered and sanitized by the server.
    #[serde(default)]
    pub body: String,
    pub kind: AssetKind,
    #[serde(default)]
    pub motions: Vec<Motion>,
    #[serde(default)]
    pub industries: Vec<String>,
    #[serde(default)]
    pub use_cases: Vec<String>,
    /// One of `LANGUAGES`' codes.
    pub language: String,
    #[serde(default)]
    pub audience: Audience,
    /// An external page (e.g. a video) instead of an uploaded file: `https://` or `http://`.
    #[serde(default)]
    pub link: Option<String>,
}

/// Metadata that passed every rule, normalized (trimmed text, tags without duplicates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidMetadata {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub kind: AssetKind,
    pub motions: Vec<Motion>,
    pub industries: Vec<String>,
    pub use_cases: Vec<String>,
    pub language: String,
    pub audience: Audience,
    pub link: Option<String>,
}

impl AssetMetadata {
    pub fn validate(&self) -> Result<ValidMetadata, FieldErrors> {
        let mut f = Fields::default();
        let title = f.take(
            "title",
            required_text(&self.title, TITLE_MAX, "Give the asset a title."),
        );
        let summary = f.take("summary", text(&self.summary, SUMMARY_MAX));
        let body = f.take("body", body(&self.body));
        let industries = f.take("industries", tags(&self.industries));
        let use_cases = f.take("use_cases", tags(&self.use_cases));
        let language = f.take("language", language(&self.language));
        let link = match self.link.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => f.take("link", link(raw)),
        };
        f.finish()?;
        Ok(ValidMetadata {
            title: title.expect("checked by finish()"),
            summary: summary.expect("checked by finish()"),
            body: body.expect("checked by finish()"),
            kind: self.kind,
            motions: unique(&self.motions),
            industries: industries.expect("checked by finish()"),
            use_cases: use_cases.expect("checked by finish()"),
            language: language.expect("checked by finish()"),
            audience: Audience {
                tiers: unique(&self.audience.tiers),
                motions: unique(&self.audience.motions),
                certification: self.audience.certification,
            },
            link,
        })
    }
}

fn required_text(input: &str, max: usize, missing: &'static str) -> Result<String, &'static str> {
    match text(input, max)? {
        t if t.is_empty() => Err(missing),
        t => Ok(t),
    }
}

fn text(input: &str, max: usize) -> Result<String, &'static str> {
    let text = input.trim();
    if text.chars().count() > max {
        return Err(match max {
            TITLE_MAX => "Use at most 150 characters.",
            TAG_MAX => "Keep each tag to 40 characters.",
            _ => "Use at most 500 characters.",
        });
    }
    if text.chars().any(char::is_control) {
        return Err("Use letters, digits, spaces and punctuation only.");
    }
    Ok(text.to_owned())
}

fn body(input: &str) -> Result<String, &'static str> {
    if input.chars().count() > BODY_MAX {
        return Err("Use at most 50,000 characters.");
    }
    Ok(input.trim().to_owned())
}

/// Trimmed, inner whitespace collapsed, duplicates (ignoring case) dropped, first spelling kept.
fn tags(input: &[String]) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for raw in input {
        let tag = text(raw, TAG_MAX)?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !tag.is_empty() && !out.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            out.push(tag);
        }
    }
    if out.len() > TAGS_MAX {
        return Err("Choose at most 8.");
    }
    Ok(out)
}

fn language(code: &str) -> Result<String, &'static str> {
    LANGUAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(c, _)| (*c).to_owned())
        .ok_or("Choose a language from the list.")
}

/// Only web addresses: a `javascript:` or `data:` link must never reach a partner's click.
pub fn link(input: &str) -> Result<String, &'static str> {
    let lower = input.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or("Enter a web address starting with https://.")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || !host.contains('.') {
        return Err("Enter a complete web address, e.g. https://videos.example.com/intro.");
    }
    if input.len() > LINK_MAX {
        return Err("Use at most 2,000 characters.");
    }
    if input
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return Err("A web address cannot contain spaces, quotes or angle brackets.");
    }
    Ok(input.to_owned())
}

fn unique<T: PartialEq + Copy>(items: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(item) {
            out.push(*item);
        }
    }
    out
}

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

/// `?days=` on the usage reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct UsageQuery {
    /// 1 to 365; 90 when absent.
    pub days: Option<u32>,
}

impl UsageQuery {
    pub fn days(&self) -> u32 {
        self.days.unwrap_or(USAGE_DAYS).clamp(1, 365)
    }
}

/// One asset's use over the report's period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetUsage {
    pub asset_id: i64,
    pub title: String,
    pub kind: AssetKind,
    pub views: i64,
    pub downloads: i64,
    /// Distinct partner organizations that viewed or downloaded it.
    pub organizations: i64,
    /// RFC 3339; absent when never used.
    pub last_used_at: Option<String>,
}

/// Views and downloads in the week starting on `week` (a Monday, `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsagePoint {
    pub week: String,
    pub views: i64,
    pub downloads: i64,
}

/// `GET /api/content/usage` (managers): the library's use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContentUsage {
    pub days: u32,
    /// The 20 most used assets.
    pub top: Vec<AssetUsage>,
    /// Published assets nobody viewed or downloaded in the last 90 days, oldest first.
    pub unused: Vec<AssetUsage>,
    /// Week by week, oldest first.
    pub weekly: Vec<UsagePoint>,
}

/// One partner organization's use of one asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationUsage {
    pub organization: OrganizationRef,
    pub views: i64,
    pub downloads: i64,
    /// RFC 3339.
    pub last_used_at: String,
}

/// `GET /api/assets/{id}/usage` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetUsageDetail {
    pub days: u32,
    pub usage: AssetUsage,
    /// Most active first.
    pub by_organization: Vec<OrganizationUsage>,
    pub weekly: Vec<UsagePoint>,
}

/// `GET /api/organizations/{id}/content-usage` (managers): what one partner used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerContentUsage {
    pub days: u32,
    pub organization: OrganizationRef,
    /// Most recently used first; `organizations` is always 1.
    pub assets: Vec<AssetUsage>,
}

/// `PUT /api/organizations/{id}/certifications` (managers): the full set the partner holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Certifications {
    pub certifications: Vec<Certification>,
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
