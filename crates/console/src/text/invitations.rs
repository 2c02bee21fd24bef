//! `/manage/invitations`: invite a person and follow pending invitations.

pub const TITLE: &str = "Invitations";
pub const PENDING: &str = "Pending invitations";
pub const LOADING: &str = "Loading pending invitations…";
pub const EMPTY: &str = "No pending invitations. Invitations you create appear here until they \
                         are accepted or expire.";

// --- Invite someone

pub const CHOOSE_ORGANIZATION_ERROR: &str = "Choose the partner organization.";
pub const ADMIN_EXPLANATION: &str = "Partner users and admins join one partner organization; \
                                     vendor staff (partner managers and administrators) belong \
                                     to none.";
pub const MANAGER_EXPLANATION: &str = "Partner users and admins join one partner organization. \
                                       Only administrators can invite vendor staff.";
pub const INVITE: &str = "Invite someone";
pub const EMAIL: &str = "E-mail address";
pub const ROLE: &str = "Role";
pub const ORGANIZATION: &str = "Organization";
pub const LOADING_ORGANIZATIONS: &str = "Loading organizations…";
pub const CHOOSE_ORGANIZATION: &str = "Choose an organization";
pub const CREATE: &str = "Create invitation";
pub const CREATING: &str = "Creating invitation…";

// --- The link just made

/// Who is invited to a partner organization: "dana@example.com (Partner user at Acme)".
pub fn invitee_at(email: &str, role: &str, organization: &str) -> String {
    format!("{email} ({role} at {organization})")
}

/// `whom` is the e-mail address, with the role.
pub fn created_for(whom: &str) -> String {
    format!("Invitation created for {whom}.")
}

// These two form one sentence around the expiry time: "Send them this link. It is shown only
// this once and works until <time>."
pub const SEND_LINK: &str = " Send them this link. It is shown only this once and works until ";
pub const SEND_LINK_END: &str = ".";
pub const COPY_LINK: &str = "Copy link";

// --- Pending invitations

pub const HEADERS: [&str; 6] = [
    "E-mail",
    "Role",
    "Organization",
    "Invited by",
    "Expires",
    "Actions",
];
pub const VENDOR_STAFF: &str = "Vendor staff";
