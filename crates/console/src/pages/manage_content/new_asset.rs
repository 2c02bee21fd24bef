//! `/manage/content/new`: a new asset with its file or link.

use leptos::prelude::*;
use portico_ui::route::Route;

use portico_ui::dom::set_title;

use super::asset_form::{AssetForm, blank};

#[component]
pub fn NewAssetPage() -> impl IntoView {
    set_title("New asset");
    view! {
        <section class="page">
            <p><a href=Route::ContentDesk.href()>"← Content desk"</a></p>
            <h1 id="asset-heading">"New asset"</h1>
            <p class="muted">"A new asset is a draft: partners see it once it is published."</p>
            <AssetForm initial=blank() edit=None />
        </section>
    }
}
