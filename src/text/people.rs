//! The partner admin's card of the organization's people and their certifications.

pub const TITLE: &str = "Certifications";
pub const INTRO: &str =
    "Who holds which certification, and until when. Some products and filings need one.";
pub const LOADING: &str = "Loading your people's certifications…";
