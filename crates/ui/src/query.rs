//! The pipeline's and the content library's filters are the API's own query types
//! ([`PipelineQuery`], [`AssetQuery`]): read from a page's address and written back with the
//! API's parameter names, so the page's address and the API call share one query string.

use portico_api::assets::{AssetKind, AssetQuery, AssetSort, AssetState};
use portico_api::organizations::Motion;
use portico_api::pipeline::{PipelineQuery, PipelineSort, ProtectionStatus};

use crate::deal::stage_fits;
use crate::url::{encode, query_value};

/// A query string's non-blank values by name.
struct Params<'a>(&'a str);

impl Params<'_> {
    fn get(&self, name: &str) -> Option<String> {
        query_value(self.0, name).filter(|v| !v.trim().is_empty())
    }

    fn parsed<T>(&self, name: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
        self.get(name).as_deref().and_then(parse)
    }

    fn number<T: std::str::FromStr>(&self, name: &str) -> Option<T> {
        self.get(name).and_then(|v| v.trim().parse().ok())
    }

    fn words(&self) -> Option<String> {
        self.get("q").map(|q| q.trim().to_owned())
    }
}

/// `name=value&…` with each value encoded.
#[derive(Default)]
struct Text(Vec<String>);

impl Text {
    fn add(&mut self, name: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.0.push(format!("{name}={}", encode(value, false)));
        }
    }

    fn finish(self) -> String {
        self.0.join("&")
    }
}

/// The pipeline filters in a query string; the organization, conflict and stale filters only
/// for vendor staff, and a stage only where the motion has it.
pub fn pipeline_query(search: &str, manager: bool) -> PipelineQuery {
    let params = Params(search);
    let motion = params.parsed("motion", Motion::parse);
    let mut query = PipelineQuery {
        motion,
        stage: params.get("stage").filter(|s| stage_fits(motion, s)),
        protection: params.parsed("protection", ProtectionStatus::parse),
        q: params.words(),
        sort: params.parsed("sort", PipelineSort::parse),
        ..PipelineQuery::default()
    };
    if manager {
        query.organization_id = params.number("organization_id");
        query.conflict = (params.get("conflict").as_deref() == Some("true")).then_some(true);
        query.stale_days = params.number("stale_days").filter(|d| *d > 0);
        query.overdue = (params.get("overdue").as_deref() == Some("true")).then_some(true);
    }
    query
}

/// The pipeline filters as a query string, without paging and without the default sort.
pub fn pipeline_query_text(query: &PipelineQuery) -> String {
    let mut text = Text::default();
    text.add("motion", query.motion.map(Motion::as_str));
    text.add("stage", query.stage.as_deref());
    text.add("protection", query.protection.map(ProtectionStatus::as_str));
    text.add("q", query.search());
    let sort = query.sort.filter(|s| *s != PipelineSort::Updated);
    text.add("sort", sort.map(PipelineSort::as_str));
    text.add(
        "organization_id",
        query.organization_id.map(|id| id.to_string()).as_deref(),
    );
    text.add("conflict", (query.conflict == Some(true)).then_some("true"));
    text.add(
        "stale_days",
        query.stale_days.map(|d| d.to_string()).as_deref(),
    );
    text.add("overdue", (query.overdue == Some(true)).then_some("true"));
    text.finish()
}

/// The content filters in a query string; the state only where the page offers it, and kinds
/// and motions only when known.
pub fn asset_query(search: &str, with_state: bool) -> AssetQuery {
    let params = Params(search);
    AssetQuery {
        q: params.words(),
        kind: params.parsed("kind", AssetKind::parse),
        motion: params.parsed("motion", Motion::parse),
        industry: params.get("industry"),
        use_case: params.get("use_case"),
        state: params
            .parsed("state", AssetState::parse)
            .filter(|_| with_state),
        sort: params.parsed("sort", AssetSort::parse),
        ..AssetQuery::default()
    }
}

/// The content filters as a query string, without paging and without the default sort.
pub fn asset_query_text(query: &AssetQuery) -> String {
    let mut text = Text::default();
    text.add("q", query.q.as_deref().filter(|q| !q.is_empty()));
    text.add("kind", query.kind.map(AssetKind::as_str));
    text.add("motion", query.motion.map(Motion::as_str));
    text.add("industry", query.industry.as_deref());
    text.add("use_case", query.use_case.as_deref());
    let sort = query.sort.filter(|s| *s != AssetSort::default());
    text.add("sort", sort.map(AssetSort::as_str));
    text.add("state", query.state.map(AssetState::as_str));
    text.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_filters_read_back_from_their_text() {
        let search = "?motion=referral&stage=intro_logged&protection=protected&q=+Acme+\
                      &sort=amount&organization_id=4&conflict=true&stale_days=30&overdue=true&cursor=x";
        let query = pipeline_query(search, true);
        assert_eq!(query.motion, Some(Motion::Referral));
        assert_eq!(query.stage.as_deref(), Some("intro_logged"));
        assert_eq!(query.q.as_deref(), Some("Acme"));
        assert_eq!(query.organization_id, Some(4));
        assert_eq!(query.conflict, Some(true));
        assert_eq!(query.stale_days, Some(30));
        assert_eq!(query.overdue, Some(true));
        assert_eq!(query.cursor, None);
        let text = pipeline_query_text(&query);
        assert_eq!(pipeline_query(&text, true), query);
        assert!(!text.contains("cursor"));
    }

    #[test]
    fn partners_get_no_manager_filters_and_stages_need_their_motion() {
        let query = pipeline_query(
            "organization_id=4&conflict=true&overdue=true&stage=intro_logged",
            false,
        );
        assert_eq!(query, PipelineQuery::default());
        let won = pipeline_query("stage=won&sort=updated", false);
        assert_eq!(won.stage.as_deref(), Some("won"));
        assert_eq!(pipeline_query_text(&won), "stage=won");
    }

    #[test]
    fn content_filters_read_back_from_their_text() {
        let search = "q=roi%20calculator&kind=deck&industry=Financial%20services&sort=newest\
                      &state=draft&motion=nonsense";
        let query = asset_query(search, true);
        assert_eq!(query.q.as_deref(), Some("roi calculator"));
        assert_eq!(query.kind, Some(AssetKind::Deck));
        assert_eq!(query.motion, None);
        assert_eq!(query.state, Some(AssetState::Draft));
        assert_eq!(asset_query(&asset_query_text(&query), true), query);
        assert_eq!(asset_query(search, false).state, None);
        assert_eq!(asset_query_text(&AssetQuery::default()), "");
    }
}
