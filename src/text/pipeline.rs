//! The partner's pipeline (`/pipeline`).

pub const TITLE: &str = "Pipeline";
pub const INTRO: &str = "Your organization's deals as they move through the vendor's stages. \
    Open one to read and add shared notes.";
