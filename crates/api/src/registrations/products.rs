//! The product catalog partners choose from.

use serde::{Deserialize, Serialize};

use super::filing::company_name;
use crate::error::FieldErrors;
use crate::validate::Fields;

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
