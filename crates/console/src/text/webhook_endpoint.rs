//! `/manage/integrations/webhooks/{id}`: one webhook endpoint, its signing secret and its
//! deliveries.

pub const TITLE: &str = "Webhook endpoint";
pub const BACK: &str = "← Integrations";
pub const LOADING: &str = "Loading the endpoint…";
pub const HEALTH: &str = "Health summary, last 24 hours";
pub const SETTINGS: &str = "Settings";

// --- The signing secret

pub const SIGNING_SECRET: &str = "Signing secret";
pub const SIGNING_SECRET_INTRO: &str = "Each delivery is signed with this secret (Standard \
                                        Webhooks: the webhook-id, webhook-timestamp and \
                                        webhook-signature headers), so the receiver can check it \
                                        came from Portico.";
pub const MAKE_SECRET: &str = "Make a new signing secret";
pub const MAKING_SECRET: &str = "Making a new secret…";
pub const NEW_SECRET_QUESTION: &str = "Make a new signing secret? The current one stops working \
                                       at once: the receiver must check signatures with the new \
                                       one.";
pub const NEW_SECRET: &str = "The new signing secret";

// --- Deliveries

pub const DELIVERIES: &str = "Deliveries";

pub fn health_not_reloaded(reason: &str) -> String {
    format!("The health figures could not be loaded again: {reason}")
}

pub const LOADING_DELIVERIES: &str = "Loading deliveries…";
pub const HEADERS: [&str; 10] = [
    "Message",
    "Event",
    "Subject",
    "State",
    "Attempts",
    "Created",
    "Delivered or next attempt",
    "Latency",
    "Last answer",
    "Actions",
];

/// The button, with the number of dead deliveries: "Replay all dead (3)".
pub fn replay_all(dead: u64) -> String {
    format!("Replay all dead ({dead})")
}

pub const REPLAYING: &str = "Replaying…";

/// `message` is the delivery's message id.
pub fn queued_again(message: &str) -> String {
    format!("Delivery {message} is queued to be sent again.")
}
