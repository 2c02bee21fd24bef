//! The content hub (`/content`): the search, the results and the facets.

use portico_ui::format::format_number;

pub const TITLE: &str = "Content";
pub const INTRO: &str = "Decks, case studies, battlecards and more to sell with. Search, or \
    narrow the list by kind, motion, industry and use case.";

// --- The search form
pub const SEARCH_CONTENT: &str = "Search content";
pub const SEARCH: &str = "Search";
pub const SORT_BY: &str = "Sort by";

// --- The results
pub const RESULTS: &str = "Results";
pub const LOADING: &str = "Loading content…";
pub const EMPTY: &str = "No content matches your search and filters.";
pub const CLEAR_ALL: &str = "Clear the search and filters";
pub const NEW: &str = "New";

/// How many assets match; `capped` when there may be more than counted.
pub fn asset_count(n: i64, capped: bool) -> String {
    match (n, capped) {
        (n, true) => format!("{}+ assets", format_number(n)),
        (1, false) => "1 asset".to_owned(),
        (n, false) => format!("{} assets", format_number(n)),
    }
}

/// Under a capped count: what the counts (and, with words, the order) are based on.
pub fn capped_note(cap: i64, has_words: bool) -> String {
    let cap = format_number(cap);
    let counted = if has_words {
        "The counts and the best matches come from"
    } else {
        "The counts come from"
    };
    format!(
        "More than {cap} assets match. {counted} the {cap} added most recently. \
         Add words or a filter to narrow them down."
    )
}

/// Words from the address that break the search rules; `reason` is the API's message.
pub fn search_words_refused(reason: &str) -> String {
    format!("The search words cannot be used: {reason}")
}

// --- The facets
pub const FILTERS: &str = "Filters";
pub const FACET_KIND: &str = "Kind";
pub const FACET_MOTION: &str = "Motion";
pub const FACET_INDUSTRY: &str = "Industry";
pub const FACET_USE_CASE: &str = "Use case";
pub const CLEAR: &str = "Clear";

/// The button that opens the filters on a phone, with how many are chosen.
pub fn filters_toggle(chosen: usize) -> String {
    match chosen {
        0 => FILTERS.to_owned(),
        n => format!("Filters ({n} chosen)"),
    }
}

/// The accessible name of a facet's "Clear" link; `facet` is its title.
pub fn clear_facet(facet: &str) -> String {
    format!("Clear the {} filter", facet.to_lowercase())
}
