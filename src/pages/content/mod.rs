//! `/content`: the partner hub. Partners search the published assets they may see, narrow them
//! by kind, motion, industry and use case (each with its count), sort them and open one. Vendor
//! staff see the hub as partners do, with every published asset. Words, filters and sort live in
//! the address, so a view can be linked.

use leptos::prelude::*;
use portico_api::Page;
use portico_api::assets::{
    AssetCard, AssetQuery, AssetSort, COUNT_CAP, Facets, QUERY_MAX, search_words,
};
use portico_ui::query::{asset_query, asset_query_text};
use portico_ui::route::Route;

use crate::text;
use portico_ui::api;
use portico_ui::components::Tags;
use portico_ui::components::field::{FieldError, FieldState, focus_first_error};
use portico_ui::components::tags;
use portico_ui::components::{Paged, PagedList};
use portico_ui::dom::{on_submit, set_title};
use portico_ui::location::use_location;

mod facets;

use facets::{Facet, FacetPanel};

/// The hub's address for a query.
fn href(query: &AssetQuery) -> String {
    Route::Content.with_query(&asset_query_text(query))
}

/// Whether words or a facet narrow the list.
fn narrowed(query: &AssetQuery) -> bool {
    query.q.is_some() || Facet::ALL.iter().any(|f| f.chosen(query).is_some())
}

#[component]
pub fn ContentPage() -> impl IntoView {
    set_title(text::content::TITLE);
    let location = use_location();
    let filters = Memo::new(move |_| asset_query(&location.search(), false));
    view! {
        <section class="page">
            <h1 id="content-heading">{text::content::TITLE}</h1>
            <p class="muted">{text::content::INTRO}</p>
            <SearchForm filters />
            {move || view! { <Results filters=filters.get() /> }}
        </section>
    }
}

/// The words to search for and the order; both move to the matching address. The words are
/// checked by the server's rules (how many, how long) before they are sent.
#[component]
fn SearchForm(filters: Memo<AssetQuery>) -> impl IntoView {
    let location = use_location();
    let q = FieldState::new("content-q", |q| search_words(q).err().map(str::to_owned));
    // The box follows the address, also on the back and forward buttons.
    Effect::new(move |_| {
        q.value
            .set(filters.with(|f| f.q.clone().unwrap_or_default()))
    });
    let search = move || {
        if !q.validate() {
            focus_first_error(&[q]);
            return;
        }
        let words = q.get().trim().to_owned();
        let chosen = AssetQuery {
            q: Some(words).filter(|w| !w.is_empty()),
            ..filters.get_untracked()
        };
        location.go(&href(&chosen));
    };
    let sort = move |ev| {
        let chosen = AssetQuery {
            sort: AssetSort::parse(&event_target_value(&ev)),
            ..filters.get_untracked()
        };
        location.go(&href(&chosen));
    };
    let current_sort = move || filters.with(|f| f.sort.unwrap_or_default());
    view! {
        <div class="content-search">
            <form class="search-form" role="search" aria-label=text::content::SEARCH_CONTENT novalidate on:submit=on_submit(search)>
                <label for="content-q">{text::content::SEARCH_CONTENT}</label>
                <div class="search-row">
                    <input
                        id="content-q"
                        name="q"
                        type="search"
                        autocomplete="off"
                        maxlength=QUERY_MAX
                        aria-invalid=move || q.error.with(Option::is_some).then_some("true")
                        aria-describedby="content-q-error"
                        prop:value=q.value
                        on:input=move |ev| q.input(event_target_value(&ev))
                    />
                    <button id="content-search" type="submit" class="primary">{text::content::SEARCH}</button>
                </div>
                <FieldError field=q />
            </form>
            <div class="field sort-field">
                <label for="content-sort">{text::content::SORT_BY}</label>
                <select id="content-sort" name="sort" on:change=sort>
                    {AssetSort::ALL
                        .iter()
                        .map(|&s| view! {
                            <option value=s.as_str() prop:selected=move || current_sort() == s>{s.label()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}

/// The results for one set of filters: facets with counts beside the cards.
#[component]
fn Results(filters: AssetQuery) -> impl IntoView {
    let query = asset_query_text(&filters);
    let total = RwSignal::new(None::<i64>);
    let capped = RwSignal::new(false);
    let facets = RwSignal::new(Facets::default());
    let list = Paged::new(move |cursor: Option<String>| {
        let query = query.clone();
        async move {
            let found = api::assets(&query, cursor.as_deref())
                .await
                .map_err(words_refused)?;
            if cursor.is_none() {
                let _ = total.try_set(Some(found.total));
                let _ = capped.try_set(found.capped);
                let _ = facets.try_set(found.facets);
            }
            Ok(Page {
                items: found.items,
                next_cursor: found.next_cursor,
            })
        }
    });
    let count = move || {
        let (total, capped) = (total.get(), capped.get());
        total
            .map(|n| text::content::asset_count(n, capped))
            .unwrap_or_default()
    };
    let has_words = filters.q.is_some();
    let capped_note = move || {
        capped.get().then(|| {
            let note = text::content::capped_note(COUNT_CAP, has_words);
            view! { <p id="content-capped" class="muted">{note}</p> }
        })
    };
    let narrowed = narrowed(&filters);
    let clear = move || {
        (narrowed && total.get() == Some(0)).then(|| {
            view! {
                <p>
                    <a id="content-clear" class="button secondary-link" href=Route::Content.href()>
                        {text::content::CLEAR_ALL}
                    </a>
                </p>
            }
        })
    };
    let items = list.items;
    view! {
        <div class="content-layout">
            <FacetPanel filters facets capped />
            <div class="content-main">
                <h2 class="visually-hidden" id="content-results-heading">{text::content::RESULTS}</h2>
                <p id="content-count" class="muted" role="status">{count}</p>
                {capped_note}
                <PagedList
                    list=list.controls()
                    loading=text::content::LOADING
                    empty=text::content::EMPTY
                >
                    <ul id="content-results" class="cards asset-grid" aria-labelledby="content-results-heading">
                        {move || items.get().into_iter().map(|card| view! { <AssetCardView card /> }).collect_view()}
                    </ul>
                </PagedList>
                {clear}
            </div>
        </div>
    }
}

/// Words from an address that break the search rules (the form checks what is typed) are
/// explained in the list's own words.
fn words_refused(mut error: api::ApiError) -> api::ApiError {
    if let Some(message) = error.fields.remove("q") {
        error.message = text::content::search_words_refused(&message);
    }
    error
}

/// One result: kind, title linking to the asset, summary and tags.
#[component]
fn AssetCardView(card: AssetCard) -> impl IntoView {
    let href = Route::Asset { id: card.id }.href();
    let tags = tags(&card);
    view! {
        <li class="card asset-card">
            <p class="asset-kind">
                {card.kind.label()}
                {card.is_new.then(|| view! { " " <span class="badge badge-new">{text::content::NEW}</span> })}
            </p>
            <h3 class="asset-card-title">
                <a href=href>{card.title}</a>
            </h3>
            {(!card.summary.is_empty()).then(|| view! { <p>{card.summary}</p> })}
            <Tags tags />
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_choose_and_clear_their_values() {
        let query = asset_query("q=roi&kind=deck&industry=Financial%20services", false);
        assert_eq!(Facet::Kind.chosen(&query).as_deref(), Some("deck"));
        assert_eq!(
            href(&Facet::Kind.with(&query, None)),
            "/content?q=roi&industry=Financial%20services"
        );
        let motion = Facet::Motion.with(&query, Some("referral"));
        assert_eq!(Facet::Motion.chosen(&motion).as_deref(), Some("referral"));
        assert!(narrowed(&query));
        assert!(!narrowed(&AssetQuery::default()));
        assert_eq!(href(&AssetQuery::default()), "/content");
    }
}
