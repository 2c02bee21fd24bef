//! Each field's value and error, checking a form before it is sent, and showing what the server
//! said about it next to the fields it names.

use leptos::prelude::*;
use portico_api::FieldErrors;

use crate::api::ApiError;
use crate::dom::focus_by_id;

/// One input's value and error. Errors appear when the person leaves a field they filled in or
/// submits the form, and disappear as soon as the value is fixed.
#[derive(Clone, Copy)]
pub struct FieldState {
    id: StoredValue<String>,
    pub value: RwSignal<String>,
    pub error: RwSignal<Option<String>>,
    check: Callback<String, Option<String>>,
    /// Another field whose check reads this one (a password's confirmation).
    dependent: StoredValue<Option<FieldState>>,
}

impl FieldState {
    pub fn new(
        id: impl Into<String>,
        check: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> FieldState {
        FieldState {
            id: StoredValue::new(id.into()),
            value: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            check: Callback::new(move |value: String| check(&value)),
            dependent: StoredValue::new(None),
        }
    }

    /// A field with no rules of its own (a select whose choices are all valid).
    pub fn plain(id: impl Into<String>, value: &str) -> FieldState {
        let field = FieldState::new(id, |_| None);
        field.value.set(value.to_owned());
        field
    }

    pub fn id(self) -> String {
        self.id.get_value()
    }

    /// When this field changes, `other` is checked again if it shows an error.
    pub fn revalidates(self, other: FieldState) {
        self.dependent.set_value(Some(other));
    }

    /// Checks the current value and shows the result; true when it is fine.
    pub fn validate(self) -> bool {
        let error = self.check.run(self.value.get_untracked());
        let ok = error.is_none();
        self.error.set(error);
        ok
    }

    pub fn input(self, value: String) {
        self.value.set(value);
        for field in [Some(self), self.dependent.get_value()]
            .into_iter()
            .flatten()
        {
            if field.error.with_untracked(Option::is_some) {
                field.validate();
            }
        }
    }

    pub fn blur(self) {
        if !self.value.with_untracked(String::is_empty) {
            self.validate();
        }
    }

    pub fn get(self) -> String {
        self.value.get_untracked()
    }
}

/// Checks every field (showing each error) and focuses the first that needs attention.
pub fn validate_all(fields: &[FieldState]) -> bool {
    // Every field is checked (no short-circuit), so every error shows at once.
    let failed = fields.iter().map(|f| f.validate()).filter(|ok| !ok).count();
    let valid = failed == 0;
    if !valid {
        focus_first_error(fields);
    }
    valid
}

/// Shows per-field messages (the server's, or a request's own `validate()`) next to the matching
/// inputs; `map` pairs the request's field names with the form's fields. Returns whether any
/// field matched.
pub fn show_field_errors(fields: &FieldErrors, map: &[(&str, FieldState)]) -> bool {
    let mut any = false;
    for (name, field) in map {
        if let Some(message) = fields.get(*name) {
            field.error.set(Some(message.clone()));
            any = true;
        }
    }
    if any {
        let fields: Vec<FieldState> = map.iter().map(|(_, f)| *f).collect();
        focus_first_error(&fields);
    }
    any
}

/// Shows a failed submission: per-field messages next to the fields they name, and the
/// server's sentence in the form's alert unless the fields already say it all.
pub fn show_error(
    error: ApiError,
    map: &[(&str, FieldState)],
    form_error: RwSignal<Option<String>>,
) {
    let matched = show_field_errors(&error.fields, map);
    if !matched || error.status != 422 {
        form_error.set(Some(error.message));
    }
}

/// Moves focus to the first field that shows an error, so keyboard and screen-reader users land
/// where the work is.
pub fn focus_first_error(fields: &[FieldState]) {
    if let Some(field) = fields
        .iter()
        .find(|f| f.error.with_untracked(Option::is_some))
    {
        focus_by_id(&field.id());
    }
}

/// Starts a form submission unless one is under way: clears the form's message and checks
/// every field. True when the request should be sent.
pub fn begin_submit(
    busy: RwSignal<bool>,
    form_error: RwSignal<Option<String>>,
    fields: &[FieldState],
) -> bool {
    if busy.get_untracked() {
        return false;
    }
    form_error.set(None);
    validate_all(fields)
}
