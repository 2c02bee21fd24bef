//! The client's own error messages, for failures before the server's answer could be read.

pub const NETWORK: &str = "The server could not be reached. Check your connection and try again.";
pub const BAD_RESPONSE: &str =
    "The server sent an answer this page does not understand. Please try again.";

/// A file refused by a limit in front of the server, which sends no message of its own.
pub fn file_too_large(max_mb: u64) -> String {
    format!("The file is too large: files can be at most {max_mb} MB.")
}
