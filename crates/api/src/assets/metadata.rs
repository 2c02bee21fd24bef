//! What a manager writes about an asset, and the rules each field keeps.

use serde::{Deserialize, Serialize};

use super::{
    AssetKind, BODY_MAX, Certification, LANGUAGES, LINK_MAX, SUMMARY_MAX, TAG_MAX, TAGS_MAX,
    TITLE_MAX,
};
use crate::error::FieldErrors;
use crate::organizations::{Motion, Tier};
use crate::validate::Fields;

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
                certification: self.audience.certification.clone(),
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
