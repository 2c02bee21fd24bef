//! What the conflict check found about a registration, for managers only: each existing claim
//! on the customer, how strongly it matches, best first. Partners learn only the
//! [`ConflictLevel`].

use serde::{Deserialize, Serialize};

use crate::registrations::ConflictLevel;

/// How sure a finding is that two claims name one customer, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MatchStrength {
    /// The same registrable domain.
    Exact,
    /// The same company name once case, accents, punctuation, legal forms and listing marks
    /// ("Class A", "(New)") are set aside.
    SameName,
    /// The same name up to typos, abbreviations, words run together or one descriptive word.
    Strong,
    /// One name may be the other's short form or initials: worth a look, not proof.
    Possible,
}

string_enum!(MatchStrength {
    Exact => "exact" / "Same domain",
    SameName => "same_name" / "Same name",
    Strong => "strong" / "Strong match",
    Possible => "possible" / "Possible match",
});

/// Another claim on the same customer, as managers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictFinding {
    pub level: ConflictLevel,
    pub strength: MatchStrength,
    /// 0 to 100, for ranking: 100 for the same domain, 95 for the same name, 50 to 89 for a
    /// strong match and 10 to 49 for a possible one. Findings come best first.
    pub score: u8,
    /// E.g. "same domain as registration R-1042 by Globex Consulting, approved 2026-10-02".
    pub reason: String,
    /// The matching registration, when the match is one.
    pub registration_id: Option<i64>,
    /// The matching account of the vendor's book, when the match is one.
    pub account_id: Option<i64>,
}
