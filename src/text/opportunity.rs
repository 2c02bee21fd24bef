//! One deal of the partner's shared pipeline (`/opportunities/{id}`).

pub const TITLE: &str = "Opportunity";
pub const LOADING: &str = "Loading the opportunity…";
pub const BACK: &str = "← Pipeline";
