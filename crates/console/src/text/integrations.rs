//! `/manage/integrations`: the CRM card integrations, the issued card links and the webhook
//! endpoints.

pub const TITLE: &str = "Integrations";

// --- CRM cards

pub const CRM_CARDS: &str = "CRM cards";
pub const CRM_INTRO: &str = "HubSpot and Salesforce can show Portico's card of a deal on their \
                             deal pages. Set the origins allowed to frame the card and the CRM \
                             app's secret, then give the CRM the card and events addresses \
                             below.";

// These pieces form one sentence around two code samples: "A signed card URL is <scheme>,
// where the signature is the hex HMAC-SHA256 of the path plus <query> with the integration
// secret." Then a sentence of its own.
pub const CARD_URL_BEFORE_SCHEME: &str = "A signed card URL is ";
pub const CARD_URL_SCHEME: &str =
    "/embed/deals/{id}?exp=<unix seconds>&lid=<link id>&sig=<signature>";
pub const CARD_URL_BEFORE_QUERY: &str =
    ", where the signature is the hex HMAC-SHA256 of the path plus ";
pub const CARD_URL_QUERY: &str = "?exp=…&lid=…";
pub const CARD_URL_AFTER_QUERY: &str = " with the integration secret. Links signed without a \
                                        link id hold until they expire.";

pub const LOADING: &str = "Loading the integrations…";

// --- Issued card links

pub const ISSUED_LINKS: &str = "Issued card links";
pub const ISSUED_LINKS_INTRO: &str = "The card links made on deal and registration pages, newest \
                                      first. A revoked link's card says it was revoked; the other \
                                      links keep working. Links without a link id are not \
                                      listed: a new integration secret retires them all.";

// --- Webhooks

pub const WEBHOOKS: &str = "Webhooks";
pub const WEBHOOKS_INTRO: &str = "Portico posts events to these endpoints, signed per Standard \
                                  Webhooks. A failed delivery is retried for 24 hours, then \
                                  becomes a dead letter you can replay.";
pub const LOADING_ENDPOINTS: &str = "Loading the webhook endpoints…";

// --- One CRM's integration

pub const HUBSPOT_APP_SECRET: &str = "Client secret";
pub const SALESFORCE_APP_SECRET: &str = "Consumer secret";
pub const HUBSPOT_CARD_ENDPOINT: &str = "Card fetch URL: where HubSpot fetches the card";
pub const SALESFORCE_CARD_ENDPOINT: &str = "Canvas app URL: where Salesforce opens the card";
pub const HUBSPOT_APP_SECRET_HINT: &str =
    "The HubSpot app's client secret: HubSpot signs its card requests with it.";
pub const SALESFORCE_APP_SECRET_HINT: &str =
    "The connected app's consumer secret: Salesforce signs Canvas requests with it.";

/// `crm` is the CRM's name: "Addresses to give HubSpot".
pub fn addresses_for(crm: &str) -> String {
    format!("Addresses to give {crm}")
}

pub fn copy_card_address(crm: &str) -> String {
    format!("Copy the {crm} card address")
}

pub const EVENTS_ENDPOINT: &str =
    "Deal events URL: where the CRM posts what happens to linked deals";

pub fn copy_events_address(crm: &str) -> String {
    format!("Copy the {crm} events address")
}

pub const SET_UP: &str = "Set up";
pub const NOT_SET_UP: &str = "Not set up yet";
pub const SECRET_SAVED: &str = "Saved";
pub const NO_SECRET: &str = "None";
pub const NO_SECRET_YET: &str = "None yet";

/// When the integration secret was made.
pub fn made(at: &str) -> String {
    format!("Made {at}")
}

pub const STATE: &str = "State";
pub const INTEGRATION_SECRET: &str = "Integration secret";

// --- Its settings

pub const SAVED: &str = "Saved.";
pub const SECRET_KEPT: &str = "A secret is saved: leave empty to keep it";
pub const NO_SECRET_SAVED: &str = "No secret saved yet";
pub const FRAME_ORIGINS: &str = "Frame origins";
pub const FRAME_ORIGINS_HINT: &str = "One a line, e.g. https://app.hubspot.com or \
                                      https://*.lightning.force.com; ten at most.";
pub const REMOVE_SECRET: &str = "Remove the saved secret";
pub const SAVE: &str = "Save";
pub const SAVING: &str = "Saving…";

// --- A new integration secret

pub const NEW_SECRET_QUESTION: &str = "Make a new integration secret? The current one stops \
                                       working at once: signed card links and CRM events made \
                                       with it are refused.";
pub const SECRET_SIGNS: &str =
    "The integration secret signs card links and the events the CRM posts.";
pub const GENERATE_SECRET: &str = "Generate new integration secret";
pub const GENERATING: &str = "Generating…";
pub const NEW_SECRET: &str = "The new integration secret";

// --- Webhook endpoints

pub fn list_not_reloaded(reason: &str) -> String {
    format!("The endpoint is added, but the list could not be loaded again: {reason}")
}

pub const NO_ENDPOINTS: &str = "No webhook endpoints yet. Add one below.";
pub const ADD_ENDPOINT: &str = "Add an endpoint";
pub const SIGNING_SECRET: &str = "The endpoint's signing secret";
pub const HEADERS: [&str; 7] = [
    "Endpoint",
    "Events",
    "State",
    "Latency",
    "Latency target",
    "Last 24 hours",
    "Health",
];
