//! The hub's facets: each facet's values with their counts, as links that narrow or widen the
//! search.

use leptos::prelude::*;
use portico_api::assets::{AssetKind, AssetQuery, FacetCount, Facets};
use portico_api::organizations::Motion;
use portico_ui::dom::on_click;
use portico_ui::format::format_number;

use super::href;
use crate::text;

/// A facet of the search: one value may be chosen at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Facet {
    Kind,
    Motion,
    Industry,
    UseCase,
}

impl Facet {
    pub(super) const ALL: [Facet; 4] =
        [Facet::Kind, Facet::Motion, Facet::Industry, Facet::UseCase];

    /// The parameter's name, in the page's address and the API's.
    fn name(self) -> &'static str {
        match self {
            Facet::Kind => "kind",
            Facet::Motion => "motion",
            Facet::Industry => "industry",
            Facet::UseCase => "use_case",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Facet::Kind => text::content::FACET_KIND,
            Facet::Motion => text::content::FACET_MOTION,
            Facet::Industry => text::content::FACET_INDUSTRY,
            Facet::UseCase => text::content::FACET_USE_CASE,
        }
    }

    /// A value as shown; kinds and motions by their labels, and only known ones accepted.
    fn label(self, value: &str) -> Option<String> {
        match self {
            Facet::Kind => AssetKind::parse(value).map(|k| k.label().to_owned()),
            Facet::Motion => Motion::parse(value).map(|m| m.label().to_owned()),
            Facet::Industry | Facet::UseCase => Some(value.to_owned()),
        }
    }

    fn counts(self, facets: &Facets) -> &[FacetCount] {
        match self {
            Facet::Kind => &facets.kind,
            Facet::Motion => &facets.motion,
            Facet::Industry => &facets.industry,
            Facet::UseCase => &facets.use_case,
        }
    }

    /// The value chosen for this facet, if any.
    pub(super) fn chosen(self, query: &AssetQuery) -> Option<String> {
        match self {
            Facet::Kind => query.kind.map(|k| k.as_str().to_owned()),
            Facet::Motion => query.motion.map(|m| m.as_str().to_owned()),
            Facet::Industry => query.industry.clone(),
            Facet::UseCase => query.use_case.clone(),
        }
    }

    /// The query with this facet's value chosen, or cleared.
    pub(super) fn with(self, query: &AssetQuery, value: Option<&str>) -> AssetQuery {
        let mut query = query.clone();
        match self {
            Facet::Kind => query.kind = value.and_then(AssetKind::parse),
            Facet::Motion => query.motion = value.and_then(Motion::parse),
            Facet::Industry => query.industry = value.map(str::to_owned),
            Facet::UseCase => query.use_case = value.map(str::to_owned),
        }
        query
    }
}

/// Each facet's values with their counts; choosing one narrows the list, "Clear" widens it.
/// Counts of a capped search are at least what they say.
#[component]
pub(super) fn FacetPanel(
    filters: AssetQuery,
    facets: RwSignal<Facets>,
    capped: RwSignal<bool>,
) -> impl IntoView {
    let blocks = Facet::ALL
        .into_iter()
        .map(|facet| {
            let filters = filters.clone();
            move || {
                let capped = capped.get();
                facets.with(|all| facet_block(facet, &filters, facet.counts(all), capped))
            }
        })
        .collect_view();
    // On a phone the filters fold into a drawer above the results, opened by this button.
    let chosen = Facet::ALL
        .into_iter()
        .filter(|f| f.chosen(&filters).is_some())
        .count();
    let open = RwSignal::new(false);
    let label = text::content::filters_toggle(chosen);
    view! {
        <button
            type="button"
            id="facets-toggle"
            class="secondary facets-toggle"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-controls="facets"
            on:click=on_click(move |_| open.update(|o| *o = !*o))
        >
            {label}
        </button>
        <aside id="facets" class="facets" class:open=open aria-labelledby="facets-heading">
            <h2 id="facets-heading" class="facets-title">{text::content::FILTERS}</h2>
            {blocks}
        </aside>
    }
}

pub(super) fn facet_block(
    facet: Facet,
    filters: &AssetQuery,
    counts: &[FacetCount],
    capped: bool,
) -> impl IntoView + use<> {
    let chosen = facet.chosen(filters);
    if counts.is_empty() && chosen.is_none() {
        return ().into_any();
    }
    let id = format!("facet-{}", facet.name());
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    let values = counts
        .iter()
        .filter_map(|c| {
            let label = facet.label(&c.value)?;
            let here = chosen.as_deref() == Some(c.value.as_str());
            let href = href(&facet.with(filters, Some(&c.value)));
            Some(view! {
                <li>
                    <a href=href aria-current=here.then_some("true")>
                        {label} " " <span class="count">{facet_count(c.count, capped)}</span>
                    </a>
                </li>
            })
        })
        .collect_view();
    let clear = chosen.map(|_| {
        let href = href(&facet.with(filters, None));
        let label = text::content::clear_facet(facet.title());
        view! {
            <a class="facet-clear" href=href aria-label=label>
                {text::content::CLEAR}
            </a>
        }
    });
    view! {
        <section class="facet" id=id aria-labelledby=labelled_by>
            <h3 id=heading>{facet.title()}</h3>
            <ul>{values}</ul>
            {clear}
        </section>
    }
    .into_any()
}

/// "(12)", or "(12+)" when the search was capped and there may be more.
fn facet_count(count: i64, capped: bool) -> String {
    format!(
        "({}{})",
        format_number(count),
        if capped { "+" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_counts_read_as_lower_bounds() {
        assert_eq!(facet_count(1200, false), "(1,200)");
        assert_eq!(facet_count(312, true), "(312+)");
    }

    #[test]
    fn only_known_kinds_and_motions_are_labelled() {
        assert_eq!(
            Facet::Kind.label("case_study").as_deref(),
            Some("Case study")
        );
        assert_eq!(Facet::Kind.label("nope"), None);
        assert_eq!(Facet::Motion.label("tech").as_deref(), Some("Tech / ISV"));
        assert_eq!(Facet::Industry.label("Retail").as_deref(), Some("Retail"));
    }
}
