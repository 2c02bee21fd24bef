//! How a stored registration reads: the partner's view, with nothing about other partners or
//! the vendor's accounts, and the manager's.

use portico_api::OrganizationRef;
use portico_api::registrations::{
    Decision, DeclineReason, Extension, ManagerRegistration, PartnerRegistration, Product,
    RegistrationKind, RegistrationStatus, Verdict, number,
};

use super::RegistrationRow;
use crate::clock::{Timestamp, rfc3339};
use crate::domain::program::protection;
use crate::store::opportunities::FromRegistration;

impl RegistrationRow {
    pub fn organization(&self) -> OrganizationRef {
        OrganizationRef {
            id: self.organization_id,
            name: self.organization_name.clone(),
        }
    }

    /// What an approved deal brings into the pipeline; a lead brings nothing.
    pub fn pipeline_entry(&self) -> Option<FromRegistration<'_>> {
        (self.kind == RegistrationKind::Deal).then(|| FromRegistration {
            registration_id: self.id,
            organization_id: self.organization_id,
            customer_name: &self.company_name,
            motion: self.motion,
            amount: self.estimated_value.zip(self.currency.as_deref()),
            partner_role: self.partner_role,
        })
    }

    /// The partner's view; the matching keys, the organization and the SLA stay behind.
    pub fn into_partner_view(
        self,
        products: Vec<Product>,
        now: Timestamp,
        approval_sla_hours: i64,
    ) -> PartnerRegistration {
        let RegistrationRow {
            id,
            organization_id: _,
            organization_name: _,
            submitter_name,
            kind,
            company_name,
            company_domain,
            name_key: _,
            domain_key: _,
            country,
            contact_name,
            contact_email,
            contact_title,
            motion,
            estimated_value,
            currency,
            expected_close,
            description,
            partner_role,
            status,
            conflict,
            submitted_at,
            decide_by: _,
            decided_at,
            decline_reason,
            decision_rationale,
            protection_ends_at,
            info_question,
            extension_status,
            extension_justification,
            extension_requested_at,
            extension_rationale,
        } = self;
        PartnerRegistration {
            id,
            number: number(id),
            kind,
            status,
            conflict,
            conflict_message: conflict.partner_message(status, approval_sla_hours),
            company_name,
            company_domain,
            country,
            contact_name,
            contact_email,
            contact_title,
            motion,
            products,
            estimated_value,
            currency,
            expected_close,
            description,
            partner_role,
            submitted_by: submitter_name,
            submitted_at: rfc3339(submitted_at),
            decision: decision(status, decided_at, decline_reason, decision_rationale),
            open_question: info_question,
            protection: protection_ends_at.map(|ends| protection(ends, now)),
            extension: match (
                extension_status,
                extension_justification,
                extension_requested_at,
            ) {
                (Some(status), Some(justification), Some(at)) => Some(Extension {
                    status,
                    justification,
                    requested_at: rfc3339(at),
                    rationale: extension_rationale,
                }),
                _ => None,
            },
        }
    }

    pub fn into_manager_view(
        self,
        products: Vec<Product>,
        competing_claims: Vec<i64>,
        now: Timestamp,
        approval_sla_hours: i64,
    ) -> ManagerRegistration {
        let organization = self.organization();
        let (decide_by, submitted_at) = (self.decide_by, self.submitted_at);
        let open = self.status.is_open();
        ManagerRegistration {
            registration: self.into_partner_view(products, now, approval_sla_hours),
            organization,
            decide_by: rfc3339(decide_by),
            sla_breached: open && now > decide_by,
            waiting_hours: open.then(|| (now - submitted_at) / 3600),
            competing_claims,
        }
    }
}

/// A decision exists once a manager approved or declined; expiry keeps the approval.
fn decision(
    status: RegistrationStatus,
    decided_at: Option<Timestamp>,
    reason: Option<DeclineReason>,
    rationale: Option<String>,
) -> Option<Decision> {
    let verdict = match status {
        RegistrationStatus::Approved | RegistrationStatus::Expired => Verdict::Approve,
        RegistrationStatus::Declined => Verdict::Decline,
        _ => return None,
    };
    Some(Decision {
        decision: verdict,
        reason,
        rationale,
        decided_at: rfc3339(decided_at?),
    })
}
