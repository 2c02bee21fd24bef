//! Form fields: the optional mark, a new password's checks and hint, and file uploads.

pub const OPTIONAL: &str = " (optional)";

// --- A new password

pub const ENTER_PASSWORD_AGAIN: &str = "Enter the password again.";
pub const PASSWORDS_DIFFER: &str = "The two passwords are not the same.";
pub const NEW_PASSWORD_HINT: &str = "At least 12 characters, and not one of the most common passwords. A few unrelated words make a strong one.";

// --- A file to upload

pub const CHOOSE_FILE: &str = "Choose a file to upload.";

/// A chosen file over the limit, e.g. "deck.pdf is 120 MB: files can be at most 100 MB. …".
pub fn file_too_large(name: &str, size: &str, max: &str) -> String {
    format!("{name} is {size}: files can be at most {max}. Make it smaller, or share it as a link.")
}

/// The file types allowed, and the size limit.
pub fn upload_hint(types: &str, max: &str) -> String {
    format!("{types}; at most {max}.")
}

pub fn uploading(percent: u8) -> String {
    format!("Uploading… {percent}%")
}

pub const UPLOAD_COMPLETE: &str = "Upload complete.";
pub const UPLOAD_FAILED: &str = "The upload did not go through.";
pub const UPLOAD_PROGRESS: &str = "Upload progress";
