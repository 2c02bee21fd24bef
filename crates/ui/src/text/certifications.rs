//! The table of an organization's people and their certifications.

pub const HEADERS: &[&str] = &["Person", "Certification", "Earned", "Expires", "Status"];
pub const NONE_HELD: &str = "Nobody here holds a certification yet.";
pub fn unassigned(names: &[String]) -> String {
    format!(
        "Held by the organization before certifications were recorded per person: {}.",
        names.join(", ")
    )
}
/// A release cut the validity short.
pub fn renew_for(release: &str) -> String {
    format!("(renew for {release})")
}
