//! Choosing a new password: the two fields checked as the person types, and the hint.

use crate::components::FieldState;
use leptos::prelude::*;
use portico_api::validate;

/// A new password and its confirmation, checked as the person types (the server also refuses
/// the most common passwords).
pub fn new_password_fields(id: &'static str) -> (FieldState, FieldState) {
    let password = FieldState::new(id, |v| validate::new_password(v).err().map(str::to_owned));
    let confirm = FieldState::new(format!("{id}-confirm"), move |v| {
        if v.is_empty() {
            Some("Enter the password again.".to_owned())
        } else if v != password.value.get_untracked() {
            Some("The two passwords are not the same.".to_owned())
        } else {
            None
        }
    });
    password.revalidates(confirm);
    (password, confirm)
}

pub const NEW_PASSWORD_HINT: &str = "At least 12 characters, and not one of the most common passwords. A few unrelated words make a strong one.";
