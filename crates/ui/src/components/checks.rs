//! A group of checkboxes in a fieldset, for choosing any number of values from a short list.

use leptos::prelude::*;

use crate::components::FieldState;
use crate::components::field::{FieldError, aria};

/// Checkboxes with ids `{id}-{value}`; `chosen` holds the checked values in the options' order.
#[component]
pub fn CheckGroup(
    /// The fieldset's id, and the prefix of each checkbox's id.
    #[prop(into)]
    id: String,
    legend: &'static str,
    #[prop(optional)] hint: &'static str,
    /// (value, label) pairs.
    options: Vec<(&'static str, &'static str)>,
    chosen: RwSignal<Vec<&'static str>>,
    /// Holds the group's error, shown under it; its id is the group's `id`.
    #[prop(optional)]
    field: Option<FieldState>,
) -> impl IntoView {
    let order: Vec<&'static str> = options.iter().map(|(value, _)| *value).collect();
    let hint_id = (!hint.is_empty()).then(|| format!("{id}-hint"));
    let (invalid, described_by) = match field {
        Some(field) => {
            let (invalid, described_by) = aria(field, hint_id.clone());
            (Some(invalid), described_by)
        }
        None => (None, Signal::stored(hint_id.clone())),
    };
    let boxes = options
        .into_iter()
        .map(|(value, text)| {
            let box_id = format!("{id}-{value}");
            let label_for = box_id.clone();
            let order = order.clone();
            let checked = Signal::derive(move || chosen.with(|c| c.contains(&value)));
            let toggle = move |ev| {
                let on = event_target_checked(&ev);
                chosen.update(|c| {
                    c.retain(|v| *v != value);
                    if on {
                        c.push(value);
                        c.sort_by_key(|v| order.iter().position(|o| o == v));
                    }
                });
            };
            view! {
                <label class="choice" for=label_for>
                    <input type="checkbox" id=box_id value=value prop:checked=checked on:change=toggle />
                    {text}
                </label>
            }
        })
        .collect_view();
    view! {
        // Focusable by script when it has an error to show, like a radio group.
        <fieldset
            class="field field-wide choices"
            id=id
            tabindex=field.map(|_| "-1")
            aria-invalid=invalid
            aria-describedby=described_by
        >
            <legend>{legend}</legend>
            {hint_id.map(|hint_id| view! { <p class="hint" id=hint_id>{hint}</p> })}
            {boxes}
            {field.map(|field| view! { <FieldError field /> })}
        </fieldset>
    }
}
