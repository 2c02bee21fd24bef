//! What managers and partners send to change the pipeline, and the rules each field keeps:
//! an edit, a new deal, a note.

use serde::{Deserialize, Serialize};

use super::{INTERNAL_NOTES_MAX, NOTE_MAX, TEXT_MAX, stages::Stage};
use crate::date::Date;
use crate::error::FieldErrors;
use crate::organizations::Motion;
use crate::registrations::{PartnerRole, VALUE_MAX};
use crate::validate::Fields;

/// `PATCH /api/opportunities/{id}` (managers). Absent fields stay as they are; an empty text
/// clears it. `criteria_met` lists the positions of the current stage's exit criteria that are
/// met, and applies before a `stage` move in the same request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OpportunityPatch {
    pub stage: Option<String>,
    /// Required when moving to `lost`.
    pub loss_reason: Option<String>,
    pub criteria_met: Option<Vec<u8>>,
    pub owner_name: Option<String>,
    pub next_step: Option<String>,
    /// `YYYY-MM-DD`, or empty to clear.
    pub next_step_due: Option<String>,
    pub amount: Option<i64>,
    /// ISO 4217.
    pub currency: Option<String>,
    pub discount_band: Option<String>,
    pub price_protection: Option<bool>,
    pub partner_role: Option<PartnerRole>,
    pub attribution_percent: Option<u8>,
    pub internal_notes: Option<String>,
}

/// A text change: `Some(None)` clears the field.
pub type TextChange = Option<Option<String>>;

/// A patch that passed the field rules; whether the stage may move is the server's decision.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidPatch {
    pub stage: Option<Stage>,
    pub loss_reason: TextChange,
    pub criteria_met: Option<u32>,
    pub owner_name: TextChange,
    pub next_step: TextChange,
    pub next_step_due: Option<Option<Date>>,
    pub amount: Option<i64>,
    pub currency: Option<&'static str>,
    pub discount_band: TextChange,
    pub price_protection: Option<bool>,
    pub partner_role: Option<PartnerRole>,
    pub attribution_percent: Option<u8>,
    pub internal_notes: Option<String>,
}

impl OpportunityPatch {
    /// Every field rule at once, for a deal of `motion` currently at `current`.
    pub fn validate(&self, motion: Motion, current: Stage) -> Result<ValidPatch, FieldErrors> {
        let mut f = Fields::default();
        let stage = self.stage.as_deref().and_then(|slug| {
            f.take(
                "stage",
                Stage::parse(motion, slug)
                    .ok_or("Choose one of this motion's stages, won or lost."),
            )
        });
        let criteria = current.exit_criteria(motion).len();
        let patch = ValidPatch {
            stage,
            loss_reason: f
                .take(
                    "loss_reason",
                    text_change(self.loss_reason.as_deref(), TEXT_MAX),
                )
                .flatten(),
            criteria_met: self
                .criteria_met
                .as_deref()
                .and_then(|met| f.take("criteria_met", criteria_mask(met, criteria))),
            owner_name: f
                .take(
                    "owner_name",
                    text_change(self.owner_name.as_deref(), TEXT_MAX),
                )
                .flatten(),
            next_step: f
                .take(
                    "next_step",
                    text_change(self.next_step.as_deref(), TEXT_MAX),
                )
                .flatten(),
            next_step_due: f
                .take("next_step_due", date_change(self.next_step_due.as_deref()))
                .flatten(),
            amount: self.amount.and_then(|a| f.take("amount", amount(a))),
            currency: self
                .currency
                .as_deref()
                .and_then(|c| f.take("currency", crate::places::currency(c))),
            discount_band: f
                .take(
                    "discount_band",
                    text_change(self.discount_band.as_deref(), TEXT_MAX),
                )
                .flatten(),
            price_protection: self.price_protection,
            partner_role: self.partner_role,
            attribution_percent: self
                .attribution_percent
                .and_then(|p| f.take("attribution_percent", percent(p))),
            internal_notes: self
                .internal_notes
                .as_deref()
                .and_then(|n| f.take("internal_notes", bounded(n, INTERNAL_NOTES_MAX))),
        };
        if patch.stage == Some(Stage::Lost)
            && current != Stage::Lost
            && patch.loss_reason.as_ref().is_none_or(Option::is_none)
        {
            f.add("loss_reason", "Say why the deal was lost.");
        }
        f.finish()?;
        Ok(patch)
    }
}

fn text_change(input: Option<&str>, max: usize) -> Result<TextChange, &'static str> {
    let Some(text) = input.map(str::trim) else {
        return Ok(None);
    };
    if text.is_empty() {
        return Ok(Some(None));
    }
    bounded(text, max).map(|t| Some(Some(t)))
}

fn bounded(input: &str, max: usize) -> Result<String, &'static str> {
    let text = input.trim();
    if text.chars().count() > max {
        return Err(match max {
            TEXT_MAX => "Use at most 200 characters.",
            NOTE_MAX => "Use at most 2,000 characters.",
            _ => "Use at most 4,000 characters.",
        });
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err("Use letters, digits, spaces and punctuation only.");
    }
    Ok(text.to_owned())
}

fn date_change(input: Option<&str>) -> Result<Option<Option<Date>>, &'static str> {
    match input.map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(text) => Date::parse(text)
            .map(|d| Some(Some(d)))
            .ok_or("Enter a date as YYYY-MM-DD."),
    }
}

fn criteria_mask(met: &[u8], count: usize) -> Result<u32, &'static str> {
    met.iter().try_fold(0u32, |mask, &i| {
        if usize::from(i) < count {
            Ok(mask | 1 << i)
        } else {
            Err("That exit criterion is not one of the current stage's.")
        }
    })
}

pub fn amount(value: i64) -> Result<i64, &'static str> {
    match value {
        v if v < 0 => Err("Enter an amount of zero or more."),
        v if v > VALUE_MAX => Err("That is above 1,000,000,000; check the amount."),
        v => Ok(v),
    }
}

fn percent(value: u8) -> Result<u8, &'static str> {
    if value <= 100 {
        Ok(value)
    } else {
        Err("Enter a percentage from 0 to 100.")
    }
}

/// `POST /api/opportunities` (managers): a deal without a registration, e.g. one the partner
/// influenced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewOpportunity {
    pub organization_id: i64,
    pub customer_name: String,
    pub motion: Motion,
    pub partner_role: PartnerRole,
    #[serde(default)]
    pub attribution_percent: Option<u8>,
    #[serde(default)]
    pub owner_name: Option<String>,
    #[serde(default)]
    pub amount: Option<i64>,
    #[serde(default)]
    pub currency: Option<String>,
}

/// A valid new opportunity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidNewOpportunity {
    pub organization_id: i64,
    pub customer_name: String,
    pub motion: Motion,
    pub partner_role: PartnerRole,
    pub attribution_percent: Option<u8>,
    pub owner_name: Option<String>,
    pub amount: Option<(i64, &'static str)>,
}

impl NewOpportunity {
    pub fn validate(&self) -> Result<ValidNewOpportunity, FieldErrors> {
        let mut f = Fields::default();
        let customer_name = f.take(
            "customer_name",
            crate::registrations::company_name(&self.customer_name),
        );
        let attribution_percent = self
            .attribution_percent
            .and_then(|p| f.take("attribution_percent", percent(p)));
        let owner_name = f
            .take(
                "owner_name",
                text_change(self.owner_name.as_deref(), TEXT_MAX),
            )
            .flatten()
            .flatten();
        let amount = self.amount.and_then(|a| f.take("amount", amount(a)));
        let currency = self
            .currency
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .and_then(|c| f.take("currency", crate::places::currency(c)));
        match (amount, currency) {
            (Some(_), None) if self.currency.as_deref().is_none_or(|c| c.trim().is_empty()) => {
                f.add("currency", "Choose the amount's currency.")
            }
            (None, Some(_)) if self.amount.is_none() => f.add("amount", "Enter the amount."),
            _ => {}
        }
        f.finish()?;
        Ok(ValidNewOpportunity {
            organization_id: self.organization_id,
            customer_name: customer_name.expect("checked by finish()"),
            motion: self.motion,
            partner_role: self.partner_role,
            attribution_percent,
            owner_name,
            amount: amount.zip(currency),
        })
    }
}

/// `POST /api/opportunities/{id}/notes`: a note both sides read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoteRequest {
    pub body: String,
}

impl NoteRequest {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let mut f = Fields::default();
        let body = f.take(
            "body",
            match self.body.trim() {
                "" => Err("Write the note."),
                text => bounded(text, NOTE_MAX),
            },
        );
        f.finish()?;
        Ok(body.expect("checked by finish()"))
    }
}
