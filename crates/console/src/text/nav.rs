//! The console's main navigation.

pub const HOME: &str = "Home";
pub const DEALS: &str = "Deals";
pub const REGISTRATIONS: &str = "Registrations";
pub const PIPELINE: &str = "Pipeline";
pub const ACCOUNTS: &str = "Accounts";
pub const PRODUCTS: &str = "Products";
pub const CHANNEL_DATA: &str = "Channel data";
pub const PARTNERS: &str = "Partners";
pub const INVITATIONS: &str = "Invitations";
pub const NUMBERS: &str = "Numbers";
pub const TIERS: &str = "Tiers";
pub const CERTIFICATIONS: &str = "Certifications";
pub const ONBOARDING: &str = "Onboarding";
pub const INCENTIVES: &str = "Incentives";
pub const LEDGER: &str = "Ledger";
pub const PAYOUTS: &str = "Payouts";
pub const PLANS: &str = "Commission plans";
pub const CONTENT: &str = "Content";
pub const ANNOUNCEMENTS: &str = "Announcements";
pub const SETTINGS: &str = "Settings";
pub const INTEGRATIONS: &str = "Integrations";
pub const USERS: &str = "Users";
pub const MESSAGES: &str = "Messages";
pub const SECURITY: &str = "Security";
