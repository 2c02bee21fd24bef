//! Words several console pages share.

/// How long something has waited: "5 h", "2 d 4 h".
pub fn waited(hours: i64) -> String {
    match (hours / 24, hours % 24) {
        (0, h) => format!("{h} h"),
        (d, 0) => format!("{d} d"),
        (d, h) => format!("{d} d {h} h"),
    }
}

/// A number of days: "90 days", "1 day".
pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}
