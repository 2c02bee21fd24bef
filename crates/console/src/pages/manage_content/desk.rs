//! `/manage/content`: every asset, with search and state in the address.

use leptos::prelude::*;
use portico_api::assets::AssetQuery;
use portico_api::assets::{AssetCard, AssetState};
use portico_ui::query::{asset_query, asset_query_text};
use portico_ui::route::Route;

use portico_ui::api;
use portico_ui::components::Day;
use portico_ui::components::{DataTable, FieldState, Paged, PagedList, SelectField};
use portico_ui::dom::{on_submit, set_title};
use portico_ui::location::use_location;

use super::StateBadge;
use crate::text;

#[component]
pub fn ContentDeskPage() -> impl IntoView {
    set_title(text::content::DESK);
    let location = use_location();
    let filters = Memo::new(move |_| asset_query(&location.search(), true));
    view! {
        <section class="page">
            <div class="page-head">
                <h1 id="desk-heading">{text::content::DESK}</h1>
                <div class="actions">
                    <a id="new-asset" class="button" href=Route::NewAsset.href()>
                        {text::content::NEW_ASSET}
                    </a>
                    <a id="usage-link" class="button secondary-link" href=Route::ContentUsage.href()>
                        {text::content::USAGE_REPORT}
                    </a>
                </div>
            </div>
            <p class="muted">
                {text::content::DESK_INTRO}
            </p>
            <DeskFilters filters />
            {move || view! { <DeskTable filters=filters.get() /> }}
        </section>
    }
}

#[component]
fn DeskFilters(filters: Memo<AssetQuery>) -> impl IntoView {
    let location = use_location();
    let q = RwSignal::new(String::new());
    let state = FieldState::plain("desk-state", "");
    Effect::new(move |_| {
        let f = filters.get();
        q.set(f.q.unwrap_or_default());
        state
            .value
            .set(f.state.map_or("", AssetState::as_str).to_owned());
    });
    let apply = move || {
        let words = q.get_untracked().trim().to_owned();
        let chosen = AssetQuery {
            q: Some(words).filter(|w| !w.is_empty()),
            state: AssetState::parse(&state.get()),
            ..AssetQuery::default()
        };
        location.go(&Route::ContentDesk.with_query(&asset_query_text(&chosen)));
    };
    let states = AssetState::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    view! {
        <form class="form form-grid filters" role="search" aria-label=text::content::FILTER novalidate on:submit=on_submit(apply)>
            <div class="field">
                <label for="desk-q">{text::content::SEARCH}</label>
                <input
                    id="desk-q"
                    name="q"
                    type="search"
                    autocomplete="off"
                    prop:value=q
                    on:input=move |ev| q.set(event_target_value(&ev))
                />
            </div>
            <SelectField
                field=state
                label=text::content::STATE
                options=states
                placeholder=text::content::DRAFTS_AND_PUBLISHED
            />
            <div class="actions">
                <button id="desk-apply" type="submit" class="primary">
                    {text::content::APPLY_FILTERS}
                </button>
                <a class="button secondary-link" href=Route::ContentDesk.href()>
                    {text::content::CLEAR}
                </a>
            </div>
        </form>
    }
}

#[component]
fn DeskTable(filters: AssetQuery) -> impl IntoView {
    let query = asset_query_text(&filters);
    let list = Paged::new(move |cursor: Option<String>| {
        let query = query.clone();
        async move {
            let found = api::assets(&query, cursor.as_deref()).await?;
            Ok(portico_api::Page {
                items: found.items,
                next_cursor: found.next_cursor,
            })
        }
    });
    let items = list.items;
    view! {
        <PagedList
            list=list.controls()
            loading=text::content::LOADING_ASSETS
            empty=text::content::NO_ASSETS
        >
            <DataTable id="desk-table" labelled_by="desk-heading" headers=&text::content::DESK_HEADERS>
                {move || items.get().into_iter().map(desk_row).collect_view()}
            </DataTable>
        </PagedList>
    }
}

fn desk_row(card: AssetCard) -> impl IntoView {
    let href = Route::ManageAsset { id: card.id }.href();
    view! {
        <tr>
            <th scope="row"><a href=href>{card.title}</a></th>
            <td>{card.kind.label()}</td>
            <td><StateBadge state=card.state /></td>
            <td>{card.published_at.map(|value| view! { <Day value /> })}</td>
        </tr>
    }
}
