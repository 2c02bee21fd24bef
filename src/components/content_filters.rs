//! What a content list shows, read from and written to its address.

use portico_api::assets::{AssetKind, AssetSort, AssetState, FacetCount, Facets};
use portico_api::organizations::Motion;
use portico_ui::location::Location;
use portico_ui::route::Route;
use portico_ui::url::encode;

/// A facet of the search: one value may be chosen at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Kind,
    Motion,
    Industry,
    UseCase,
}

impl Facet {
    pub const ALL: [Facet; 4] = [Facet::Kind, Facet::Motion, Facet::Industry, Facet::UseCase];

    /// The parameter's name, in the page's address and the API's.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Kind => "kind",
            Facet::Motion => "motion",
            Facet::Industry => "industry",
            Facet::UseCase => "use_case",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Facet::Kind => "Kind",
            Facet::Motion => "Motion",
            Facet::Industry => "Industry",
            Facet::UseCase => "Use case",
        }
    }

    /// A value as shown; kinds and motions by their labels, and only known ones accepted.
    pub fn label(self, value: &str) -> Option<String> {
        match self {
            Facet::Kind => AssetKind::parse(value).map(|k| k.label().to_owned()),
            Facet::Motion => Motion::parse(value).map(|m| m.label().to_owned()),
            Facet::Industry | Facet::UseCase => Some(value.to_owned()),
        }
    }

    pub fn counts(self, facets: &Facets) -> &[FacetCount] {
        match self {
            Facet::Kind => &facets.kind,
            Facet::Motion => &facets.motion,
            Facet::Industry => &facets.industry,
            Facet::UseCase => &facets.use_case,
        }
    }
}

/// What a content list shows, read from its address. The query string uses the API's own
/// parameter names, so the page's address and the API call share it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub q: String,
    /// One chosen value per facet, in `Facet::ALL`'s order.
    pub chosen: [Option<String>; 4],
    pub sort: Option<AssetSort>,
    /// The content desk's state filter.
    pub state: Option<AssetState>,
}

impl Filters {
    /// The filters in the address; `state` only where the page offers it.
    pub fn read(location: Location, with_state: bool) -> Filters {
        let get = |name: &str| location.query(name).filter(|v| !v.trim().is_empty());
        Filters {
            q: get("q").unwrap_or_default().trim().to_owned(),
            chosen: Facet::ALL.map(|f| get(f.name()).filter(|v| f.label(v).is_some())),
            sort: get("sort").as_deref().and_then(AssetSort::parse),
            state: get("state")
                .filter(|_| with_state)
                .as_deref()
                .and_then(AssetState::parse),
        }
    }

    /// Words and a state only, as the content desk searches.
    pub fn words_and_state(q: String, state: Option<AssetState>) -> Filters {
        Filters {
            q,
            state,
            ..Filters::default()
        }
    }

    /// `name=value&…`
    pub fn query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut add = |name: &str, value: &str| {
            parts.push(format!("{name}={}", encode(value, false)));
        };
        if !self.q.is_empty() {
            add("q", &self.q);
        }
        for (facet, value) in Facet::ALL.iter().zip(&self.chosen) {
            if let Some(value) = value {
                add(facet.name(), value);
            }
        }
        if let Some(sort) = self.sort.filter(|s| *s != AssetSort::default()) {
            add("sort", sort.as_str());
        }
        if let Some(state) = self.state {
            add("state", state.as_str());
        }
        parts.join("&")
    }

    pub fn href(&self, route: Route) -> String {
        route.with_query(&self.query())
    }

    pub fn with_facet(&self, facet: Facet, value: Option<&str>) -> Filters {
        let mut filters = self.clone();
        filters.chosen[facet as usize] = value.map(str::to_owned);
        filters
    }

    pub fn narrowed(&self) -> bool {
        !self.q.is_empty() || self.chosen.iter().any(Option::is_some)
    }
}
