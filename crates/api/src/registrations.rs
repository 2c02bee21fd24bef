//! Deal and lead registrations: the partner's claim on a customer, and the manager's decision.
//!
//! Partners get `PartnerRegistration`, which has no room for anything about other partners or
//! the vendor's accounts; managers get `ManagerRegistration`, which adds the conflict findings.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::FieldErrors;
pub use crate::findings::{ConflictFinding, MatchStrength};
use crate::organizations::{Motion, OrganizationRef};
use crate::page::Page;
use crate::validate::{self, Fields};

pub const COMPANY_NAME_MAX: usize = 120;
pub const TITLE_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 2000;
pub const RATIONALE_MAX: usize = 2000;
/// Whole currency units; a registration above this is a typo, not a deal.
pub const VALUE_MAX: i64 = 1_000_000_000;
/// How far ahead an expected close date may be.
pub const CLOSE_MONTHS_AHEAD: u32 = 18;
pub const PRODUCTS_MAX: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationKind {
    /// An opportunity with a value and a close date.
    Deal,
    /// An early interest: fewer fields.
    Lead,
}

/// Whether the partner found the opportunity or helps on one the vendor already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartnerRole {
    Sourced,
    Influenced,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    Submitted,
    /// A manager asked the partner a question; the partner's answer puts it back in the queue.
    InfoRequested,
    /// Protected until `protection.ends_on`.
    Approved,
    Declined,
    Withdrawn,
    /// Approved once; its protection has ended.
    Expired,
}

/// What the conflict check concluded. Partners learn only this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConflictLevel {
    None,
    Review,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Approve,
    Decline,
}

/// Why a registration was declined; the rationale explains it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    AlreadyRegistered,
    ExistingCustomer,
    DirectOpportunity,
    NotQualified,
    MissingInformation,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExtensionStatus {
    Requested,
    Approved,
    Declined,
}

string_enum!(RegistrationKind { Deal => "deal" / "Deal", Lead => "lead" / "Lead" });
string_enum!(PartnerRole {
    Sourced => "sourced" / "We sourced it",
    Influenced => "influenced" / "We are influencing it",
});
string_enum!(RegistrationStatus {
    Submitted => "submitted" / "Submitted",
    InfoRequested => "info_requested" / "More information requested",
    Approved => "approved" / "Approved",
    Declined => "declined" / "Declined",
    Withdrawn => "withdrawn" / "Withdrawn",
    Expired => "expired" / "Expired",
});
string_enum!(ConflictLevel { None => "none" / "No conflict found", Review => "review" / "Needs review" });
string_enum!(Verdict { Approve => "approve" / "Approve", Decline => "decline" / "Decline" });
string_enum!(DeclineReason {
    AlreadyRegistered => "already_registered" / "Another registration has this customer",
    ExistingCustomer => "existing_customer" / "Existing customer with an owner",
    DirectOpportunity => "direct_opportunity" / "Direct sales is already working it",
    NotQualified => "not_qualified" / "Not a qualified opportunity",
    MissingInformation => "missing_information" / "Information missing",
    Other => "other" / "Other",
});
string_enum!(ExtensionStatus {
    Requested => "requested" / "Extension requested",
    Approved => "approved" / "Extension approved",
    Declined => "declined" / "Extension declined",
});

impl RegistrationStatus {
    /// Still waiting for a manager.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Submitted | Self::InfoRequested)
    }

    pub fn may_withdraw(self) -> bool {
        matches!(self, Self::Submitted | Self::InfoRequested | Self::Approved)
    }
}

impl ConflictLevel {
    /// What the partner reads about the check: the same words whatever matched.
    pub fn partner_message(self, approval_sla_hours: i64) -> String {
        match self {
            ConflictLevel::None => "No conflict found.".to_owned(),
            ConflictLevel::Review => format!(
                "This customer needs review; a partner manager will decide within {approval_sla_hours} hours."
            ),
        }
    }
}

/// `POST /api/registrations`. Send an `Idempotency-Key` header so a retry never registers twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegistrationRequest {
    pub kind: RegistrationKind,
    pub company_name: String,
    /// A website or domain in any common form; stored as e.g. `acme.com`.
    pub company_domain: String,
    /// ISO 3166-1 alpha-2, e.g. `DE`.
    pub country: String,
    pub contact_name: String,
    pub contact_email: String,
    #[serde(default)]
    pub contact_title: Option<String>,
    pub motion: Motion,
    /// Product ids from `GET /api/products`; at least one for a deal.
    #[serde(default)]
    pub products: Vec<i64>,
    /// Whole units of `currency`; deals only.
    #[serde(default)]
    pub estimated_value: Option<i64>,
    /// ISO 4217, e.g. `EUR`; deals only.
    #[serde(default)]
    pub currency: Option<String>,
    /// `YYYY-MM-DD`; deals only.
    #[serde(default)]
    pub expected_close: Option<String>,
    pub description: String,
    pub partner_role: PartnerRole,
}

/// A request that passed validation, in normalized form. A lead has no deal terms at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRegistration {
    pub kind: RegistrationKind,
    pub company_name: String,
    pub company_domain: String,
    pub country: &'static str,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_title: Option<String>,
    pub motion: Motion,
    pub products: Vec<i64>,
    pub deal: Option<DealTerms>,
    pub description: String,
    pub partner_role: PartnerRole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealTerms {
    pub estimated_value: i64,
    pub currency: &'static str,
    pub expected_close: Date,
}

impl RegistrationRequest {
    /// Every rule at once, so the form can show all problems together. `today` is the
    /// submitter's (or the server's) current date.
    pub fn validate(&self, today: Date) -> Result<ValidRegistration, FieldErrors> {
        let mut f = Fields::default();
        let company_name = f.take("company_name", company_name(&self.company_name));
        let company_domain = f.take(
            "company_domain",
            validate::company_domain(&self.company_domain),
        );
        let country = f.take("country", crate::places::country(&self.country));
        let contact_name = f.take("contact_name", validate::person_name(&self.contact_name));
        let contact_email = f.take("contact_email", validate::email(&self.contact_email));
        let contact_title = f.take(
            "contact_title",
            optional_title(self.contact_title.as_deref()),
        );
        let description = f.take("description", description(&self.description));
        let products = f.take("products", products(&self.products, self.kind));
        let deal = match self.kind {
            RegistrationKind::Deal => Some(self.deal_terms(&mut f, today)),
            RegistrationKind::Lead => {
                self.reject_deal_fields(&mut f);
                None
            }
        };
        f.finish()?;
        let done = "checked by finish()";
        Ok(ValidRegistration {
            kind: self.kind,
            company_name: company_name.expect(done),
            company_domain: company_domain.expect(done),
            country: country.expect(done),
            contact_name: contact_name.expect(done),
            contact_email: contact_email.expect(done),
            contact_title: contact_title.expect(done),
            motion: self.motion,
            products: products.expect(done),
            deal: deal.map(|terms| terms.expect(done)),
            description: description.expect(done),
            partner_role: self.partner_role,
        })
    }

    fn deal_terms(&self, f: &mut Fields, today: Date) -> Option<DealTerms> {
        let estimated_value = f.take("estimated_value", estimated_value(self.estimated_value));
        let currency = f.take(
            "currency",
            crate::places::currency(self.currency.as_deref().unwrap_or_default()),
        );
        let expected_close = f.take(
            "expected_close",
            expected_close(self.expected_close.as_deref().unwrap_or_default(), today),
        );
        Some(DealTerms {
            estimated_value: estimated_value?,
            currency: currency?,
            expected_close: expected_close?,
        })
    }

    fn reject_deal_fields(&self, f: &mut Fields) {
        const ONLY_DEALS: &str = "Only deals have this; register a deal instead.";
        if self.estimated_value.is_some() {
            f.add("estimated_value", ONLY_DEALS);
        }
        if self.currency.as_deref().is_some_and(|c| !c.is_empty()) {
            f.add("currency", ONLY_DEALS);
        }
        if self
            .expected_close
            .as_deref()
            .is_some_and(|c| !c.is_empty())
        {
            f.add("expected_close", ONLY_DEALS);
        }
    }
}

pub fn company_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    if name.is_empty() {
        return Err("Enter the customer's company name.");
    }
    if name.chars().count() > COMPANY_NAME_MAX {
        return Err("Use at most 120 characters.");
    }
    if name.chars().any(char::is_control) {
        return Err("Use letters, digits, spaces and punctuation only.");
    }
    Ok(name.to_owned())
}

fn optional_title(input: Option<&str>) -> Result<Option<String>, &'static str> {
    match input.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) if t.chars().count() > TITLE_MAX => Err("Use at most 100 characters."),
        Some(t) => Ok(Some(t.to_owned())),
    }
}

pub fn description(input: &str) -> Result<String, &'static str> {
    let text = input.trim();
    if text.is_empty() {
        return Err("Describe the customer's use case.");
    }
    if text.chars().count() > DESCRIPTION_MAX {
        return Err("Use at most 2,000 characters.");
    }
    Ok(text.to_owned())
}

fn products(ids: &[i64], kind: RegistrationKind) -> Result<Vec<i64>, &'static str> {
    if ids.is_empty() && kind == RegistrationKind::Deal {
        return Err("Choose at least one product.");
    }
    if ids.len() > PRODUCTS_MAX {
        return Err("Choose at most 20 products.");
    }
    let mut unique = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    Ok(unique)
}

pub fn estimated_value(value: Option<i64>) -> Result<i64, &'static str> {
    match value {
        None => Err("Enter the estimated deal value."),
        Some(v) if v <= 0 => Err("Enter a value above zero."),
        Some(v) if v > VALUE_MAX => Err("That is above 1,000,000,000; check the value."),
        Some(v) => Ok(v),
    }
}

/// A close date from today up to 18 months ahead.
pub fn expected_close(input: &str, today: Date) -> Result<Date, &'static str> {
    let input = input.trim();
    if input.is_empty() {
        return Err("Enter the expected close date.");
    }
    let date = Date::parse(input).ok_or("Enter a date as YYYY-MM-DD.")?;
    if date < today {
        return Err("The close date cannot be in the past.");
    }
    if date > today.add_months(CLOSE_MONTHS_AHEAD) {
        return Err("Choose a close date within the next 18 months.");
    }
    Ok(date)
}

/// A product partners can name in a registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    pub id: i64,
    pub name: String,
}

/// `POST /api/products` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateProduct {
    pub name: String,
}

impl CreateProduct {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let mut f = Fields::default();
        let name = f.take(
            "name",
            company_name(&self.name).map_err(|_| "Enter a product name of at most 120 characters."),
        );
        f.finish()?;
        Ok(name.expect("checked by finish()"))
    }
}

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

/// The window in which the registering partner is protected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Protection {
    /// RFC 3339.
    pub ends_at: String,
    /// Whole days until it ends; 0 on the last day and after.
    pub days_left: i64,
}

/// A manager's decision as the partner reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    pub decision: Verdict,
    pub reason: Option<DeclineReason>,
    pub rationale: Option<String>,
    /// RFC 3339.
    pub decided_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Extension {
    pub status: ExtensionStatus,
    pub justification: String,
    /// RFC 3339.
    pub requested_at: String,
    /// The manager's words on approving or declining it.
    pub rationale: Option<String>,
}

/// One registration as its own partner organization sees it: its own data, the decision, and
/// only the level of the conflict check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerRegistration {
    pub id: i64,
    /// E.g. `R-1042`.
    pub number: String,
    pub kind: RegistrationKind,
    pub status: RegistrationStatus,
    pub conflict: ConflictLevel,
    /// The conflict check's result in words, e.g. "No conflict found."
    pub conflict_message: String,
    pub company_name: String,
    pub company_domain: String,
    pub country: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_title: Option<String>,
    pub motion: Motion,
    pub products: Vec<Product>,
    pub estimated_value: Option<i64>,
    pub currency: Option<String>,
    pub expected_close: Option<String>,
    pub description: String,
    pub partner_role: PartnerRole,
    pub submitted_by: String,
    /// RFC 3339.
    pub submitted_at: String,
    pub decision: Option<Decision>,
    /// The partner manager's question while the status is `info_requested`.
    pub open_question: Option<String>,
    pub protection: Option<Protection>,
    pub extension: Option<Extension>,
}

/// A registration with the conflict findings and approval clock that only managers see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerRegistration {
    pub registration: PartnerRegistration,
    pub organization: OrganizationRef,
    /// RFC 3339: when the approval SLA runs out.
    pub decide_by: String,
    /// Still undecided after `decide_by`.
    pub sla_breached: bool,
    /// Whole hours it has waited for a decision; absent once decided or withdrawn.
    pub waiting_hours: Option<i64>,
}

/// One event in a registration's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    /// RFC 3339.
    pub at: String,
    pub what: String,
    /// Who did it: a name for the partner's own people, "Partner manager" for vendor staff
    /// when a partner asks.
    pub who: Option<String>,
    pub rationale: Option<String>,
}

/// `GET /api/registrations/{id}` for a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerRegistrationDetail {
    pub registration: PartnerRegistration,
    pub timeline: Vec<TimelineEntry>,
}

/// `GET /api/registrations/{id}` for a manager: the claim, the competing claims side by side,
/// and what the conflict rules suggest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerRegistrationDetail {
    pub registration: ManagerRegistration,
    pub findings: Vec<ConflictFinding>,
    /// The registrations the findings name, to read side by side.
    pub matches: Vec<ManagerRegistration>,
    /// The accounts the findings name.
    pub accounts: Vec<crate::accounts::Account>,
    pub suggestion: Option<String>,
    pub timeline: Vec<TimelineEntry>,
}

/// `GET /api/registrations` filters; partners can use `status` only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RegistrationQuery {
    pub status: Option<RegistrationStatus>,
    /// Managers: only the undecided, oldest first (the approval queue).
    pub queue: Option<bool>,
    /// Managers: one partner organization.
    pub organization_id: Option<i64>,
    pub cursor: Option<String>,
    /// 1 to 100; 25 when absent.
    pub limit: Option<u32>,
}

impl RegistrationQuery {
    pub fn page(&self) -> crate::page::PageQuery {
        crate::page::PageQuery {
            cursor: self.cursor.clone(),
            limit: self.limit,
        }
    }
}

/// `POST /api/public/registration-links/{token}/registrations`: a seller without a portal
/// account registers through the organization's secret link, saying who they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkRegistrationRequest {
    pub submitter_name: String,
    pub submitter_email: String,
    pub registration: RegistrationRequest,
}

/// A valid link submission: who submitted it, and the registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidLinkRegistration {
    pub submitter_name: String,
    pub submitter_email: String,
    pub registration: ValidRegistration,
}

impl LinkRegistrationRequest {
    /// Errors of the registration's fields keep their names, beside `submitter_name` and
    /// `submitter_email`, so one form shows them all.
    pub fn validate(&self, today: Date) -> Result<ValidLinkRegistration, FieldErrors> {
        let mut f = Fields::default();
        let name = f.take(
            "submitter_name",
            validate::person_name(&self.submitter_name),
        );
        let email = f.take("submitter_email", validate::email(&self.submitter_email));
        let registration = self.registration.validate(today);
        let mut errors = f.finish().err().unwrap_or_default();
        match registration {
            Ok(registration) if errors.is_empty() => Ok(ValidLinkRegistration {
                submitter_name: name.expect("checked above"),
                submitter_email: email.expect("checked above"),
                registration,
            }),
            Ok(_) => Err(errors),
            Err(more) => {
                errors.extend(more);
                Err(errors)
            }
        }
    }
}

/// Whether the organization has a registration link, for its partner admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationLinkStatus {
    pub active: bool,
    /// RFC 3339: when the current link was made.
    pub created_at: Option<String>,
}

/// A new registration link: shown this once, only its hash is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedRegistrationLink {
    pub link: String,
    /// RFC 3339.
    pub created_at: String,
}

/// What a registration link shows before submitting: the form's choices, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkForm {
    pub products: Vec<Product>,
}

/// `GET /api/registrations` answers partners and managers with their own types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum RegistrationPage {
    Partner(Page<PartnerRegistration>),
    Manager(Page<ManagerRegistration>),
}

/// `GET /api/registrations/{id}`, by the caller's side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum RegistrationDetail {
    Partner(PartnerRegistrationDetail),
    Manager(ManagerRegistrationDetail),
}

/// The registration number partners and managers quote.
pub fn number(id: i64) -> String {
    format!("R-{}", 1000 + id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2026-11-23").unwrap()
    }

    fn deal() -> RegistrationRequest {
        RegistrationRequest {
            kind: RegistrationKind::Deal,
            company_name: " Acme Corp ".into(),
            company_domain: "https://www.Acme.com/about".into(),
            country: "de".into(),
            contact_name: "Jane Roe".into(),
            contact_email: "Jane@Acme.com".into(),
            contact_title: Some("  ".into()),
            motion: Motion::Reseller,
            products: vec![2, 1, 2],
            estimated_value: Some(50_000),
            currency: Some("eur".into()),
            expected_close: Some("2027-03-31".into()),
            description: "Replace their legacy portal.".into(),
            partner_role: PartnerRole::Sourced,
        }
    }

    #[test]
    fn a_valid_deal_is_normalized() {
        let valid = deal().validate(today()).unwrap();
        assert_eq!(valid.company_name, "Acme Corp");
        assert_eq!(valid.company_domain, "acme.com");
        assert_eq!(valid.country, "DE");
        assert_eq!(valid.contact_email, "jane@acme.com");
        assert_eq!(valid.contact_title, None);
        assert_eq!(valid.products, vec![1, 2]);
        let terms = valid.deal.unwrap();
        assert_eq!((terms.estimated_value, terms.currency), (50_000, "EUR"));
        assert_eq!(terms.expected_close.to_string(), "2027-03-31");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = RegistrationRequest {
            company_name: "".into(),
            company_domain: "not a domain".into(),
            country: "XX".into(),
            contact_email: "jane".into(),
            products: vec![],
            estimated_value: Some(0),
            currency: Some("ZZZ".into()),
            expected_close: Some("2026-11-22".into()),
            description: " ".into(),
            ..deal()
        };
        let errors = bad.validate(today()).unwrap_err();
        let fields: Vec<_> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "company_domain",
                "company_name",
                "contact_email",
                "country",
                "currency",
                "description",
                "estimated_value",
                "expected_close",
                "products"
            ]
        );
    }

    #[test]
    fn close_dates_run_from_today_to_eighteen_months() {
        assert!(expected_close("2026-11-23", today()).is_ok());
        assert!(expected_close("2028-05-23", today()).is_ok());
        assert!(expected_close("2028-05-24", today()).is_err());
        assert!(expected_close("2026-11-22", today()).is_err());
        assert!(expected_close("23/11/2026", today()).is_err());
    }

    #[test]
    fn values_are_positive_and_capped() {
        assert!(estimated_value(Some(1)).is_ok());
        assert!(estimated_value(Some(VALUE_MAX)).is_ok());
        assert!(estimated_value(Some(VALUE_MAX + 1)).is_err());
        assert!(estimated_value(Some(-5)).is_err());
        assert!(estimated_value(None).is_err());
    }

    #[test]
    fn leads_need_fewer_fields_and_carry_no_deal_terms() {
        let lead = RegistrationRequest {
            kind: RegistrationKind::Lead,
            products: vec![],
            estimated_value: None,
            currency: None,
            expected_close: None,
            ..deal()
        };
        assert_eq!(lead.validate(today()).unwrap().deal, None);
        let with_value = RegistrationRequest {
            estimated_value: Some(10),
            ..lead
        };
        let errors = with_value.validate(today()).unwrap_err();
        assert!(errors.contains_key("estimated_value"));
    }

    #[test]
    fn declines_need_a_rationale() {
        let decline = DecisionRequest {
            decision: Verdict::Decline,
            rationale: Some("  ".into()),
            reason: None,
        };
        assert!(decline.validate().unwrap_err().contains_key("rationale"));
        let approve = DecisionRequest {
            decision: Verdict::Approve,
            rationale: None,
            reason: None,
        };
        assert_eq!(approve.validate().unwrap(), None);
    }

    #[test]
    fn numbers_start_above_a_thousand() {
        assert_eq!(number(42), "R-1042");
    }
}
