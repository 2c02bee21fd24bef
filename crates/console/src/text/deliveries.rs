//! What the delivery lists share, a webhook endpoint's and the administrators' messages.

pub const ALL: &str = "All";
pub const STATES: &str = "Delivery states";

// --- An empty list of one state, or of all

pub const EMPTY_ALL: &str = "No deliveries yet.";
pub const EMPTY_PENDING: &str = "No deliveries are waiting to be sent.";
pub const EMPTY_DELIVERED: &str = "No deliveries have arrived yet.";
pub const EMPTY_DEAD: &str = "No dead deliveries: nothing to replay.";

// --- A delivery's time, followed by the time itself

pub const DELIVERED: &str = "Delivered ";
pub const NEXT_ATTEMPT: &str = "Next attempt ";
pub const NO_TIME: &str = "None";

/// What "Replay all dead" did.
pub fn replayed(n: u64) -> String {
    match n {
        0 => "There were no dead deliveries to replay.".to_owned(),
        1 => "1 dead delivery is queued to be sent again.".to_owned(),
        n => format!("{n} dead deliveries are queued to be sent again."),
    }
}

pub const REPLAY: &str = "Replay";
pub const REPLAYING: &str = "Replaying…";
