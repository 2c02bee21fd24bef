//! The shared pipeline: opportunities with motion-specific stages, as partners and managers
//! see them, and the program's numbers.
//!
//! Partners get `PartnerOpportunity`, which has no room for pricing, discounts, internal notes,
//! attribution or anything about another partner; managers get `ManagerOpportunity`, which
//! wraps the partner's view and adds those.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::FieldErrors;
use crate::organizations::{Motion, OrganizationRef};
use crate::page::Page;
use crate::registrations::{ConflictLevel, PartnerRole, RegistrationStatus, VALUE_MAX};
use crate::validate::Fields;

pub const TEXT_MAX: usize = 200;
pub const NOTE_MAX: usize = 2000;
pub const INTERNAL_NOTES_MAX: usize = 4000;
/// Days before its end from which a protection window counts as expiring.
pub const EXPIRING_DAYS: i64 = 7;
/// Days without activity after which managers see a deal as stale, unless they choose.
pub const STALE_DAYS: u32 = 14;
pub const WON: &str = "won";
pub const LOST: &str = "lost";

/// One of a motion's five stages and what must be true before a deal leaves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageDef {
    pub slug: &'static str,
    pub label: &'static str,
    pub exit_criteria: &'static [&'static str],
}

const fn stage(
    slug: &'static str,
    label: &'static str,
    exit_criteria: &'static [&'static str],
) -> StageDef {
    StageDef {
        slug,
        label,
        exit_criteria,
    }
}

const REFERRAL: [StageDef; 5] = [
    stage(
        "intro_logged",
        "Intro Logged",
        &[
            "Customer contact confirmed",
            "Introduction made to the vendor seller",
        ],
    ),
    stage(
        "validate",
        "Validate",
        &["Budget and need confirmed", "Decision maker identified"],
    ),
    stage(
        "prove_value",
        "Prove Value",
        &["Success criteria agreed", "Demo or trial completed"],
    ),
    stage(
        "commercials",
        "Commercials",
        &["Proposal sent", "Terms agreed"],
    ),
    stage(
        "closed_and_credit",
        "Closed & Credit",
        &["Contract signed", "Referral credit confirmed"],
    ),
];
const RESELLER: [StageDef; 5] = [
    stage(
        "deal_registration",
        "Deal Registration",
        &["Registration approved", "Reseller account confirmed"],
    ),
    stage(
        "qualification",
        "Qualification",
        &["Budget and timeline confirmed", "Decision maker identified"],
    ),
    stage(
        "configure_and_quote",
        "Configure & Quote",
        &["Configuration approved", "Quote issued"],
    ),
    stage(
        "transact",
        "Transact",
        &["Purchase order received", "Order booked"],
    ),
    stage(
        "launch_and_enable",
        "Launch & Enable",
        &["Customer onboarded", "Enablement session held"],
    ),
];
const MARKETPLACE: [StageDef; 5] = [
    stage(
        "listing_ready",
        "Listing Ready",
        &[
            "Listing published",
            "Customer's marketplace account confirmed",
        ],
    ),
    stage(
        "private_offer",
        "Private Offer",
        &["Private offer created", "Offer sent to the customer"],
    ),
    stage(
        "procurement",
        "Procurement",
        &["Procurement approval received", "Offer accepted"],
    ),
    stage(
        "close_and_disburse",
        "Close & Disburse",
        &["Contract active", "Disbursement confirmed"],
    ),
    stage(
        "adopt_and_expand",
        "Adopt & Expand",
        &["Usage above target", "Expansion plan agreed"],
    ),
];
const SERVICES: [StageDef; 5] = [
    stage(
        "solution_design",
        "Solution Design",
        &["Requirements documented", "Architecture reviewed"],
    ),
    stage(
        "proof_workshop",
        "Proof / Workshop",
        &["Workshop delivered", "Success criteria met"],
    ),
    stage(
        "commercials",
        "Commercials",
        &["Statement of work agreed", "License quote accepted"],
    ),
    stage(
        "delivery",
        "Delivery",
        &["Implementation complete", "Acceptance signed"],
    ),
    stage(
        "handoff",
        "Handoff",
        &["Support handoff done", "Customer reference requested"],
    ),
];
const TECH: [StageDef; 5] = [
    stage(
        "integration_fit",
        "Integration Fit",
        &["Use case validated", "Integration scoped"],
    ),
    stage(
        "field_readiness",
        "Field Readiness",
        &["Integration certified", "Sellers enabled"],
    ),
    stage(
        "pipeline_activation",
        "Pipeline Activation",
        &["Joint account plan agreed", "First joint meeting held"],
    ),
    stage(
        "validation",
        "Validation",
        &["Technical validation passed", "Champion confirmed"],
    ),
    stage(
        "commercials_and_close",
        "Commercials & Close",
        &["Pricing agreed", "Contract signed"],
    ),
];

/// The motion's stages in order.
pub fn stages(motion: Motion) -> &'static [StageDef; 5] {
    match motion {
        Motion::Referral => &REFERRAL,
        Motion::Reseller => &RESELLER,
        Motion::Marketplace => &MARKETPLACE,
        Motion::Services => &SERVICES,
        Motion::Tech => &TECH,
    }
}

/// Where a deal is: one of its motion's stages (by position), or an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    Open(usize),
    Won,
    Lost,
}

impl Stage {
    pub const FIRST: Stage = Stage::Open(0);
    pub const LAST_OPEN: usize = 4;

    /// A stage slug of `motion`, `won` or `lost`.
    pub fn parse(motion: Motion, slug: &str) -> Option<Stage> {
        match slug {
            WON => Some(Stage::Won),
            LOST => Some(Stage::Lost),
            _ => stages(motion)
                .iter()
                .position(|s| s.slug == slug)
                .map(Stage::Open),
        }
    }

    pub fn slug(self, motion: Motion) -> &'static str {
        match self {
            Stage::Open(i) => stages(motion)[i].slug,
            Stage::Won => WON,
            Stage::Lost => LOST,
        }
    }

    pub fn label(self, motion: Motion) -> &'static str {
        match self {
            Stage::Open(i) => stages(motion)[i].label,
            Stage::Won => "Won",
            Stage::Lost => "Lost",
        }
    }

    /// The exit criteria a manager confirms before the deal leaves this stage.
    pub fn exit_criteria(self, motion: Motion) -> &'static [&'static str] {
        match self {
            Stage::Open(i) => stages(motion)[i].exit_criteria,
            Stage::Won | Stage::Lost => &[],
        }
    }

    /// Every stage a deal can be in, outcomes last: the board's columns.
    pub const ALL: [Stage; 7] = [
        Stage::Open(0),
        Stage::Open(1),
        Stage::Open(2),
        Stage::Open(3),
        Stage::Open(4),
        Stage::Won,
        Stage::Lost,
    ];

    pub fn is_open(self) -> bool {
        matches!(self, Stage::Open(_))
    }
}

/// The label of a stage slug as sent by the server, or the slug itself if it is unknown.
pub fn stage_label(motion: Motion, slug: &str) -> &str {
    Stage::parse(motion, slug).map_or(slug, |s| s.label(motion))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProtectionStatus {
    /// Created by a manager without a registration: nothing to protect.
    None,
    Active,
    /// Ends within 7 days.
    Expiring,
    Expired,
}

string_enum!(ProtectionStatus {
    None => "none" / "No registration",
    Active => "active" / "Protected",
    Expiring => "expiring" / "Expiring soon",
    Expired => "expired" / "Expired",
});

/// Who wrote a shared note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoteSide {
    Partner,
    Vendor,
}

string_enum!(NoteSide { Partner => "partner" / "Partner", Vendor => "vendor" / "Vendor" });

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PipelineSort {
    /// Most recently updated first.
    #[default]
    Updated,
    /// Customer name, A to Z.
    Customer,
    /// Most recently entered stage first.
    StageEntered,
    /// Soonest next-step due date first; deals without one last.
    NextStepDue,
}

string_enum!(PipelineSort {
    Updated => "updated" / "Last updated",
    Customer => "customer" / "Customer",
    StageEntered => "stage_entered" / "Stage entered",
    NextStepDue => "next_step_due" / "Next step due",
});

/// One opportunity as its own partner organization sees it: only the safe fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerOpportunity {
    pub id: i64,
    pub customer_name: String,
    pub motion: Motion,
    /// A stage slug of the motion (see `stages`), or `won` / `lost`.
    pub stage: String,
    /// RFC 3339.
    pub stage_entered_at: String,
    /// The vendor seller who owns the deal.
    pub owner_name: Option<String>,
    pub next_step: Option<String>,
    /// `YYYY-MM-DD`.
    pub next_step_due: Option<String>,
    /// Absent for deals a manager created without a registration.
    pub registration_status: Option<RegistrationStatus>,
    pub protection_status: ProtectionStatus,
    /// RFC 3339.
    pub protection_ends: Option<String>,
    /// RFC 3339.
    pub updated_at: String,
}

/// A note both sides read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedNote {
    pub id: i64,
    pub side: NoteSide,
    pub author_name: String,
    pub body: String,
    /// RFC 3339.
    pub created_at: String,
}

/// `GET /api/opportunities/{id}` for a partner: the safe fields and the shared notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerOpportunityDetail {
    #[serde(flatten)]
    pub opportunity: PartnerOpportunity,
    pub notes: Vec<SharedNote>,
}

/// One exit criterion of the deal's current stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExitCriterion {
    pub label: String,
    pub met: bool,
}

/// An opportunity with everything vendor staff see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerOpportunity {
    pub opportunity: PartnerOpportunity,
    pub organization: OrganizationRef,
    pub registration_id: Option<i64>,
    /// Whole units of `currency`.
    pub amount: Option<i64>,
    pub currency: Option<String>,
    pub discount_band: Option<String>,
    pub price_protection: bool,
    /// Absent until a manager decides it for a deal created without a registration.
    pub partner_role: Option<PartnerRole>,
    pub attribution_percent: Option<u8>,
    pub internal_notes: String,
    pub loss_reason: Option<String>,
    /// The registration's conflict check; absent without a registration.
    pub conflict: Option<ConflictLevel>,
    /// The current stage's criteria and which a manager confirmed.
    pub exit_criteria: Vec<ExitCriterion>,
    /// RFC 3339: the last edit or note by either side.
    pub last_activity_at: String,
    /// RFC 3339.
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerOpportunityDetail {
    #[serde(flatten)]
    pub opportunity: ManagerOpportunity,
    pub notes: Vec<SharedNote>,
}

/// `GET /api/opportunities/{id}`, by the caller's side. Manager first: a partner's answer
/// lacks the manager's fields, so it can never be read as one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
#[allow(
    clippy::large_enum_variant,
    reason = "built once per response and moved straight into JSON"
)]
pub enum OpportunityDetail {
    Manager(ManagerOpportunityDetail),
    Partner(PartnerOpportunityDetail),
}

/// `GET /api/pipeline`, by the caller's side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum PipelinePage {
    Manager(Page<ManagerOpportunity>),
    Partner(Page<PartnerOpportunity>),
}

/// `GET /api/pipeline` and `GET /api/pipeline.csv` filters. Partners can use the first five;
/// the rest are for managers and ignored for partners.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct PipelineQuery {
    /// A stage slug, `won` or `lost`; with several motions it matches each one's stage of that name.
    pub stage: Option<String>,
    pub motion: Option<Motion>,
    pub protection: Option<ProtectionStatus>,
    /// Part of the customer's name.
    pub q: Option<String>,
    pub sort: Option<PipelineSort>,
    /// Managers: one partner organization.
    pub organization_id: Option<i64>,
    /// Managers: only deals whose registration needs conflict review.
    pub conflict: Option<bool>,
    /// Managers: only open deals without activity for this many days.
    pub stale_days: Option<u32>,
    pub cursor: Option<String>,
    /// 1 to 100; 25 when absent.
    pub limit: Option<u32>,
}

impl PipelineQuery {
    pub fn page(&self) -> crate::page::PageQuery {
        crate::page::PageQuery {
            cursor: self.cursor.clone(),
            limit: self.limit,
        }
    }

    /// The customer search, trimmed; absent when blank.
    pub fn search(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }
}

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

/// A deal for the weekly review list, with why it is on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewList<T> {
    /// How many there are in all; `items` holds the first 20.
    pub total: i64,
    pub items: Vec<T>,
}

/// A registration still undecided after its approval SLA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LateApproval {
    pub registration_id: i64,
    /// E.g. `R-1042`.
    pub number: String,
    pub organization: OrganizationRef,
    pub company_name: String,
    /// RFC 3339.
    pub decide_by: String,
}

/// `GET /api/pipeline/review` (managers): the weekly partner pipeline review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineReview {
    /// Protection ending within 7 days.
    pub expiring: ReviewList<ManagerOpportunity>,
    /// Open deals without activity for `stale_days`.
    pub stale: ReviewList<ManagerOpportunity>,
    pub stale_days: u32,
    pub late_approvals: ReviewList<LateApproval>,
    /// Open deals whose registration needs conflict review.
    pub duplicates: ReviewList<ManagerOpportunity>,
}

/// Open pipeline of one motion, split by the partner's role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MotionPipeline {
    pub motion: Motion,
    pub sourced_count: i64,
    pub sourced_value: i64,
    pub influenced_count: i64,
    pub influenced_value: i64,
}

/// Closed deals of one motion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MotionOutcomes {
    pub motion: Motion,
    pub won: i64,
    pub lost: i64,
    /// Won per hundred closed, rounded; absent with nothing closed.
    pub win_rate_percent: Option<i64>,
    /// Whole days from creation to close, averaged over won deals.
    pub average_cycle_days: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuarterRevenue {
    /// E.g. `2026-Q3`.
    pub quarter: String,
    pub value: i64,
}

/// A partner that joined in the last 90 days and how soon it registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPartner {
    pub organization: OrganizationRef,
    /// RFC 3339.
    pub joined_at: String,
    /// Whole days from joining to the first registration; absent before one.
    pub days_to_first_registration: Option<i64>,
}

/// `GET /api/program/numbers?currency=` (managers). Values are whole units of `currency`;
/// deals in other currencies are counted under their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgramNumbers {
    pub currency: String,
    /// Every currency deals are recorded in, most used first.
    pub currencies: Vec<String>,
    pub pipeline_by_motion: Vec<MotionPipeline>,
    pub outcomes_by_motion: Vec<MotionOutcomes>,
    /// Won partner-sourced deals by the quarter they closed, oldest first, last 8 quarters.
    pub sourced_revenue_by_quarter: Vec<QuarterRevenue>,
    pub new_partners: Vec<NewPartner>,
}

/// `?currency=` for the program numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct NumbersQuery {
    /// ISO 4217; the most used currency when absent.
    pub currency: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_motion_has_five_distinct_stages_with_criteria() {
        for motion in Motion::ALL {
            let defs = stages(motion);
            for (i, def) in defs.iter().enumerate() {
                assert_eq!(Stage::parse(motion, def.slug), Some(Stage::Open(i)));
                assert!(!def.exit_criteria.is_empty(), "{}", def.label);
                assert_ne!(def.slug, WON);
                assert_ne!(def.slug, LOST);
            }
        }
    }

    #[test]
    fn stage_slugs_belong_to_their_motion() {
        assert_eq!(
            Stage::parse(Motion::Referral, "intro_logged"),
            Some(Stage::FIRST)
        );
        assert_eq!(Stage::parse(Motion::Reseller, "intro_logged"), None);
        assert_eq!(Stage::parse(Motion::Tech, "won"), Some(Stage::Won));
    }

    #[test]
    fn a_patch_reports_every_bad_field() {
        let patch = OpportunityPatch {
            stage: Some("nowhere".into()),
            criteria_met: Some(vec![0, 7]),
            next_step_due: Some("tomorrow".into()),
            amount: Some(-1),
            attribution_percent: Some(101),
            ..OpportunityPatch::default()
        };
        let errors = patch.validate(Motion::Referral, Stage::FIRST).unwrap_err();
        for field in [
            "stage",
            "criteria_met",
            "next_step_due",
            "amount",
            "attribution_percent",
        ] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
    }

    #[test]
    fn moving_to_lost_needs_a_reason_and_empty_text_clears() {
        let lost = OpportunityPatch {
            stage: Some(LOST.into()),
            ..OpportunityPatch::default()
        };
        let errors = lost.validate(Motion::Tech, Stage::Open(2)).unwrap_err();
        assert!(errors.contains_key("loss_reason"));
        let clear = OpportunityPatch {
            next_step: Some("  ".into()),
            next_step_due: Some(String::new()),
            criteria_met: Some(vec![1]),
            ..OpportunityPatch::default()
        };
        let valid = clear.validate(Motion::Tech, Stage::Open(2)).unwrap();
        assert_eq!(valid.next_step, Some(None));
        assert_eq!(valid.next_step_due, Some(None));
        assert_eq!(valid.criteria_met, Some(0b10));
    }
}
