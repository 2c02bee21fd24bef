//! `/manage/security`: the portal's sign-in rules.

pub const TITLE: &str = "Security settings";
pub const LOADING: &str = "Loading the settings…";
pub const SAVED: &str = "Saved.";
pub const REQUIRE_TWO_FACTOR: &str = "Require two-factor sign-in for managers and administrators";
pub const REQUIRE_TWO_FACTOR_HINT: &str = "Staff without it can only set it up, or sign out, \
                                           until they do: you too, if you have not set it up \
                                           yet. Partners choose for themselves.";
pub const SAVE: &str = "Save";
pub const SAVING: &str = "Saving…";
