//! Each motion's five stages with their exit criteria, and where a deal is.

use super::{LOST, WON};
use crate::organizations::Motion;

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

/// The exit criterion an approved registration meets by itself.
const REGISTRATION_APPROVED: &str = "Registration approved";

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
        &[REGISTRATION_APPROVED, "Reseller account confirmed"],
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

    /// The exit criteria of this stage an approved registration has met, as the bits a deal's
    /// `criteria_met` keeps: a deal opened from a registration starts with them ticked.
    pub fn met_by_approval(self, motion: Motion) -> u32 {
        self.exit_criteria(motion)
            .iter()
            .enumerate()
            .filter(|(_, label)| **label == REGISTRATION_APPROVED)
            .fold(0, |bits, (i, _)| bits | 1 << i)
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
