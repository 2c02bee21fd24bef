//! Form fields with a label, an optional hint and a per-field error tied to the input; each
//! field's value and error, and a form's submission, are in `state`.

use leptos::prelude::*;

use crate::text;

mod state;

pub use state::*;

/// `aria-invalid` and `aria-describedby` for a control with an error line (and maybe a hint).
pub(crate) fn aria(
    field: FieldState,
    hint_id: Option<String>,
) -> (Signal<&'static str>, Signal<Option<String>>) {
    let error_id = format!("{}-error", field.id());
    let invalid = Signal::derive(move || {
        if field.error.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    });
    let described_by = Signal::derive(move || {
        let error = field
            .error
            .with(Option::is_some)
            .then_some(error_id.as_str());
        let ids: Vec<&str> = hint_id.as_deref().into_iter().chain(error).collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    });
    (invalid, described_by)
}

/// A labelled text input with its error message.
#[component]
pub fn TextField(
    field: FieldState,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] hint: &'static str,
    /// Not required: the label says "(optional)".
    #[prop(optional)]
    optional: bool,
    /// E.g. `min` for a date: the browser's own picker respects it.
    #[prop(optional, into)]
    min: Option<Signal<String>>,
    /// Shown in the empty input; never the only place something is said.
    #[prop(optional, into)]
    placeholder: MaybeProp<String>,
) -> impl IntoView {
    let id = field.id();
    let hint_id = (!hint.is_empty()).then(|| format!("{id}-hint"));
    let (invalid, described_by) = aria(field, hint_id.clone());
    view! {
        <div class="field">
            <Label id=id.clone() label optional />
            {hint_id.map(|hint_id| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <input
                id=id.clone()
                name=id
                type=kind
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                required=!optional
                min=min
                placeholder=move || placeholder.get()
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=field.value
                on:input=move |ev| field.input(event_target_value(&ev))
                on:blur=move |_| field.blur()
            />
            <FieldError field />
        </div>
    }
}

/// A field's label, marking optional fields.
#[component]
fn Label(id: String, label: &'static str, optional: bool) -> impl IntoView {
    view! {
        <label for=id>
            {label}
            {optional.then(|| view! { <span class="optional">{text::fields::OPTIONAL}</span> })}
        </label>
    }
}

/// A labelled multi-line input with its error message.
#[component]
pub fn TextArea(
    field: FieldState,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    let id = field.id();
    let hint_id = (!hint.is_empty()).then(|| format!("{id}-hint"));
    let (invalid, described_by) = aria(field, hint_id.clone());
    view! {
        <div class="field field-wide">
            <Label id=id.clone() label optional />
            {hint_id.map(|hint_id| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <textarea
                id=id.clone()
                name=id
                rows="4"
                required=!optional
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=field.value
                on:input=move |ev| field.input(event_target_value(&ev))
                on:blur=move |_| field.blur()
            ></textarea>
            <FieldError field />
        </div>
    }
}

/// A group of radio buttons in a fieldset; `options` are (value, label) pairs.
#[component]
pub fn RadioGroup(
    field: FieldState,
    legend: &'static str,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let name = field.id();
    let (invalid, described_by) = aria(field, None);
    let buttons = options
        .into_iter()
        .map(|(value, text)| {
            let id = format!("{name}-{value}");
            let label_for = id.clone();
            let checked = Signal::derive(move || field.value.with(|v| v == value));
            view! {
                <label class="choice" for=label_for>
                    <input
                        type="radio"
                        id=id
                        name=name.clone()
                        value=value
                        prop:checked=checked
                        on:change=move |_| field.input(value.to_owned())
                    />
                    {text}
                </label>
            }
        })
        .collect_view();
    view! {
        // Focusable by script, so a failed submit can move focus to the group.
        <fieldset
            class="field field-wide choices"
            id=field.id()
            tabindex="-1"
            aria-invalid=invalid
            aria-describedby=described_by
        >
            <legend>{legend}</legend>
            {buttons}
            <FieldError field />
        </fieldset>
    }
}

/// A labelled select; `options` are (value, label) pairs, `placeholder` an empty first choice.
#[component]
pub fn SelectField(
    field: FieldState,
    #[prop(into)] label: String,
    options: Vec<(String, String)>,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] hide_label: bool,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let id = field.id();
    let (invalid, described_by) = aria(field, None);
    let placeholder = (!placeholder.is_empty()).then(|| (String::new(), placeholder.to_owned()));
    let options = placeholder
        .into_iter()
        .chain(options)
        .map(|(value, text)| {
            let selected = {
                let value = value.clone();
                Signal::derive(move || field.value.with(|v| *v == value))
            };
            view! {
                <option value=value prop:selected=selected>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone() class:visually-hidden=hide_label>
                {label}
            </label>
            <select
                id=id.clone()
                name=id
                disabled=disabled
                aria-invalid=invalid
                aria-describedby=described_by
                on:change=move |ev| field.input(event_target_value(&ev))
            >
                {options}
            </select>
            <FieldError field />
        </div>
    }
}

/// The error line under a field: always present so screen readers hear it change.
#[component]
pub fn FieldError(field: FieldState) -> impl IntoView {
    view! {
        <p class="field-error" id=format!("{}-error", field.id()) aria-live="polite">
            {field.error}
        </p>
    }
}

pub fn pairs<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|&t| (value(t), label(t))).collect()
}

/// `pairs` as a select's owned options.
pub fn owned_pairs<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|&t| (value(t).to_owned(), label(t).to_owned()))
        .collect()
}

/// One yes-or-no choice: a checkbox with its label after it.
#[component]
pub fn CheckBox(
    id: &'static str,
    label: &'static str,
    checked: RwSignal<bool>,
    /// Classes besides `choice`, for where the box sits.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    view! {
        <label class=format!("choice {class}") for=id>
            <input
                type="checkbox"
                id=id
                prop:checked=checked
                on:change=move |ev| checked.set(event_target_checked(&ev))
            />
            {label}
        </label>
    }
}
