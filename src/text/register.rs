//! Registering a deal or a lead (`/registrations/new`, and the organization's link).

pub const TITLE: &str = "Register a deal or lead";
// One sentence around the organization's name, on a registration link's form.
pub const FOR_BEFORE_NAME: &str = "For ";
pub const FOR_AFTER_NAME: &str =
    ": the registration is theirs, and their partner manager follows it up.";

// The confirmation: "Registration R-1001 received".
pub const RECEIVED_BEFORE_NUMBER: &str = "Registration ";
pub const RECEIVED_AFTER_NUMBER: &str = " received";
pub const STATUS: &str = "Status: ";
pub const VIEW: &str = "View the registration";
pub const ALL: &str = "All our registrations";
pub const ANOTHER: &str = "Register another";

// One paragraph explaining the two kinds, with the kinds in bold.
pub const KINDS_BEFORE_DEAL: &str = "A ";
pub const KINDS_DEAL: &str = "deal";
pub const KINDS_BEFORE_LEAD: &str = " is a qualified opportunity with a value and a close date. A ";
pub const KINDS_LEAD: &str = "lead";
pub const KINDS_AFTER_LEAD: &str = " is early interest: it needs no products, value or close date. Every field is required unless it says optional.";

pub const YOU: &str = "You";
pub const YOUR_NAME: &str = "Your name";
pub const YOUR_EMAIL: &str = "Your e-mail";
pub const KIND: &str = "What are you registering?";
pub const DEAL: &str = "Deal";
pub const LEAD: &str = "Lead";
pub const CUSTOMER: &str = "Customer";
pub const COMPANY_NAME: &str = "Company name";
pub const DOMAIN: &str = "Website or domain";
pub const DOMAIN_HINT: &str = "For example acme.com or https://www.acme.com";
pub const COUNTRY: &str = "Country";
pub const CHOOSE_COUNTRY: &str = "Choose a country";
pub const CONTACT: &str = "Contact at the customer";
pub const CONTACT_NAME: &str = "Name";
pub const CONTACT_EMAIL: &str = "E-mail";
pub const CONTACT_TITLE: &str = "Title";
pub const OPPORTUNITY: &str = "Opportunity";
pub const MOTION: &str = "Motion";
pub const CHOOSE_MOTION: &str = "Choose the motion";
pub const VALUE: &str = "Estimated value";
pub const VALUE_HINT: &str = "Whole amount, e.g. 250000";
pub const CURRENCY: &str = "Currency";
pub const CHOOSE_CURRENCY: &str = "Choose a currency";
pub const CLOSE: &str = "Expected close date";
pub const CLOSE_HINT: &str = "Within the next 18 months";
pub const USE_CASE: &str = "Use case";
pub const USE_CASE_HINT: &str = "What the customer wants to achieve, in a few sentences";
pub const ROLE: &str = "Your role in this opportunity";
pub const SUBMIT: &str = "Submit registration";
pub const SUBMITTING: &str = "Submitting…";

pub const PRODUCTS: &str = "Products";
pub const PRODUCTS_LOADING: &str = "Loading products…";

// Checks the form makes beyond the shared rules.
pub const CHOOSE_PRODUCT: &str = "Choose at least one product.";
pub const AT_MOST_100: &str = "Use at most 100 characters.";
pub const CHOOSE_MOTION_ERROR: &str = "Choose the motion.";
pub const CHOOSE_ROLE: &str = "Say whether you sourced or are influencing it.";
pub const ENTER_VALUE: &str = "Enter the estimated deal value.";
pub const VALUE_DIGITS: &str = "Enter a whole amount in digits, like 250000.";
