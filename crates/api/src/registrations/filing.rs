//! What a partner sends to register a deal or lead, and the rules each field keeps.

use serde::{Deserialize, Serialize};

use super::{
    CLOSE_MONTHS_AHEAD, COMPANY_NAME_MAX, DESCRIPTION_MAX, PRODUCTS_MAX, PartnerRole,
    RegistrationKind, TITLE_MAX, VALUE_MAX,
};
use crate::date::Date;
use crate::error::FieldErrors;
use crate::organizations::Motion;
use crate::validate::{self, Fields};

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
        let contact_name = f.take("contact_name", contact_name(&self.contact_name));
        let contact_email = f.take("contact_email", contact_email(&self.contact_email));
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

/// The customer's contact person: a person's name, whose absence is named as the contact's.
pub fn contact_name(input: &str) -> Result<String, &'static str> {
    validate::person_name(input).map_err(|e| {
        if input.trim().is_empty() {
            "Enter the contact's name."
        } else {
            e
        }
    })
}

/// The contact person's e-mail address, whose absence is named as the contact's.
pub fn contact_email(input: &str) -> Result<String, &'static str> {
    validate::email(input).map_err(|e| {
        if input.trim().is_empty() {
            "Enter the contact's e-mail address."
        } else {
            e
        }
    })
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
