//! The content desk for vendor staff: `/manage/content` lists every asset (search and state in
//! the address), `/manage/content/new` adds one with its file or link, and
//! `/manage/content/{id}` edits it: metadata, publish and archive, new file versions, a preview
//! of what partners read and how partners use it.

use leptos::prelude::*;
use portico_api::assets::AssetState;

mod asset_form;
mod desk;
mod manage_asset;
mod new_asset;
pub use desk::ContentDeskPage;
pub use manage_asset::ManageAssetPage;
pub use new_asset::NewAssetPage;

#[component]
fn StateBadge(state: AssetState, #[prop(optional)] id: &'static str) -> impl IntoView {
    view! {
        <span id=(!id.is_empty()).then_some(id) class=format!("badge badge-{}", state.as_str())>
            {state.label()}
        </span>
    }
}

/// What saving an edit needs: the asset, and how to show and load the result.
#[derive(Clone, Copy)]
struct Edit {
    id: i64,
    reload: Callback<()>,
    saved: RwSignal<Option<String>>,
}
