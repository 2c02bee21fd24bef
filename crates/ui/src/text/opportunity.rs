//! What both sides see of a deal of the shared pipeline: its facts and the shared notes.

pub const MOTION: &str = "Motion";
pub const STAGE: &str = "Stage";
pub const IN_STAGE_SINCE: &str = "In this stage since";
pub const VENDOR_OWNER: &str = "Vendor owner";
pub const NEXT_STEP: &str = "Next step";
pub const REGISTRATION: &str = "Registration";
pub const PROTECTION: &str = "Protection";
pub const LAST_UPDATED: &str = "Last updated";
pub const NO_NEXT_STEP: &str = "None yet";
pub const NO_OWNER: &str = "Not assigned yet";
pub const NO_REGISTRATION: &str = "None: added by the vendor";

// --- Shared notes

pub const NOTES: &str = "Shared notes";
pub const PARTNER_READS_NOTES: &str = "The partner reads these notes too.";
pub const VENDOR_READS_NOTES: &str = "The vendor's team reads these notes too.";
pub const NO_NOTES: &str = "No notes yet.";
pub const ADD_A_NOTE: &str = "Add a note";
pub const ADD_NOTE: &str = "Add note";
pub const ADDING: &str = "Adding…";
pub const NOTE_ADDED: &str = "Note added.";
