//! One asset of the content hub (`/content/{id}`); the page's title is the hub's.

pub const LOADING: &str = "Loading the asset…";
pub const BACK: &str = "← Content";
pub const OPEN_LINK: &str = "Open link";
pub const OPENS_IN_NEW_TAB: &str = " (opens in a new tab)";
pub const LANGUAGE: &str = "Language";
pub const PUBLISHED: &str = "Published";
pub const NOT_PUBLISHED: &str = "Not published";

pub fn download(file_name: &str) -> String {
    format!("Download {file_name}")
}

// --- A file's content type in words
pub const FILE_PDF: &str = "PDF";
pub const FILE_POWERPOINT: &str = "PowerPoint";
pub const FILE_WORD: &str = "Word";
pub const FILE_EXCEL: &str = "Excel";
pub const FILE_PNG: &str = "PNG image";
pub const FILE_JPEG: &str = "JPEG image";
pub const FILE_MP4: &str = "MP4 video";
pub const FILE_ZIP: &str = "ZIP archive";
