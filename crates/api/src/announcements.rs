//! Announcements: program news managers publish to an audience of partner organizations, with
//! read receipts and, when asked for, acknowledgments.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::organizations::{Motion, OrganizationRef, Tier};
use crate::validate::Fields;

pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 20_000;
pub const ORGANIZATIONS_MAX: usize = 500;

/// Who an announcement is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Audience {
    /// Every partner organization.
    All,
    /// Organizations in any of the tiers and any of the motions; an empty list does not
    /// narrow, but one of the two must be given.
    Segments {
        tiers: Vec<Tier>,
        motions: Vec<Motion>,
    },
    /// The organizations chosen by name.
    Organizations { ids: Vec<i64> },
}

impl Audience {
    pub fn validate(&self, f: &mut Fields) {
        match self {
            Audience::All => {}
            Audience::Segments { tiers, motions } if tiers.is_empty() && motions.is_empty() => {
                f.add("audience", "Choose at least one tier or motion.")
            }
            Audience::Segments { .. } => {}
            Audience::Organizations { ids } if ids.is_empty() => {
                f.add("audience", "Choose at least one organization.")
            }
            Audience::Organizations { ids } if ids.len() > ORGANIZATIONS_MAX => f.add(
                "audience",
                "Choose at most 500 organizations, or use tiers and motions.",
            ),
            Audience::Organizations { .. } => {}
        }
    }

    /// Whether an organization of this tier and motion, or with this id, is in the audience.
    pub fn includes(&self, id: i64, tier: Tier, motion: Motion) -> bool {
        match self {
            Audience::All => true,
            Audience::Segments { tiers, motions } => {
                (tiers.is_empty() || tiers.contains(&tier))
                    && (motions.is_empty() || motions.contains(&motion))
            }
            Audience::Organizations { ids } => ids.contains(&id),
        }
    }
}

/// `POST /api/announcements` and `PUT /api/announcements/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AnnouncementInput {
    pub title: String,
    /// Markdown.
    pub body: String,
    pub audience: Audience,
    pub requires_ack: bool,
    /// RFC 3339 (the server checks it); absent to publish now. Ignored once published.
    pub publish_at: Option<String>,
}

impl AnnouncementInput {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        match self.title.trim().chars().count() {
            0 => f.add("title", "Give the announcement a title."),
            n if n > TITLE_MAX => f.add("title", "Keep the title to 200 characters."),
            _ => {}
        }
        match self.body.trim().chars().count() {
            0 => f.add("body", "Write the announcement."),
            n if n > BODY_MAX => f.add("body", "Keep the announcement to 20,000 characters."),
            _ => {}
        }
        self.audience.validate(&mut f);
        f.finish()
    }
}

/// Receipts so far, over the people of the organizations the announcement reached.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptCounts {
    pub delivered: i64,
    pub read: i64,
    pub acknowledged: i64,
}

/// An announcement as managers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerAnnouncement {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub audience: Audience,
    pub requires_ack: bool,
    /// RFC 3339.
    pub publish_at: String,
    /// When it reached its audience; absent while scheduled.
    pub published_at: Option<String>,
    pub version: i64,
    pub updated_at: String,
    pub counts: ReceiptCounts,
}

/// One version of an announcement, the first included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnouncementVersion {
    pub version: i64,
    pub title: String,
    pub body: String,
    pub edited_by: String,
    /// RFC 3339.
    pub edited_at: String,
}

/// A person the announcement reached who has not acknowledged it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unacknowledged {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub organization: OrganizationRef,
    /// RFC 3339; absent when not yet read.
    pub read_at: Option<String>,
}

/// Answer to `POST /api/announcements/{id}/reminders`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reminded {
    pub reminded: i64,
}

/// An announcement in a partner's feed. Partners see neither the audience nor anyone's
/// receipts but their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedAnnouncement {
    pub id: i64,
    pub title: String,
    pub body_html: String,
    pub requires_ack: bool,
    /// RFC 3339.
    pub published_at: String,
    /// Set when edited after publishing.
    pub edited_at: Option<String>,
    pub read_at: Option<String>,
    pub acknowledged_at: Option<String>,
}

/// The partner's unread announcements, for the navigation badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unread {
    pub unread: i64,
    /// Of those read or not, how many still wait for the user's acknowledgment.
    pub to_acknowledge: i64,
}
