//! An asset's tags: its kind, motions, industries and use cases as labels.

use leptos::prelude::*;
use portico_api::assets::AssetCard;

use crate::text;

/// What an asset is about, as tags: its motions, industries and use cases.
pub fn tags(card: &AssetCard) -> Vec<String> {
    card.motions
        .iter()
        .map(|m| m.label().to_owned())
        .chain(card.industries.iter().cloned())
        .chain(card.use_cases.iter().cloned())
        .collect()
}

#[component]
pub fn Tags(tags: Vec<String>) -> impl IntoView {
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="tags" aria-label=text::common::TAGS>
                {tags.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
            </ul>
        }
    })
}
