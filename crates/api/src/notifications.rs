//! Messages the portal sends people: registration decisions, protection reminders, late
//! approvals, announcements, sign-in links and invitations. Org-wide ones are shown in the
//! portal; every one is delivered by e-mail and, where a partner connected one, Slack.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::integrations::DeliveryState;
use crate::validate::Fields;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i64,
    /// `registration_decision`, `protection_reminder`, `approval_sla`, `tier_change`,
    /// `certification_expiry` or `earning_question`.
    pub category: String,
    pub subject: String,
    pub body: String,
    pub registration_id: Option<i64>,
    /// RFC 3339.
    pub created_at: String,
}

/// What a message is about. People choose their channels per category, except for the
/// messages that only make sense by e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Announcement,
    RegistrationDecision,
    ProtectionReminder,
    ApprovalSla,
    SignInLink,
    Invitation,
    AccountSecurity,
    TierChange,
    CertificationExpiry,
    EarningQuestion,
}

string_enum!(Category {
    Announcement => "announcement" / "Announcements",
    RegistrationDecision => "registration_decision" / "Registration decisions",
    ProtectionReminder => "protection_reminder" / "Protection reminders",
    ApprovalSla => "approval_sla" / "Late approvals",
    SignInLink => "sign_in_link" / "Sign-in links",
    Invitation => "invitation" / "Invitations",
    AccountSecurity => "account_security" / "Account security",
    TierChange => "tier_change" / "Tier changes",
    CertificationExpiry => "certification_expiry" / "Certification renewals",
    EarningQuestion => "earning_question" / "Questions about earnings",
});

impl Category {
    /// The categories a partner user chooses channels for.
    pub const FOR_PARTNERS: [Category; 5] = [
        Category::Announcement,
        Category::RegistrationDecision,
        Category::ProtectionReminder,
        Category::TierChange,
        Category::CertificationExpiry,
    ];
    /// The categories vendor staff choose channels for (they have no Slack channel here).
    pub const FOR_VENDOR: [Category; 4] = [
        Category::Announcement,
        Category::ApprovalSla,
        Category::TierChange,
        Category::EarningQuestion,
    ];

    /// Reaches one person by e-mail, never an organization's Slack channel (what it says is
    /// theirs alone).
    pub fn personal(self) -> bool {
        self == Category::CertificationExpiry
    }

    /// Sign-in links, invitations and account security notices go to one address and cannot
    /// be turned off.
    pub fn choosable(self) -> bool {
        !matches!(
            self,
            Category::SignInLink | Category::Invitation | Category::AccountSecurity
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Slack,
}

string_enum!(Channel {
    Email => "email" / "E-mail",
    Slack => "slack" / "Slack",
});

/// One category's channels for the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChannelChoice {
    pub category: Category,
    pub email: bool,
    pub slack: bool,
}

/// The signed-in user's channels per category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Preferences {
    pub choices: Vec<ChannelChoice>,
    /// Whether the user's organization has connected a Slack channel; without one the Slack
    /// choices are kept but nothing goes to Slack.
    pub slack_connected: bool,
}

/// `PUT /api/me/notifications`: the choices to keep, any subset of the user's categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPreferences {
    pub choices: Vec<ChannelChoice>,
}

/// The query string of an unsubscribe link: whose, which category, and the server's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct Unsubscribe {
    pub user: i64,
    pub category: String,
    pub sig: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unsubscribed {
    pub category: Category,
}

/// A partner organization's Slack channel as the portal shows it: never the URL itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlackChannel {
    /// e.g. `hooks.slack.com/…/x9Kq`.
    pub url_hint: String,
    /// RFC 3339.
    pub updated_at: String,
}

/// `PUT /api/organizations/{id}/slack`: the incoming-webhook URL Slack gave the partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SlackChannelInput {
    pub url: String,
}

impl SlackChannelInput {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = Fields::default();
        f.check("url", crate::integrations::endpoint_url(&self.url));
        f.finish()
    }
}

/// One message on its way to one address or Slack channel, for administrators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageDelivery {
    pub id: i64,
    pub channel: Channel,
    pub category: Category,
    /// The e-mail address, or the organization whose Slack channel it goes to.
    pub recipient: String,
    pub subject: String,
    pub state: DeliveryState,
    pub attempts: u32,
    /// RFC 3339.
    pub created_at: String,
    pub next_attempt_at: Option<String>,
    pub delivered_at: Option<String>,
    pub last_error: Option<String>,
}

/// A message written to the mailbox directory (no SMTP server configured).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailboxEntry {
    /// The file's name in `mailbox/`.
    pub name: String,
    pub to: String,
    pub subject: String,
    /// RFC 3339.
    pub written_at: String,
}

/// One mailbox message, decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailboxMessage {
    pub entry: MailboxEntry,
    pub from: String,
    /// The plain-text part.
    pub text: String,
    /// The links the message carries, in order.
    pub links: Vec<String>,
}
