//! A webhook endpoint: how its health reads, and its settings form.

// --- Durations: "850 ms", "1.2 s", "12 min", "3.5 h"

pub fn milliseconds(ms: u64) -> String {
    format!("{ms} ms")
}

pub const SECONDS: &str = "s";
pub const MINUTES: &str = "min";
pub const HOURS: &str = "h";

// --- Health

/// "p50 850 ms · p95 1.2 s"
pub fn latency(p50: &str, p95: &str) -> String {
    format!("p50 {p50} · p95 {p95}")
}

pub const NOTHING_DELIVERED: &str = "Nothing delivered yet";

/// "97.3 % within 5 s, target 95 %"
pub fn within_target(percent: &str, within: &str, target: u8) -> String {
    format!("{percent} % within {within}, target {target} %")
}

/// "No events yet; target 95 % within 5 s"
pub fn no_events_target(target: u8, within: &str) -> String {
    format!("No events yet; target {target} % within {within}")
}

/// "12 delivered, 3 pending, 1 dead"
pub fn counts(delivered: u64, pending: u64, dead: u64) -> String {
    format!("{delivered} delivered, {pending} pending, {dead} dead")
}

pub const ENABLED: &str = "Enabled";
pub const PAUSED: &str = "Paused";
pub const STATE: &str = "State";
pub const EVENTS: &str = "Events";
pub const LATENCY: &str = "Latency";
pub const LATENCY_TARGET: &str = "Latency target";
pub const DELIVERIES: &str = "Deliveries";
pub const HEALTHY: &str = "Healthy";
pub const FAILING: &str = "Failing";
pub const BREACHING: &str = "Breaching target";
pub const LAST_ERROR: &str = "Last error: ";

// --- The settings form

pub const ENDPOINT_ADDED: &str = "Endpoint added.";
pub const SAVED: &str = "Saved.";
pub const ADD_ENDPOINT: &str = "Add endpoint";
pub const ADDING: &str = "Adding…";
pub const SAVE_CHANGES: &str = "Save changes";
pub const SAVING: &str = "Saving…";
pub const URL: &str = "URL";
pub const URL_HINT: &str = "https://… (plain http:// only to this machine, for local tests).";
pub const DESCRIPTION: &str = "Description";
pub const EVENTS_TO_SEND: &str = "Events to send";
pub const SLA_SECONDS: &str = "Latency target (seconds)";
pub const SLA_SECONDS_HINT: &str = "From the event to a successful delivery; 1 to 3,600.";
pub const SLA_PERCENT: &str = "Share within the target (%)";
pub const SLA_PERCENT_HINT: &str =
    "The endpoint breaches the target below this share of the last 24 hours' events.";
pub const ENABLED_CHOICE: &str = "Enabled: send events to this endpoint";
