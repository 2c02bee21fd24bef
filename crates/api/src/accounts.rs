//! The vendor's account book: customers that already have an owner, which the conflict check
//! compares every registration against. Managers only.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::organizations::OrganizationRef;
use crate::registrations::company_name;
use crate::validate::{self, Fields};

/// An account as managers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub domain: Option<String>,
    /// Other names the company is known by; the conflict check finds the account by each.
    pub alternative_names: Vec<String>,
    /// Who owns the account at the vendor, e.g. "Dana Direct (enterprise sales)".
    pub owner: String,
    /// The partner already serving this customer, if any.
    pub incumbent: Option<OrganizationRef>,
    /// RFC 3339.
    pub updated_at: String,
}

/// At most this many alternative names per account.
pub const ALTERNATIVE_NAMES_MAX: usize = 20;

/// `POST /api/accounts` and `PUT /api/accounts/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountInput {
    pub name: String,
    #[serde(default)]
    pub domain: Option<String>,
    /// Replaces the account's alternative names; none when absent.
    #[serde(default)]
    pub alternative_names: Vec<String>,
    pub owner: String,
    #[serde(default)]
    pub incumbent_organization_id: Option<i64>,
}

/// An account that passed validation, normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAccount {
    pub name: String,
    pub domain: Option<String>,
    /// Trimmed, without blanks.
    pub alternative_names: Vec<String>,
    pub owner: String,
}

impl AccountInput {
    pub fn validate(&self) -> Result<ValidAccount, FieldErrors> {
        let mut f = Fields::default();
        let name = f.take("name", company_name(&self.name));
        let domain = match self
            .domain
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            None => Some(None),
            Some(d) => f.take("domain", validate::company_domain(d)).map(Some),
        };
        let alternative_names = f.take(
            "alternative_names",
            alternative_names(&self.alternative_names),
        );
        let owner = f.take("owner", owner(&self.owner));
        f.finish()?;
        let done = "checked by finish()";
        Ok(ValidAccount {
            name: name.expect(done),
            domain: domain.expect(done),
            alternative_names: alternative_names.expect(done),
            owner: owner.expect(done),
        })
    }
}

fn alternative_names(input: &[String]) -> Result<Vec<String>, &'static str> {
    let names: Vec<&String> = input.iter().filter(|n| !n.trim().is_empty()).collect();
    if names.len() > ALTERNATIVE_NAMES_MAX {
        return Err("Give at most 20 alternative names.");
    }
    names
        .into_iter()
        .map(|n| {
            company_name(n)
                .map_err(|_| "Each alternative name is a company name of at most 120 characters.")
        })
        .collect()
}

fn owner(input: &str) -> Result<String, &'static str> {
    let owner = input.trim();
    if owner.is_empty() {
        return Err("Name the account's owner at the vendor.");
    }
    if owner.chars().count() > 120 || owner.chars().any(char::is_control) {
        return Err("Use at most 120 letters, digits and punctuation.");
    }
    Ok(owner.to_owned())
}

/// What an import did. A file with any bad row changes nothing and answers 422 instead, with
/// one message per bad row in `error.fields` (keyed `row 2`, `row 7`, … counting the header
/// as row 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportSummary {
    pub created: u32,
    pub updated: u32,
    /// Rows imported into an earlier row's account, their names as its alternative names.
    pub merged: u32,
}

/// `POST /api/accounts/import` options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// Rows naming the same account as an earlier row (the same domain, or without a domain
    /// the same normalized name) become one account with their names as alternative names;
    /// without this, such rows refuse the file.
    pub merge_duplicates: Option<bool>,
}

/// `GET /api/accounts` filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AccountQuery {
    /// Part of the name or domain.
    pub q: Option<String>,
    pub cursor: Option<String>,
    /// 1 to 100; 25 when absent.
    pub limit: Option<u32>,
}
