//! Choosing a new password: the two fields checked as the person types, and the hint.

use crate::components::FieldState;
use crate::text;
use leptos::prelude::*;
use portico_api::validate;

// Kept here too, where the portal's pages have always found it.
pub use crate::text::fields::NEW_PASSWORD_HINT;

/// A new password and its confirmation, checked as the person types (the server also refuses
/// the most common passwords).
pub fn new_password_fields(id: &'static str) -> (FieldState, FieldState) {
    let password = FieldState::new(id, |v| validate::new_password(v).err().map(str::to_owned));
    let confirm = FieldState::new(format!("{id}-confirm"), move |v| {
        if v.is_empty() {
            Some(text::fields::ENTER_PASSWORD_AGAIN.to_owned())
        } else if v != password.value.get_untracked() {
            Some(text::fields::PASSWORDS_DIFFER.to_owned())
        } else {
            None
        }
    });
    password.revalidates(confirm);
    (password, confirm)
}
