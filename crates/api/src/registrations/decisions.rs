//! What managers and partners send after a filing: decisions, extension requests, questions
//! and answers.

use serde::{Deserialize, Serialize};

use super::{DeclineReason, RATIONALE_MAX, Verdict};
use crate::error::FieldErrors;
use crate::validate::Fields;

/// The manager's decision on a registration, or on its extension request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    pub decision: Verdict,
    /// Required when declining.
    #[serde(default)]
    pub rationale: Option<String>,
    /// For declines; `other` when absent.
    #[serde(default)]
    pub reason: Option<DeclineReason>,
}

impl DecisionRequest {
    /// The trimmed rationale, if any.
    pub fn validate(&self) -> Result<Option<String>, FieldErrors> {
        let mut f = Fields::default();
        let rationale = f.take("rationale", optional_rationale(self.rationale.as_deref()));
        if self.decision == Verdict::Decline && rationale == Some(None) {
            f.add(
                "rationale",
                "Explain the decline; the partner will read it.",
            );
        }
        if self.decision == Verdict::Approve && self.reason.is_some() {
            f.add("reason", "A reason is given only when declining.");
        }
        f.finish()?;
        Ok(rationale.flatten().map(str::to_owned))
    }
}

/// `POST /api/registrations/{id}/resolution`: approve this registration and decline the
/// competing claims named, in one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResolutionRequest {
    /// The competing registrations to decline (reason: already registered).
    pub decline: Vec<i64>,
    /// What the declined partners read; a standard sentence when absent.
    #[serde(default)]
    pub rationale: Option<String>,
}

/// How many competing claims one resolution may decline.
pub const RESOLUTION_DECLINES_MAX: usize = 20;

impl ResolutionRequest {
    /// The trimmed rationale, if any.
    pub fn validate(&self) -> Result<Option<String>, FieldErrors> {
        let mut f = Fields::default();
        let rationale = f.take("rationale", optional_rationale(self.rationale.as_deref()));
        if self.decline.is_empty() {
            f.add("decline", "Name the competing registration to decline.");
        } else if self.decline.len() > RESOLUTION_DECLINES_MAX {
            f.add("decline", "Decline at most 20 registrations at once.");
        }
        f.finish()?;
        Ok(rationale.flatten().map(str::to_owned))
    }
}

/// A rationale that may be left out: trimmed, `None` when blank, at most 2,000 characters.
pub fn optional_rationale(input: Option<&str>) -> Result<Option<&str>, &'static str> {
    match input.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) if r.chars().count() > RATIONALE_MAX => Err("Use at most 2,000 characters."),
        rationale => Ok(rationale),
    }
}

/// `POST /api/registrations/{id}/extension`: the partner asks once for longer protection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExtensionRequest {
    pub justification: String,
}

impl ExtensionRequest {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        long_text(
            &self.justification,
            "justification",
            "Say why the protection should last longer.",
        )
    }
}

/// `POST /api/registrations/{id}/info-request`: a manager asks the partner a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InfoRequest {
    pub question: String,
}

impl InfoRequest {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        long_text(
            &self.question,
            "question",
            "Ask the partner what you need to know.",
        )
    }
}

/// `POST /api/registrations/{id}/info-response`: the partner answers; the registration goes
/// back to the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InfoResponse {
    pub answer: String,
}

impl InfoResponse {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        long_text(
            &self.answer,
            "answer",
            "Answer the partner manager's question.",
        )
    }
}

/// A required text of up to 2,000 characters, trimmed.
fn long_text(input: &str, field: &str, when_empty: &'static str) -> Result<String, FieldErrors> {
    let mut f = Fields::default();
    let text = input.trim();
    if text.is_empty() {
        f.add(field, when_empty);
    } else if text.chars().count() > RATIONALE_MAX {
        f.add(field, "Use at most 2,000 characters.");
    }
    f.finish()?;
    Ok(text.to_owned())
}
