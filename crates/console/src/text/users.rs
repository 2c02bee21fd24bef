//! `/manage/users`: every account, with role changes and deactivation.

pub const TITLE: &str = "Users";
pub const INTRO: &str = "Roles change within a side: partner user and partner admin, or partner \
                         manager and administrator. Deactivating someone signs them out at once.";
pub const LOADING: &str = "Loading users…";
pub const EMPTY: &str = "No users yet.";
pub const HEADERS: [&str; 7] = [
    "Name",
    "E-mail",
    "Role",
    "Organization",
    "Status",
    "Last sign-in",
    "Actions",
];

// --- What the status line says after a change

pub fn now_role(name: &str, role: &str) -> String {
    format!("{name} is now {role}.")
}

pub fn deactivated(name: &str) -> String {
    format!("{name} is deactivated and signed out.")
}

pub fn reactivated(name: &str) -> String {
    format!("{name} is active again.")
}

// --- One user's row

pub fn deactivate_question(name: &str) -> String {
    format!("Deactivate {name}? They are signed out at once.")
}

pub fn reactivate_question(name: &str) -> String {
    format!("Reactivate {name}?")
}

pub const DEACTIVATE: &str = "Deactivate";
pub const REACTIVATE: &str = "Reactivate";
pub const SAVING: &str = "Saving…";
pub const CONFIRM_DEACTIVATE: &str = "Yes, deactivate";
pub const CONFIRM_REACTIVATE: &str = "Yes, reactivate";
pub const ACTIVE: &str = "Active";
pub const DEACTIVATED: &str = "Deactivated";
/// After the signed-in person's own name.
pub const YOU: &str = " (you)";

pub fn role_for(name: &str) -> String {
    format!("Role for {name}")
}

pub const SAVE_ROLE: &str = "Save role";
pub const VENDOR_STAFF: &str = "Vendor staff";
pub const NEVER: &str = "Never";

pub fn confirm_for(name: &str) -> String {
    format!("Confirm for {name}")
}

pub const CANCEL: &str = "Cancel";
