//! The one error shape every endpoint answers with.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Per-field messages, keyed by the request field's JSON name.
pub type FieldErrors = BTreeMap<String, String>;

/// `{"error":{"code":"…","message":"…","fields":{…}}}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `validation_failed`, `not_found`.
    pub code: String,
    /// A sentence a person can act on.
    pub message: String,
    /// The request field's JSON name to what is wrong with it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub fields: FieldErrors,
}
