//! `/manage/accounts`: the vendor's account book.

pub const TITLE: &str = "Accounts";
pub const INTRO: &str = "Customers that already have an owner. Every registration is checked \
                         against them; partners never see this list.";
pub const SEARCH_LABEL: &str = "Search by name or domain";
pub const SEARCH: &str = "Search";
pub const LOADING: &str = "Loading accounts…";
pub const EMPTY: &str = "No accounts match. Import your account book as CSV to check \
                         registrations against it.";
pub const HEADERS: [&str; 5] = ["Name", "Domain", "Owner", "Incumbent partner", "Actions"];

/// An account's alternative names, joined: "Also: Acme Inc; ACME".
pub fn also(names: &str) -> String {
    format!("Also: {names}")
}

pub const EDIT: &str = "Edit";

// --- Import from CSV

pub const IMPORT_TITLE: &str = "Import from CSV";
pub const IMPORT_INTRO: &str = "Columns: name, domain, owner and optionally incumbent_partner (a \
                                partner organization's exact name). A row whose domain is \
                                already in the book updates that account. If any row is wrong, \
                                nothing is imported.";
pub const MERGE: &str = "Import rows that name the same company (same domain, or same name \
                         without one) as one account, their names as alternative names";

/// "Imported: 2 new, 1 updated, 3 rows merged as alternative names."
pub fn imported(created: u32, updated: u32, merged: u32) -> String {
    let merged = match merged {
        0 => String::new(),
        1 => ", 1 row merged as an alternative name".to_owned(),
        n => format!(", {n} rows merged as alternative names"),
    };
    format!("Imported: {created} new, {updated} updated{merged}.")
}

// --- Add or edit an account

pub const NAME_OWNER: &str = "Name the account's owner at the vendor.";

pub fn saved(name: &str) -> String {
    format!("Saved {name}.")
}

pub fn added(name: &str) -> String {
    format!("Added {name}.")
}

pub const EDIT_TITLE: &str = "Edit the account";
pub const ADD_TITLE: &str = "Add an account";
pub const COMPANY_NAME: &str = "Company name";
pub const DOMAIN: &str = "Domain";
pub const OWNER: &str = "Owner at the vendor";
pub const ALTERNATIVE_NAMES: &str = "Alternative names";
pub const ALTERNATIVE_NAMES_HINT: &str = "One per line: other ways the company is written. \
                                          Registrations are checked against these too.";
pub const INCUMBENT: &str = "Incumbent partner";
pub const NO_INCUMBENT: &str = "None";
pub const SAVE: &str = "Save account";
pub const SAVING: &str = "Saving…";
pub const CANCEL_EDITING: &str = "Cancel editing";
