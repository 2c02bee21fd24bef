//! `/manage/content/new`: a new asset with its file or link.

use leptos::prelude::*;
use portico_ui::route::Route;

use portico_ui::dom::set_title;

use super::asset_form::{asset_form, blank};
use crate::text;

#[component]
pub fn NewAssetPage() -> impl IntoView {
    set_title(text::content::NEW_ASSET);
    view! {
        <section class="page">
            <p>
                <a href=Route::ContentDesk.href()>{text::content::BACK}</a>
            </p>
            <h1 id="asset-heading">{text::content::NEW_ASSET}</h1>
            <p class="muted">{text::content::NEW_IS_DRAFT}</p>
            {asset_form(blank(), None)}
        </section>
    }
}
